// `npm run db:migrate`: applies pending migrations to DATABASE_URL (make start does this itself).
import { loadEnv, WorkerEnv } from '../config/env';
import { migrate } from '../db/migrate';

async function main(): Promise<void> {
  const { DATABASE_URL } = loadEnv(WorkerEnv.pick({ DATABASE_URL: true }));
  const applied = await migrate(DATABASE_URL);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema up to date');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
