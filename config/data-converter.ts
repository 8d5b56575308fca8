// The one data converter of every Temporal client and worker (the API, the worker, scripts, chaos,
// benchmarks, the test stack): payloads encrypted with the keys of TEMPORAL_PAYLOAD_KEYS_FILE. A
// client or worker without it would write personal data in clear, or fail to read what the others
// wrote, so each builds it here rather than from the SDK's defaults.
import { join } from 'node:path';
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import { ConfigError } from './env';
import type { Logger } from './logger';
import { readEncryptionCodec } from './payload-keys';

export interface TemporalPayloads {
  /** Unset: payloads are stored as the SDK writes them, in clear (development only). */
  codec: PayloadCodec | undefined;
  dataConverter: DataConverter;
}

/**
 * The failure converter every worker, client and the workflow bundle load (by path: the sandbox
 * cannot be handed an object), which puts failure messages and stack traces through the codec.
 */
export const FAILURE_CONVERTER_PATH = join(__dirname, '..', 'workflows', 'failure-converter.ts');

export const temporalPayloads = (codec: PayloadCodec | undefined): TemporalPayloads => ({
  codec,
  dataConverter: {
    failureConverterPath: FAILURE_CONVERTER_PATH,
    ...(codec && { payloadCodecs: [codec] }),
  },
});

/**
 * The codec of `TEMPORAL_PAYLOAD_KEYS_FILE`. Production refuses to start without keys: a history in
 * clear is personal data in Temporal's database and backups. Development runs in clear, and says so.
 */
export async function temporalPayloadsFromEnv(
  env: { NODE_ENV: string; TEMPORAL_PAYLOAD_KEYS_FILE?: string | undefined },
  log: Pick<Logger, 'warn'>,
): Promise<TemporalPayloads> {
  if (env.TEMPORAL_PAYLOAD_KEYS_FILE !== undefined)
    return temporalPayloads(await readEncryptionCodec(env.TEMPORAL_PAYLOAD_KEYS_FILE));
  if (env.NODE_ENV === 'production')
    throw new ConfigError([
      'TEMPORAL_PAYLOAD_KEYS_FILE: production encrypts Temporal payloads; give the key file',
    ]);
  log.warn('TEMPORAL_PAYLOAD_KEYS_FILE is unset: Temporal payloads are stored in clear');
  return temporalPayloads(undefined);
}

/**
 * Every payload a history (or any other Temporal API message) holds, wherever it sits: inputs,
 * results, signals, memo, headers, failure details. A payload is a message with a `metadata` map of
 * bytes.
 */
export function payloadsIn(message: unknown): Payload[] {
  const found: Payload[] = [];
  const walk = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return;
    if (isPayload(value)) {
      found.push(value);
      return;
    }
    for (const child of Object.values(value)) walk(child);
  };
  walk(message);
  return found;
}

function isPayload(value: object): value is Payload {
  const { metadata } = value as { metadata?: unknown };
  return (
    metadata !== null &&
    typeof metadata === 'object' &&
    Object.values(metadata).every((v) => v instanceof Uint8Array) &&
    Object.keys(value).every((k) => ['metadata', 'data', 'externalPayloads'].includes(k))
  );
}

/** Decodes every payload of `message` in place (a history fetched raw, before it is kept). */
export async function decodePayloadsIn<T>(message: T, codec: PayloadCodec): Promise<T> {
  const payloads = payloadsIn(message);
  const decoded = await codec.decode(payloads);
  payloads.forEach((payload, i) => {
    const { metadata, data } = decoded[i] ?? payload;
    payload.metadata = metadata ?? null;
    payload.data = data ?? null;
  });
  return message;
}
