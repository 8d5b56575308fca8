// The keys the audit chain's checkpoints are signed and checked with (db/audit-checkpoints.ts):
// Ed25519, as PEM files. In production the private key is a secret mounted into the API only, and
// the public keys are kept wherever the verifier runs; `make start` makes a development key in
// DATA_DIR. Rotating is starting to sign with a new key while the verifier keeps the old public key.
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigError } from './env';

async function pem(key: string, path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError([
      `${key}: cannot read ${path} (${(error as NodeJS.ErrnoException).code})`,
    ]);
  }
}

function ed25519(key: string, path: string, make: () => KeyObject): KeyObject {
  let object: KeyObject;
  try {
    object = make();
  } catch {
    throw new ConfigError([`${key}: ${path} is not a PEM key`]);
  }
  if (object.asymmetricKeyType !== 'ed25519')
    throw new ConfigError([
      `${key}: ${path} is a ${object.asymmetricKeyType ?? 'secret'} key, not Ed25519`,
    ]);
  return object;
}

/** The private key checkpoints are signed with. */
export async function readAuditSigningKey(path: string): Promise<KeyObject> {
  const text = await pem('AUDIT_SIGNING_KEY_FILE', path);
  return ed25519('AUDIT_SIGNING_KEY_FILE', path, () => createPrivateKey(text));
}

/** A public key checkpoints are checked with. */
export async function readAuditVerifyKey(path: string): Promise<KeyObject> {
  const text = await pem('AUDIT_VERIFY_KEY_FILES', path);
  return ed25519('AUDIT_VERIFY_KEY_FILES', path, () => createPublicKey(text));
}

/** Makes a development signing key at `path` (PKCS#8 PEM, owner only) if none is there; true if made. */
export async function ensureDevelopmentAuditKey(path: string): Promise<boolean> {
  if (existsSync(path)) return false;
  const { privateKey } = generateKeyPairSync('ed25519');
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  return true;
}
