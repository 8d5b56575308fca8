// The agency systems, simulated: separate HTTP services with their own data (one PostgreSQL schema
// each), reached only over HTTP, idempotent on the caller's key, with fault injection for tests.
import { createHash, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import express, { type Express, type RequestHandler, type Router } from 'express';
import { z } from 'zod';
import type { Logger } from '../../config/logger';
import { migrate } from '../../db/migrate';
import { isDatabaseReachable, type Db } from '../../db/pool';
import { CommuneCode } from '../../domain/principal';
import { civilStatusRoutes } from './civil-status.routes';
import { FaultConfig, FaultInjector } from './framework/faults';
import { parseBody, parseValue, simulatorErrors } from './framework/http';
import {
  addMeritoriousPerson,
  meritServicesRoutes,
  MeritoriousPerson,
} from './merit-services.routes';
import { notificationRoutes } from './notifications.routes';
import { addClosedAccount, ClosedAccount, paymentRoutes } from './payments.routes';
import { addHousehold, addResident, Household, policeRoutes, Resident } from './police.routes';
import {
  addCapacityAssessment,
  addCareRecord,
  addCitizen,
  addFamilyRelation,
  CapacityAssessment,
  CareRecord,
  CitizenRecord,
  FamilyRelation,
  populationRoutes,
} from './population.routes';
import { seedSimulators } from './seed';
import {
  addFacility,
  addInsuredPerson,
  Facility,
  InsuredPerson,
  socialInsuranceRoutes,
} from './social-insurance.routes';
import {
  addAssistanceRecipient,
  AssistanceRecipient,
  socialProtectionRoutes,
} from './social-protection.routes';

export const SIMULATOR_MIGRATIONS = join(__dirname, 'migrations');

const AGENCIES: Record<string, (deps: { db: Db }) => Router> = {
  'civil-status': civilStatusRoutes,
  population: populationRoutes,
  police: policeRoutes,
  'social-insurance': socialInsuranceRoutes,
  'social-protection': socialProtectionRoutes,
  'merit-services': meritServicesRoutes,
  payments: paymentRoutes,
  notifications: notificationRoutes,
};
export const SIMULATED_AGENCIES = Object.keys(AGENCIES);

/** Creates the simulators' schemas and reference data (idempotent; run at start). */
export async function prepareSimulators(databaseUrl: string, db: Db): Promise<void> {
  await migrate(databaseUrl, { dir: SIMULATOR_MIGRATIONS, table: 'sim_schema_migrations' });
  await seedSimulators(db);
}

export interface SimulatorDeps {
  db: Db;
  logger: Logger;
  faults?: FaultInjector;
  /**
   * The bearer token /admin requires (SIMULATORS_ADMIN_TOKEN). Unset: /admin does not exist, since
   * it can make a commune's civil status register deaths unreviewed, or an agency fail.
   */
  adminToken?: string | undefined;
}

export function createSimulatorsApp({
  db,
  logger,
  faults = new FaultInjector(),
  adminToken,
}: SimulatorDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '256kb' }));
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/readyz', async (_req, res) => {
    const up = await isDatabaseReachable(db);
    res.status(up ? 200 : 503).json({ status: up ? 'ready' : 'not_ready' });
  });
  app.get('/agencies', (_req, res) => void res.json({ agencies: SIMULATED_AGENCIES }));
  for (const [agency, routes] of Object.entries(AGENCIES)) {
    app.use(`/${agency}`, faults.middleware(agency), routes({ db }));
  }
  if (adminToken !== undefined)
    app.use('/admin', requireBearer(adminToken), adminRoutes(db, faults));
  app.use(simulatorErrors(logger));
  return app;
}

