// `npm run db:migrate`: applies pending migrations to DATABASE_URL (make start does this itself).
import { DatabaseEnv, loadEnv } from '../config/env';
import { migrate } from '../db/migrate';
import { createPool } from '../db/pool';
import { seedReferenceData } from '../db/reference-data';

async function main(): Promise<void> {
  const { DATABASE_URL } = loadEnv(DatabaseEnv);
  const applied = await migrate(DATABASE_URL);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema up to date');
  const db = createPool(DATABASE_URL, { max: 1 });
  await seedReferenceData(db).finally(() => db.end());
  console.log('reference data seeded');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
