// The codec endpoint (Temporal's "codec server" protocol) for the Temporal Web UI and CLI: histories
// hold ciphertext only (config/payload-codec.ts), and an operator who must read one asks the API,
// which holds the keys. Admins only; every call is audited (api/route.ts), a decode with the SHA-256
// of each payload it decrypted; nothing is cached. The UI's pages call it from their own origin,
// so the origins of CODEC_CORS_ORIGINS get CORS answers, preflight included.
import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ValueError, type Payload, type PayloadCodec } from '@temporalio/common';
import { isEncrypted } from '../../config/payload-codec';
import { ApiError } from '../../domain/errors';
import { Role } from '../../domain/principal';
import type { ApiDeps } from '../deps';
import { HttpProblem } from '../problem';
import { defineRoute, type RouteDefinition } from '../route';
import { CodecPayloads, type JsonPayload } from '../schemas/codec.schemas';
import { jsonContent } from '../schemas/content';
import { problemResponse } from '../schemas/problem.schemas';

export const CODEC_PATH = '/v1/codec';
/** The codec protocol's payloads can be large (Temporal allows 2 MB each): more than other bodies. */
export const CODEC_BODY_LIMIT = '4mb';

const NOT_CACHED = { 'Cache-Control': 'no-store' };

const fromJson = ({ metadata, data }: JsonPayload): Payload => ({
  metadata: Object.fromEntries(
    Object.entries(metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')]),
  ),
  ...(data !== undefined && { data: Buffer.from(data, 'base64') }),
});

const toJson = ({ metadata, data }: Payload): JsonPayload => ({
  metadata: Object.fromEntries(
    Object.entries(metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  ),
  ...(data && { data: Buffer.from(data).toString('base64') }),
});

/** Without keys (development): payloads are in clear, and an encrypted one cannot be read. */
const PLAIN: PayloadCodec = {
  encode: (payloads) => Promise.resolve(payloads),
  decode: (payloads) =>
    payloads.some(isEncrypted)
      ? Promise.reject(new ValueError('this API holds no payload keys'))
      : Promise.resolve(payloads),
};

async function run(
  step: (payloads: Payload[]) => Promise<Payload[]>,
  payloads: Payload[],
): Promise<Payload[]> {
  try {
    return await step(payloads);
  } catch (error) {
    // A key this API does not hold, a payload changed since it was encrypted: the caller's data.
    if (error instanceof ValueError)
      throw new HttpProblem(ApiError.UNPROCESSABLE, {
        vi: `không giải mã được dữ liệu (${error.message})`,
        en: error.message,
      });
    throw error;
  }
}

const description = (what: string) =>
  `${what} Temporal's codec-server protocol: \`{ payloads: [{ metadata: { key: base64 }, data: ` +
  'base64 }] }` in, the same shape out, in order. Give the Web UI (or `temporal --codec-endpoint`) ' +
  `the endpoint \`<API>${CODEC_PATH}\`; the \`X-Namespace\` header it sends is accepted and not ` +
  'needed (one keyring serves every namespace). Admins only, audited, never cached.';

export function codecRoutes({ payloadCodec }: ApiDeps): RouteDefinition[] {
  const codec = payloadCodec ?? PLAIN;
  const tooLarge = problemResponse(`The body is larger than ${CODEC_BODY_LIMIT}.`);
  return [
    defineRoute({
      method: 'post',
      path: `${CODEC_PATH}/decode`,
      operationId: 'decodePayloads',
      summary: 'decrypt Temporal payloads (codec server, for the Temporal Web UI)',
      description: description(
        'Payloads not encrypted pass through unchanged. A read of personal data: the audit log ' +
          'keeps the SHA-256 of each encrypted payload decrypted.',
      ),
      tags: ['operations'],
      access: [Role.admin],
      request: { body: CodecPayloads },
      responses: {
        200: { description: 'the payloads, decrypted', content: jsonContent(CodecPayloads) },
        413: tooLarge,
        422: problemResponse(
          'A payload names a key the API does not hold, or fails authentication (changed).',
        ),
      },
      handle: async ({ body }) => {
        const payloads = body.payloads.map(fromJson);
        const decoded = await run((p) => codec.decode(p), payloads);
        const sha256 = payloads.filter(isEncrypted).map((p) =>
          createHash('sha256')
            .update(p.data ?? new Uint8Array())
            .digest('hex'),
        );
        return {
          status: 200,
          body: { payloads: decoded.map(toJson) },
          headers: NOT_CACHED,
          sha256,
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: `${CODEC_PATH}/encode`,
      operationId: 'encodePayloads',
      summary: 'encrypt Temporal payloads (codec server, for the Temporal Web UI)',
      description: description(
        'Encrypts with the active key, as the API and workers do (the UI sending a signal).',
      ),
      tags: ['operations'],
      access: [Role.admin],
      request: { body: CodecPayloads },
      responses: {
        200: { description: 'the payloads, encrypted', content: jsonContent(CodecPayloads) },
        413: tooLarge,
      },
      handle: async ({ body }) => {
        const encoded = await run((p) => codec.encode(p), body.payloads.map(fromJson));
        return { status: 200, body: { payloads: encoded.map(toJson) }, headers: NOT_CACHED };
      },
    }),
  ];
}

/**
 * CORS for the Temporal Web UI's pages, which call the codec endpoint from their own origin: the
 * allowed origins get their answer (a preflight ends here, 204), others none, so a browser refuses
 * them. The bearer token is still required on the request itself.
 */
export function codecCors(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    const origin = req.get('origin');
    res.vary('Origin');
    if (origin !== undefined && allowed.has(origin)) {
      res.set({
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Expose-Headers': 'X-Request-Id',
      });
      if (req.method === 'OPTIONS') {
        res
          .set({
            'Access-Control-Allow-Methods': 'POST, OPTIONS',
            // The UI sends the person's ID token beside their access token (not read here).
            'Access-Control-Allow-Headers':
              'Authorization, Authorization-Extras, Content-Type, X-Namespace',
            'Access-Control-Max-Age': '600',
            ...NOT_CACHED,
          })
          .status(204)
          .end();
        return;
      }
    }
    next();
  };
}
