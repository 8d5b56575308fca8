// The agency systems, simulated: separate HTTP services with their own data, reached only over HTTP.
// This is the process skeleton; each agency mounts its own router under /<agency>.
import express, { type Express } from 'express';
import type { Db } from '../../db/pool';
import { isDatabaseReachable } from '../../db/pool';

export const SIMULATED_AGENCIES = [
  'civil-status',
  'population',
  'police',
  'social-insurance',
  'social-protection',
  'merit-services',
  'payments',
  'notifications',
] as const;

export function createSimulatorsApp({ db }: { db: Db }): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '256kb' }));
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/readyz', async (_req, res) => {
    const up = await isDatabaseReachable(db);
    res.status(up ? 200 : 503).json({ status: up ? 'ready' : 'not_ready' });
  });
  app.get('/agencies', (_req, res) => void res.json({ agencies: SIMULATED_AGENCIES }));
  return app;
}
