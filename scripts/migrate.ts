// `npm run db:migrate`: applies pending migrations to DATABASE_URL, as its owner (make start does this
// itself), and with APP_DATABASE_PASSWORD makes lien_thong_app the login the API and workers use.
import { loadEnv, MigrateEnv } from '../config/env';
import { ensureAppLogin } from '../db/app-login';
import { migrate } from '../db/migrate';
import { createPool } from '../db/pool';
import { seedReferenceData } from '../db/reference-data';

async function main(): Promise<void> {
  const { DATABASE_URL, APP_DATABASE_PASSWORD } = loadEnv(MigrateEnv);
  const applied = await migrate(DATABASE_URL);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema up to date');
  if (APP_DATABASE_PASSWORD !== undefined) {
    await ensureAppLogin(DATABASE_URL, APP_DATABASE_PASSWORD);
    console.log('lien_thong_app may log in');
  }
  const db = createPool(DATABASE_URL, { max: 1 });
  await seedReferenceData(db).finally(() => db.end());
  console.log('reference data seeded');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
