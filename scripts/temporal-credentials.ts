// The production topology's stand-in for an identity provider and a CA (docker-compose.yml's
// `temporal-credentials`): makes the Temporal cluster's CAs and certificates once in
// TEMPORAL_PKI_DIR, writes the API's and the worker's service tokens to TEMPORAL_TOKENS_DIR and
// renews them every hour, and serves the token keys (JWKS) the frontend's authorizer checks them with.
// `make start PROFILE=production` does the same inside the launcher.
import { z } from 'zod';
import { loadEnv } from '../config/env';
import { serveJwks } from './runtime/temporal-cluster';
import { ensureClusterPki, writeServiceTokens } from './runtime/temporal-pki';

const Env = z.object({
  TEMPORAL_PKI_DIR: z.string().min(1).default('/var/lib/lien-thong/temporal-pki'),
  TEMPORAL_TOKENS_DIR: z.string().min(1).default('/var/lib/lien-thong/temporal-tokens'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  JWKS_HOST: z.string().min(1).default('0.0.0.0'),
  JWKS_PORT: z.coerce.number().int().min(1).max(65_535).default(8080),
});

async function main(): Promise<void> {
  const env = loadEnv(Env);
  const pki = await ensureClusterPki(env.TEMPORAL_PKI_DIR);
  console.log(
    `[credentials] ${pki.made ? 'made' : 'found'} the cluster's CAs and certificates in ${pki.dir}`,
  );
  const renew = () => writeServiceTokens(pki, env.TEMPORAL_TOKENS_DIR, env.TEMPORAL_NAMESPACE);
  await renew();
  setInterval(
    () => void renew().catch((error: unknown) => console.error(`[credentials] ${String(error)}`)),
    3600_000,
  );
  await serveJwks(pki.jwks, env.JWKS_PORT, env.JWKS_HOST);
  console.log(
    `[credentials] tokens in ${env.TEMPORAL_TOKENS_DIR}; JWKS on ${env.JWKS_HOST}:${env.JWKS_PORT}/jwks.json`,
  );
  const stop = () => process.exit(0);
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
