// The simulators' /admin endpoints (whom the agencies know, how a commune's civil status reviews, which
// faults an agency injects), over HTTP against their real tables: off unless a token is configured,
// and then only for a request bearing it — else anyone reaching the port could, say, have a commune's
// deaths registered without an officer.
import pino from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import { createSimulatorsApp, prepareSimulators } from '../../agencies/simulators/app';
import { SIMULATORS_ADMIN_TOKEN } from '../support/auth';
import { createTestDatabase, type TestDatabase } from '../support/database';

let database: TestDatabase;
let guarded: Express;
let off: Express;
beforeAll(async () => {
  database = await createTestDatabase();
  await prepareSimulators(database.url, database.db);
  const deps = { db: database.db, logger: pino({ level: 'silent' }) };
  guarded = createSimulatorsApp({ ...deps, adminToken: SIMULATORS_ADMIN_TOKEN });
  off = createSimulatorsApp(deps);
});
afterAll(async () => {
  await database?.drop();
});

const reviewOf = async (commune: string) =>
  (
    await database.db.query<{ review: string }>(
      'SELECT review FROM sim_civil_status.settings WHERE commune = $1',
      [commune],
    )
  ).rows[0]?.review;

const switchToAutomatic = (app: Express, commune: string, authorization?: string) => {
  const req = request(app).put(`/admin/civil-status/settings/${commune}`);
  if (authorization) req.set('Authorization', authorization);
  return req.send({ review: 'automatic' });
};

describe('simulators /admin', () => {
  it.each([
    ['no token', undefined],
    ['a wrong token', 'Bearer not-the-simulators-admin-token-0000000'],
    ['the token in another scheme', `Basic ${SIMULATORS_ADMIN_TOKEN}`],
  ])(
    'when someone with %s switches a commune’s civil-status review to automatic, then 401 and the review is unchanged',
    async (_what, authorization) => {
      const before = await reviewOf('09877');
      const response = await switchToAutomatic(guarded, '09877', authorization);
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer /);
      expect(await reviewOf('09877')).toBe(before);
    },
  );

  it('when the configured token is sent as a bearer token, then the review is switched', async () => {
    const response = await switchToAutomatic(guarded, '00256', `Bearer ${SIMULATORS_ADMIN_TOKEN}`);
    expect(response.status).toBe(200);
    expect(await reviewOf('00256')).toBe('automatic');
  });

  it('when no token is configured, then /admin does not exist (404), whatever is sent', async () => {
    const before = await reviewOf('00070');
    const response = await switchToAutomatic(off, '00070', `Bearer ${SIMULATORS_ADMIN_TOKEN}`);
    const stats = await request(off).get('/admin/faults/stats');
    expect(response.status).toBe(404);
    expect(stats.status).toBe(404);
    expect(await reviewOf('00070')).toBe(before);
  });

  it('when no token is configured, then the agencies themselves still answer', async () => {
    expect((await request(off).get('/agencies')).status).toBe(200);
  });
});
