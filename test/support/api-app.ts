// The API on a fresh test database of its own, for tests of routes that live on our own tables: no
// Temporal (a stub, or nothing — a route that reaches it fails loudly), silent logs, test tokens.
import type { Client } from '@temporalio/client';
import pino from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { createApp } from '../../api/app';
import type { ApiDeps } from '../../api/deps';
import { testAuthenticator } from './auth';
import { createTestDatabase, type TestDatabase } from './database';

export interface DatabaseApp {
  readonly app: ReturnType<typeof createApp>;
  readonly database: TestDatabase;
}

/** Registers the suite's hooks: the database and app made before its tests, dropped after them. */
export function useDatabaseApp(
  temporal: Client = {} as Client,
  deps: Partial<Omit<ApiDeps, 'db' | 'temporal'>> = {},
): DatabaseApp {
  const made = {} as { app: ReturnType<typeof createApp>; database: TestDatabase };
  beforeAll(async () => {
    made.database = await createTestDatabase();
    made.app = createApp({
      temporal,
      db: made.database.appDb,
      authenticate: testAuthenticator,
      logger: pino({ level: 'silent' }),
      readiness: () => Promise.resolve({}),
      communes: new Map(),
      ...deps,
    });
  });
  afterAll(async () => {
    await made.database?.drop();
  });
  return made;
}
