// The development identity provider as its own process (`make start` runs it beside the API):
// prepares its table, adds the development accounts when given their password, and serves the
// OpenID Provider (idp/provider.ts) until SIGINT or SIGTERM.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { IdpEnv, loadEnv } from '../config/env';
import { createLogger } from '../config/logger';
import { migrate } from '../db/migrate';
import { createPool } from '../db/pool';
import { createAccountStore, IDP_MIGRATIONS } from './accounts';
import { ServiceClients } from './clients';
import { seedDevelopmentAccounts } from './development-accounts';
import { readSigningKey } from './keys';
import { createIdentityProvider } from './provider';

async function main(): Promise<void> {
  const env = loadEnv(IdpEnv);
  const logger = createLogger({ level: env.LOG_LEVEL, name: 'idp' });
  await migrate(env.DATABASE_URL, { dir: IDP_MIGRATIONS, table: 'idp_schema_migrations' });
  const db = createPool(env.DATABASE_URL, {
    max: 5,
    onError: (err) => logger.warn({ err }, 'idle database connection lost'),
  });
  const accounts = createAccountStore(db);
  if (env.IDP_DEVELOPMENT_PASSWORD !== undefined) {
    const added = await seedDevelopmentAccounts(db, accounts, env.IDP_DEVELOPMENT_PASSWORD);
    if (added > 0) logger.info({ added }, 'development accounts added');
  }
  const issuer = env.IDP_ISSUER ?? `http://${env.IDP_HOST}:${env.IDP_PORT}`;
  const { handler } = createIdentityProvider({
    issuer,
    accounts,
    signingKey: await readSigningKey(env.IDP_SIGNING_KEY_FILE),
    cookieKeys: [env.IDP_COOKIE_SECRET],
    redirectUris: env.IDP_REDIRECT_URIS,
    ...(env.IDP_TEMPORAL_UI_SECRET &&
      env.IDP_TEMPORAL_UI_REDIRECT_URI && {
        temporalUi: {
          clientSecret: env.IDP_TEMPORAL_UI_SECRET,
          redirectUri: env.IDP_TEMPORAL_UI_REDIRECT_URI,
        },
      }),
    ...(env.IDP_SERVICE_CLIENTS_FILE && {
      serviceClients: ServiceClients.parse(
        JSON.parse(await readFile(env.IDP_SERVICE_CLIENTS_FILE, 'utf8')),
      ),
    }),
    audience: env.AUTH_JWT_AUDIENCE,
    accessTokenSeconds: env.IDP_ACCESS_TOKEN_MINUTES * 60,
    logger,
  });
  const server = createServer(handler).listen(env.IDP_PORT, env.IDP_HOST, () =>
    logger.info({ issuer }, 'identity provider listening'),
  );
  const stop = () => server.close(() => void db.end());
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
