// The development identity provider's token-signing key: an EC P-256 private JWK in a file (ES256),
// made at the first `make start` beside the data; its public half is what the API fetches at /jwks.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { ConfigError } from '../config/env';

export async function readSigningKey(path: string): Promise<JWK> {
  let key: JWK;
  try {
    key = JSON.parse(await readFile(path, 'utf8')) as JWK;
  } catch (error) {
    throw new ConfigError([
      `IDP_SIGNING_KEY_FILE: cannot read ${path} as a JWK (${String(error)})`,
    ]);
  }
  if (key.kty !== 'EC' || key.crv !== 'P-256' || typeof key.d !== 'string')
    throw new ConfigError([`IDP_SIGNING_KEY_FILE: ${path} is not an EC P-256 private key`]);
  return key;
}

/** Makes a signing key at `path` (owner only) if none is there; true if made. */
export async function ensureDevelopmentSigningKey(path: string): Promise<boolean> {
  if (existsSync(path)) return false;
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = privateKey.export({ format: 'jwk' }) as JWK;
  const key = { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'ES256', use: 'sig' };
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(key)}\n`, { mode: 0o600 });
  return true;
}
