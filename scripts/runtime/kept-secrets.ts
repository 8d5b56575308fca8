// Secrets `make start` makes on the first start and keeps beside the data (DATA_DIR, readable by
// their owner only), so a restart keeps them and people with a shell on the machine can read them:
// the simulators' /admin token (SIMULATORS_ADMIN_TOKEN if given), so demos and curl can use it; the
// application's database password (db/app-login.ts); the development identity provider's cookie
// secret and the development accounts' password (idp/); Temporal's Web UI's client secret there.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ADMIN_TOKEN_FILE = 'simulators-admin-token';
export const APP_DATABASE_PASSWORD_FILE = 'database-app-password';
export const IDP_COOKIE_SECRET_FILE = 'identity-cookie-secret';
export const IDP_DEVELOPMENT_PASSWORD_FILE = 'identity-development-password';
export const TEMPORAL_UI_SECRET_FILE = 'temporal-ui-client-secret';

/** The secret kept in `dataDir/file`, made (`bytes` random bytes, base64url) if there is none yet. */
export function keptSecret(dataDir: string, file: string, bytes = 24): string {
  const path = join(dataDir, file);
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const secret = randomBytes(bytes).toString('base64url');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  return secret;
}

export const simulatorsAdminToken = (dataDir: string, given?: string): string =>
  given ?? keptSecret(dataDir, ADMIN_TOKEN_FILE);
