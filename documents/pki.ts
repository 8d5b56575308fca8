// The keys that sign the documents a case hands out (issue 21): one key and certificate per issuing
// agency, under a certificate authority. In development `make start` (and the tests) make a CA and
// the agencies' keys here and keep them in a directory; in production the same files come from
// configuration (DOCUMENT_KEYS_DIR), issued by a real CA. A hardware token is out of scope: the
// signer is an interface (documents/signer.ts) a token's driver can implement.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { developmentCa, issueUnder } from '../config/x509';
import { ISSUERS, type Issuer } from '../domain/documents';

export interface SigningKey {
  /** PEM, PKCS#8. */
  privateKey: string;
  /** PEM: the issuer's certificate. */
  certificate: string;
  /** PEM: the certificates above it, up to the CA, sent with each signature. */
  chain: string[];
}

export interface Keyring {
  caCertificate: string;
  keys: Record<Issuer, SigningKey>;
}

/** A development CA and a key for each issuer, valid for years: never for production. */
export function developmentKeyring(): Keyring {
  const ca = developmentCa('Liên thông Development CA — không dùng thật');
  const keys = Object.fromEntries(
    Object.entries(ISSUERS).map(([issuer, { name }]) => {
      const issued = issueUnder(ca, {
        commonName: name,
        use: { kind: 'document-signing' },
        years: 3,
      });
      const key: SigningKey = { ...issued, chain: [ca.certificate] };
      return [issuer, key];
    }),
  ) as Record<Issuer, SigningKey>;
  return { caCertificate: ca.certificate, keys };
}

const files = (dir: string, issuer: string) => ({
  key: join(dir, `${issuer}.key.pem`),
  cert: join(dir, `${issuer}.cert.pem`),
});

/** Writes a keyring as PEM files: `ca.cert.pem`, `<issuer>.key.pem` (0600), `<issuer>.cert.pem`. */
export async function writeKeyring(dir: string, keyring: Keyring): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(join(dir, 'ca.cert.pem'), keyring.caCertificate);
  for (const [issuer, key] of Object.entries(keyring.keys)) {
    const { key: keyFile, cert } = files(dir, issuer);
    await writeFile(keyFile, key.privateKey, { mode: 0o600 });
    await writeFile(cert, key.certificate);
  }
}

/** Reads the keyring `writeKeyring` wrote (or an operator put there): every issuer must have a key. */
export async function readKeyring(dir: string): Promise<Keyring> {
  const caCertificate = await readFile(join(dir, 'ca.cert.pem'), 'utf8');
  const entries = await Promise.all(
    Object.keys(ISSUERS).map(async (issuer) => {
      const { key, cert } = files(dir, issuer);
      const [privateKey, certificate] = await Promise.all([
        readFile(key, 'utf8'),
        readFile(cert, 'utf8'),
      ]);
      const signing: SigningKey = { privateKey, certificate, chain: [caCertificate] };
      return [issuer, signing] as const;
    }),
  );
  return { caCertificate, keys: Object.fromEntries(entries) as Record<Issuer, SigningKey> };
}

/** Makes a development keyring in `dir` unless one is there. True: one was made. */
export async function ensureDevelopmentKeyring(dir: string): Promise<boolean> {
  try {
    await readKeyring(dir);
    return false;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await writeKeyring(dir, developmentKeyring());
    return true;
  }
}
