// Failure messages and stack traces are kept in an encoded attribute of each failure (a payload)
// instead of in clear, so the payload codec encrypts them with everything else: some carry what a
// case is about (an agency call's failure names its path, the population database's holds a PIN;
// a refusal quotes the start of the agency's reply). Loaded by name (`failureConverterPath`): into
// the workflow bundle, and by every client and worker (config/data-converter.ts). Any failure
// converter decodes such failures, so histories from before read as they did. Written without
// TypeScript-only syntax: the SDK `require`s it by path, also where no TypeScript loader runs.
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
