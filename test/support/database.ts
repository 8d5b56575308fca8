// A fresh database per test file, built by the real migrations (STYLE rule 43).
import { inject } from 'vitest';
import { nanoid } from 'nanoid';
import { migrate } from '../../db/migrate';
import { appLoginUrl } from '../../db/app-login';
import { createPool, type Db } from '../../db/pool';
import { TEST_APP_PASSWORD } from './app-password';
import { seedDevelopmentDirectory } from '../../db/development-officers';
import { seedReferenceData } from '../../db/reference-data';
import { dropDatabase, ensureDatabase } from '../../scripts/runtime/postgres';

export interface TestDatabase {
  url: string;
  /** The owner's pool: migrations, fixtures, inspecting the simulators' tables. */
  db: Db;
  /** The application's pool, logged in as its least-privilege login, as the API and workers run. */
  appDb: Db;
  drop: () => Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const url = new URL(inject('postgresAdminUrl'));
  url.pathname = `/t_${nanoid(10)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '_')}`;
  await ensureDatabase(url.toString());
  await migrate(url.toString());
  const db = createPool(url.toString(), { max: 10 });
  const appDb = createPool(appLoginUrl(url.toString(), TEST_APP_PASSWORD), { max: 10 });
  await seedReferenceData(db);
  await seedDevelopmentDirectory(db);
  return {
    url: url.toString(),
    db,
    appDb,
    drop: async () => {
      await Promise.all([db.end(), appDb.end()]);
      await dropDatabase(url.toString());
    },
  };
}
