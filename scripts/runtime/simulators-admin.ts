// The simulators' /admin token under `make start`: SIMULATORS_ADMIN_TOKEN if given, else one made on
// the first start and kept beside the data (DATA_DIR/simulators-admin-token, readable by its owner
// only), so demos and people with curl can read it and a restart keeps it.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ADMIN_TOKEN_FILE = 'simulators-admin-token';

export function simulatorsAdminToken(dataDir: string, given?: string): string {
  if (given !== undefined) return given;
  const file = join(dataDir, ADMIN_TOKEN_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const token = randomBytes(24).toString('base64url');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}
