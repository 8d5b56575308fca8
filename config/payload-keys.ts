// Where the payload keys come from: a JSON file (TEMPORAL_PAYLOAD_KEYS_FILE), read once at start-up,
// `{ "active": "k2", "keys": { "k1": "<base64 of 32 bytes>", "k2": "…" } }`. Rotating is adding a key
// and naming it active; a key is removed only once no retained history was written with it. In
// production the file is a secret mounted into the API and worker; `make start` makes a development
// one in DATA_DIR.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { ConfigError } from './env';
import { EncryptionCodec, KEY_BYTES, type PayloadKeyring } from './payload-codec';

const KEY = 'TEMPORAL_PAYLOAD_KEYS_FILE';

const KeyId = z
  .string()
  .regex(/^[\w.-]{1,64}$/, '1–64 letters, digits, _ . or -')
  .describe('names the key in each payload it encrypted (metadata encryption-key-id)');

const Key = z
  .base64()
  .refine((value) => Buffer.from(value, 'base64').length === KEY_BYTES, {
    message: `must be the base64 of ${KEY_BYTES} random bytes (AES-256)`,
  })
  .describe(`base64 of ${KEY_BYTES} random bytes`);

export const PayloadKeysFile = z
  .strictObject({
    active: KeyId.describe('the key new payloads are encrypted with'),
    keys: z.record(KeyId, Key).describe('every key a retained history may have been written with'),
  })
  .refine((file) => file.active in file.keys, {
    path: ['active'],
    message: 'names no key of `keys`',
  });
export type PayloadKeysFile = z.infer<typeof PayloadKeysFile>;

export const keyringOf = (file: PayloadKeysFile): PayloadKeyring => ({
  active: file.active,
  keys: new Map(Object.entries(file.keys).map(([id, key]) => [id, Buffer.from(key, 'base64')])),
});

/** The keyring in `path`, or a ConfigError naming every problem with the file (never a key). */
export async function readPayloadKeyring(path: string): Promise<PayloadKeyring> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? 'not JSON';
    throw new ConfigError([`${KEY}: cannot read ${path} (${why})`]);
  }
  const parsed = PayloadKeysFile.safeParse(json);
  if (!parsed.success)
    throw new ConfigError(
      parsed.error.issues.map((i) => `${KEY}: ${[path, ...i.path].join('.')}: ${i.message}`),
    );
  return keyringOf(parsed.data);
}

/** A new keyring of one random key, as a file's content. */
export function generatePayloadKeys(keyId = `k-${new Date().toISOString().slice(0, 10)}`) {
  return { active: keyId, keys: { [keyId]: randomBytes(KEY_BYTES).toString('base64') } };
}

/**
 * `make start`: a development key file at `path` unless one is there. Returns whether it made one.
 * Readable by its owner only, like any secret.
 */
export async function ensureDevelopmentPayloadKeys(path: string): Promise<boolean> {
  try {
    await readPayloadKeyring(path);
    return false;
  } catch (error) {
    if (!(error instanceof ConfigError && /\(ENOENT\)/.test(error.problems[0] ?? ''))) throw error;
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `${JSON.stringify(generatePayloadKeys('dev-1'), null, 2)}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
    return true;
  }
}

/** The codec for `path`'s keys. */
export async function readEncryptionCodec(path: string): Promise<EncryptionCodec> {
  return new EncryptionCodec(await readPayloadKeyring(path));
}
