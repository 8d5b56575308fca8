// The production profile's trust (issue 23): a development CA for mutual TLS between every Temporal
// service and every client, and the key pair that signs the service identities' tokens the
// server's authorizer checks. Made at first start and kept in the data directory; in a real
// deployment the same files come from the organisation's CA and identity provider.
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { developmentCa, issueUnder } from '../../config/x509';

/**
 * Two CAs: the cluster's signs what the services present to each other and to clients (internode,
 * frontend); the clients' signs the API's, the worker's, the operator's and the Web UI's. The
 * services trust only the cluster's CA among themselves, so a client's certificate opens the
 * frontend — where the authorizer stands — and no history or matching host behind it.
 */
const CAS = {
  cluster: ['internode', 'frontend'],
  clients: ['api', 'worker', 'operator', 'ui'],
} as const;
export type TlsPeer = (typeof CAS)[keyof typeof CAS][number];
const TLS_PEERS: TlsPeer[] = Object.values(CAS).flat();

/** The name every certificate answers to: clients verify the frontend's certificate against it. */
export const TLS_SERVER_NAME = 'temporal.lien-thong.internal';

/** Tokens for Temporal carry this audience: a token the API accepts from people is not one. */
export const TEMPORAL_TOKEN_AUDIENCE = 'temporal';

export interface PeerFiles {
  cert: string;
  key: string;
}

export interface ClusterPki {
  dir: string;
  /** PEM files of the two CAs. */
  clusterCa: string;
  clientsCa: string;
  peers: Record<TlsPeer, PeerFiles>;
  /** The public keys the frontend checks tokens with (JSON Web Key Set). */
  jwks: { keys: JWK[] };
  signingKey: JWK;
}

const peerFiles = (dir: string, peer: TlsPeer): PeerFiles => ({
  cert: join(dir, `${peer}.cert.pem`),
  key: join(dir, `${peer}.key.pem`),
});

const exists = (path: string) =>
  stat(path).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );

async function makePki(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  for (const [caId, peers] of Object.entries(CAS)) {
    // The CA's key is not kept: development certificates are all made here, at once.
    const ca = developmentCa(`Liên thông Temporal ${caId} CA (phát triển — không dùng thật)`);
    await writeFile(join(dir, `${caId}-ca.cert.pem`), ca.certificate);
    for (const peer of peers) {
      const files = peerFiles(dir, peer);
      const issued = issueUnder(ca, {
        commonName: `lien-thong-${peer}`,
        use: { kind: 'tls', dnsNames: [TLS_SERVER_NAME, 'localhost'], ipAddresses: ['127.0.0.1'] },
        years: 2,
      });
      await writeFile(files.key, issued.privateKey, { mode: 0o600 });
      await writeFile(files.cert, issued.certificate);
    }
  }
  // ES256: one of the two algorithms Temporal's default key provider accepts (RS256 the other).
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = `lien-thong-services-${new Date().toISOString().slice(0, 10)}`;
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  await writeFile(
    join(dir, 'token-signing.jwk.json'),
    JSON.stringify({ ...(await exportJWK(privateKey)), kid, alg: 'ES256' }),
    { mode: 0o600 },
  );
  await writeFile(join(dir, 'jwks.json'), JSON.stringify({ keys: [publicJwk] }));
}

/** The cluster's CA, certificates and token keys in `dir`, made there first if missing. */
export async function ensureClusterPki(dir: string): Promise<ClusterPki & { made: boolean }> {
  const made = !(await exists(join(dir, 'jwks.json')));
  if (made) await makePki(dir);
  const readJson = async <T>(file: string) =>
    JSON.parse(await readFile(join(dir, file), 'utf8')) as T;
  return {
    dir,
    made,
    clusterCa: join(dir, 'cluster-ca.cert.pem'),
    clientsCa: join(dir, 'clients-ca.cert.pem'),
    peers: Object.fromEntries(TLS_PEERS.map((p) => [p, peerFiles(dir, p)])) as Record<
      TlsPeer,
      PeerFiles
    >,
    jwks: await readJson<{ keys: JWK[] }>('jwks.json'),
    signingKey: await readJson<JWK>('token-signing.jwk.json'),
  };
}

/**
 * A service identity's token for Temporal's authorizer: `permissions` are `<namespace>:<role>`
 * (read, write, admin; `temporal-system:admin` for the whole cluster), as its claim mapper reads them.
 */
export async function mintServiceToken(
  pki: Pick<ClusterPki, 'signingKey'>,
  {
    subject,
    permissions,
    ttlSeconds,
  }: { subject: string; permissions: string[]; ttlSeconds: number },
): Promise<string> {
  const key = await importJWK(pki.signingKey, 'ES256');
  return new SignJWT({ permissions })
    .setProtectedHeader({ alg: 'ES256', kid: pki.signingKey.kid, typ: 'JWT' })
    .setSubject(subject)
    .setIssuer('lien-thong-launcher')
    .setAudience(TEMPORAL_TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key);
}

/**
 * The services' identities and what each may do. The API and the worker write in their namespace —
 * Temporal's default authorizer has no finer role: polling tasks and starting workflows are both
 * writes — and neither can do anything in another namespace or to the cluster (registering
 * namespaces is the operator's). The Web UI's gateway only reads, the cluster too: the UI lists the
 * namespaces and the cluster's version first.
 */
export const serviceIdentities = (namespace: string) => ({
  api: { subject: 'lien-thong-api', permissions: [`${namespace}:write`] },
  worker: { subject: 'lien-thong-worker', permissions: [`${namespace}:write`] },
  'web-ui': {
    subject: 'lien-thong-web-ui',
    permissions: [`${namespace}:read`, 'temporal-system:read'],
  },
});
export type ServiceIdentity = keyof ReturnType<typeof serviceIdentities>;

/**
 * Writes each service's token to `<dir>/<service>.jwt` (0600) as `tokens` makes it, each through a
 * temporary file renamed into place: a service reading its file meanwhile (every minute, the UI's
 * gateway on every request) reads the old token or the new one, never half of one.
 */
export async function writeTokenFiles(
  dir: string,
  tokens: Record<ServiceIdentity, () => Promise<string>>,
): Promise<Record<ServiceIdentity, string>> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const files = {} as Record<ServiceIdentity, string>;
  for (const [service, token] of Object.entries(tokens) as [
    ServiceIdentity,
    () => Promise<string>,
  ][]) {
    const path = join(dir, `${service}.jwt`);
    const next = `${path}.${process.pid}.tmp`;
    await writeFile(next, await token(), { mode: 0o600 });
    await rename(next, path);
    files[service] = path;
  }
  return files;
}

/**
 * Each service's token signed with the cluster's own key, valid a day (compose's
 * temporal-credentials; the benchmarks' production profile): renewed every hour, and the services
 * read the file again each minute.
 */
export const writeServiceTokens = (
  pki: Pick<ClusterPki, 'signingKey'>,
  dir: string,
  namespace: string,
) =>
  writeTokenFiles(
    dir,
    Object.fromEntries(
      Object.entries(serviceIdentities(namespace)).map(([service, identity]) => [
        service,
        () => mintServiceToken(pki, { ...identity, ttlSeconds: 24 * 3600 }),
      ]),
    ) as Record<ServiceIdentity, () => Promise<string>>,
  );