/** Lets through only requests bearing `token`, compared in constant time. */
function requireBearer(token: string): RequestHandler {
  const expected = createHash('sha256').update(token).digest();
  return (req, res, next) => {
    const given = /^Bearer (\S+)$/i.exec(req.get('authorization') ?? '')?.[1] ?? '';
    if (timingSafeEqual(createHash('sha256').update(given).digest(), expected)) return next();
    res.status(401).set('WWW-Authenticate', 'Bearer realm="simulators-admin"');
    res.json({ code: 'SIMULATOR.ADMIN_TOKEN_REQUIRED' });
  };
}

const SimulatedAgency = z.enum(SIMULATED_AGENCIES as [string, ...string[]]);

function adminRoutes(db: Db, faults: FaultInjector): Router {
  const router = express.Router();
  // Counters of injected faults per agency and kind, for chaos reports; declared before
  // /faults/:agency so that "stats" is never taken for an agency.
  router.get('/faults/stats', (_req, res) => void res.json({ agencies: faults.stats() }));
  router.delete('/faults/stats', (_req, res) => {
    faults.resetStats();
    res.status(204).end();
  });
  router.get('/faults/:agency', (req, res) => {
    const agency = parseValue(SimulatedAgency, req.params.agency);
    res.json({ agency, faults: faults.get(agency) ?? null });
  });
  router.put('/faults/:agency', (req, res) => {
    const agency = parseValue(SimulatedAgency, req.params.agency);
    faults.set(agency, parseBody(FaultConfig, req));
    res.json({ agency, faults: faults.get(agency) });
  });
  /** Ends the agency's faults (an outage too); the counters are kept until DELETE /faults/stats. */
  router.delete('/faults/:agency', (req, res) => {
    faults.clear(parseValue(SimulatedAgency, req.params.agency));
    res.status(204).end();
  });
  router.put('/civil-status/settings/:commune', async (req, res) => {
    const commune = parseValue(CommuneCode, req.params.commune);
    const { review } = parseBody(z.object({ review: z.enum(['automatic', 'officer']) }), req);
    await db.query(
      `INSERT INTO sim_civil_status.settings (commune, review) VALUES ($1, $2)
       ON CONFLICT (commune) DO UPDATE SET review = EXCLUDED.review`,
      [commune, review],
    );
    res.json({ commune, review });
  });
  router.post('/police/households', async (req, res) => {
    await addHousehold(db, parseBody(Household, req));
    res.status(201).end();
  });
  router.post('/police/residents', async (req, res) => {
    await addResident(db, parseBody(Resident, req));
    res.status(201).end();
  });
  router.post('/population/citizens', async (req, res) => {
    await addCitizen(db, parseBody(CitizenRecord, req));
    res.status(201).end();
  });
  router.post('/population/relatives', async (req, res) => {
    await addFamilyRelation(db, parseBody(FamilyRelation, req));
    res.status(201).end();
  });
  // The records a survivor's eligibility rests on (issue 20); 404 for a citizen the database lacks.
  router.post('/population/capacity-assessments', async (req, res) => {
    const added = await addCapacityAssessment(db, parseBody(CapacityAssessment, req));
    res.status(added ? 201 : 404).end();
  });
  router.post('/population/care-records', async (req, res) => {
    const added = await addCareRecord(db, parseBody(CareRecord, req));
    res.status(added ? 201 : 404).end();
  });
  router.post('/social-insurance/facilities', async (req, res) => {
    await addFacility(db, parseBody(Facility, req));
    res.status(201).end();
  });
  router.post('/social-insurance/people', async (req, res) => {
    await addInsuredPerson(db, parseBody(InsuredPerson, req));
    res.status(201).end();
  });
  router.post('/social-protection/recipients', async (req, res) => {
    await addAssistanceRecipient(db, parseBody(AssistanceRecipient, req));
    res.status(201).end();
  });
  router.post('/merit-services/people', async (req, res) => {
    await addMeritoriousPerson(db, parseBody(MeritoriousPerson, req));
    res.status(201).end();
  });
  router.post('/payments/closed-accounts', async (req, res) => {
    await addClosedAccount(db, parseBody(ClosedAccount, req));
    res.status(201).end();
  });
  return router;
}
