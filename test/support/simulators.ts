// The agency simulators as a test file drives them in-process: their app with the admin token set,
// and a client of /admin that sends it.
import type { Express } from 'express';
import pino from 'pino';
import request from 'supertest';
import { createSimulatorsApp } from '../../agencies/simulators/app';
import type { Db } from '../../db/pool';
import { SIMULATORS_ADMIN_TOKEN } from './auth';

export const simulatorsTestApp = (db: Db): Express =>
  createSimulatorsApp({
    db,
    logger: pino({ level: 'silent' }),
    adminToken: SIMULATORS_ADMIN_TOKEN,
  });

/** Requests to `app` bearing the simulators' admin token. */
export const adminAgent = (app: Express) =>
  request.agent(app).set('Authorization', `Bearer ${SIMULATORS_ADMIN_TOKEN}`);
