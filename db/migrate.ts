// Schema migrations: numbered SQL files in db/migrations, applied in order by node-pg-migrate under an
// advisory lock, so several processes starting at once apply each migration exactly once.
import { join } from 'node:path';
import { runner } from 'node-pg-migrate';

export const MIGRATIONS_DIR = join(__dirname, 'migrations');

/** Applies pending migrations; the agency simulators keep their own folder and table. */
export async function migrate(
  databaseUrl: string,
  { dir = MIGRATIONS_DIR, table = 'schema_migrations' }: { dir?: string; table?: string } = {},
): Promise<string[]> {
  const applied = await runner({
    databaseUrl,
    dir,
    direction: 'up',
    migrationsTable: table,
    checkOrder: true,
    advisoryLockMode: 'wait',
    log: () => undefined,
  });
  return applied.map((m) => m.name);
}
