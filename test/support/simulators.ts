// The agency simulators as a test file drives them in-process: their app with the admin token set,
// a client of /admin that sends it, and a suite's own database with the simulators on it.
import type { Express } from 'express';
import pino from 'pino';
import request from 'supertest';
import { afterAll, beforeAll } from 'vitest';
import { createSimulatorsApp, prepareSimulators } from '../../agencies/simulators/app';
import type { Db } from '../../db/pool';
import { SIMULATORS_ADMIN_TOKEN } from './auth';
import { createTestDatabase, type TestDatabase } from './database';

export const simulatorsTestApp = (db: Db): Express =>
  createSimulatorsApp({
    db,
    logger: pino({ level: 'silent' }),
    adminToken: SIMULATORS_ADMIN_TOKEN,
  });

/** Requests to `app` bearing the simulators' admin token. */
export const adminAgent = (app: Express) =>
  request.agent(app).set('Authorization', `Bearer ${SIMULATORS_ADMIN_TOKEN}`);

export interface SimulatorsApp {
  readonly app: Express;
  readonly database: TestDatabase;
}

/**
 * Registers the suite's hooks: a fresh database with the simulators' schemas and seeds, and their
 * app on it, made before its tests and dropped after them.
 */
export function useSimulatorsApp(): SimulatorsApp {
  const made = {} as { app: Express; database: TestDatabase };
  beforeAll(async () => {
    made.database = await createTestDatabase();
    await prepareSimulators(made.database.url, made.database.db);
    made.app = simulatorsTestApp(made.database.db);
  });
  afterAll(async () => {
    await made.database?.drop();
  });
  return made;
}
