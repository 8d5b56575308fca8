import { z } from 'zod';
import { rule } from '../../domain/rule-texts';

/** proto3 JSON of bytes: standard or URL-safe base64. */
const Bytes = z
  .string()
  .max(4_000_000)
  .regex(/^[A-Za-z0-9+/_-]*={0,2}$/, rule('base64'));

export const JsonPayload = z
  .object({
    metadata: z
      .record(z.string().min(1).max(200), Bytes)
      .optional()
      .describe('each value base64 (`encoding`: `YmluYXJ5L2VuY3J5cHRlZA==` is binary/encrypted)'),
    data: Bytes.optional().describe(rule('base64')),
  })
  .describe('a Temporal Payload in proto3 JSON, as the Web UI and the CLI send it');
export type JsonPayload = z.infer<typeof JsonPayload>;

const EXAMPLE = {
  payloads: [
    {
      metadata: { encoding: 'anNvbi9wbGFpbg==' },
      data: 'eyJzdGF0dXMiOiJzdWJtaXR0ZWQifQ==',
    },
  ],
};

export const CodecPayloads = z.object({ payloads: z.array(JsonPayload).max(1000) }).meta({
  id: 'CodecPayloads',
  description: 'Temporal’s codec-server protocol: the payloads of one request, in order',
  examples: [EXAMPLE],
});
