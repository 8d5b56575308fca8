// A citizen's particulars from the population database (issue 22, item 4), through the API and the
// population simulator on a real port and database: a clerk looks anyone up, a citizen only
// themselves, and every lookup — answered or refused — is audited with whose data it was, keyed.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgencies } from '../../agencies';
import { prepareSimulators } from '../../agencies/simulators/app';
import { SEED_CITIZENS } from '../../agencies/simulators/seed';
import { createApp } from '../../api/app';
import { pinKey } from '../../api/filing';
import { verifyAuditChain } from '../../db/audit.repository';
import type { Principal } from '../../domain/principal';
import { testAuthenticator, tokenFor } from '../support/auth';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { simulatorsTestApp } from '../support/simulators';

const CLERK: Principal = { sub: 'clerk-lookup', role: 'clerk', jurisdiction: '00004' };
const MOTHER = SEED_CITIZENS[0] as (typeof SEED_CITIZENS)[number];
const SECRET = 'test-case-id-secret-0123456789abcdef';

describe('POST /v1/people/lookup', () => {
  let database: TestDatabase;
  let simulators: Server;
  let app: ReturnType<typeof createApp>;
  const appWith = (simulatorsUrl: string) =>
    createApp({
      temporal: {} as never,
      db: database.appDb,
      authenticate: testAuthenticator,
      logger: pino({ level: 'silent' }),
      readiness: () => Promise.resolve({}),
      communes: new Map(),
      caseIdSecret: SECRET,
      population: createAgencies(simulatorsUrl).population,
    });

  beforeAll(async () => {
    database = await createTestDatabase();
    await prepareSimulators(database.url, database.db);
    simulators = simulatorsTestApp(database.db).listen(0, '127.0.0.1');
    await new Promise((resolve) => simulators.once('listening', resolve));
    app = appWith(`http://127.0.0.1:${(simulators.address() as AddressInfo).port}`);
  });
  afterAll(async () => {
    await new Promise((resolve) => simulators?.close(resolve));
    await database?.drop();
  });

  const lookUp = async (who: Principal, pin: string, to = app) =>
    request(to)
      .post('/v1/people/lookup')
      .set('Authorization', `Bearer ${await tokenFor(who)}`)
      .send({ pin });
  const audited = async () =>
    (
      await database.db.query<{ actor: string; outcome: number; subject: string | null }>(
        `SELECT actor, outcome, subject FROM audit_log WHERE action = 'lookUpPerson' ORDER BY seq`,
      )
    ).rows;

  it('when a clerk types a PIN the database knows, then its particulars come back, the ethnicity by its name, and the lookup is audited with the person keyed', async () => {
    const response = await lookUp(CLERK, MOTHER.pin);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      pin: MOTHER.pin,
      fullName: 'Trần Thị Mai',
      dateOfBirth: '1990-04-12',
      sex: 'female',
      ethnicity: 'Kinh',
      nationality: 'VN',
      residence: { commune: '00004', line: '12 Phố Đội Cấn' },
      deceased: false,
    });
    const rows = await audited();
    expect(rows.at(-1)).toEqual({
      actor: CLERK.sub,
      outcome: 200,
      subject: pinKey(MOTHER.pin, SECRET),
    });
    // The key is not the PIN, and the chain still verifies with the subject in it.
    expect(rows.at(-1)?.subject).not.toContain(MOTHER.pin);
    expect((await verifyAuditChain(database.db)).firstBroken).toBeUndefined();
  });

  it('when a PIN is unknown, then 404 says so in Vietnamese, and the attempt is audited with whom it asked for', async () => {
    const unknown = '001099000000';
    const response = await lookUp(CLERK, unknown);
    expect(response.status).toBe(404);
    expect(response.body.detail).toBe('cơ sở dữ liệu quốc gia về dân cư không có số định danh này');
    expect((await audited()).at(-1)).toEqual({
      actor: CLERK.sub,
      outcome: 404,
      subject: pinKey(unknown, SECRET),
    });
  });

  it('when a citizen looks themselves up, then they get their particulars; someone else, 403, audited with whom they tried', async () => {
    const mother: Principal = { sub: 'citizen-mai', role: 'citizen', pin: MOTHER.pin };
    expect((await lookUp(mother, MOTHER.pin)).status).toBe(200);
    const father = SEED_CITIZENS[1]?.pin as string;
    const refused = await lookUp(mother, father);
    expect(refused.status).toBe(403);
    expect((await audited()).at(-1)).toEqual({
      actor: 'citizen-mai',
      outcome: 403,
      subject: pinKey(father, SECRET),
    });
  });

  it('when the PIN is malformed, then 400; when the population database is down, then 503 and nothing is made up', async () => {
    expect((await lookUp(CLERK, '12345')).status).toBe(400);
    const down = await lookUp(CLERK, MOTHER.pin, appWith('http://127.0.0.1:9'));
    expect(down.status).toBe(503);
    expect(down.body.fullName).toBeUndefined();
  });

  it('when the audit row’s subject is changed afterwards, then the chain names that row', async () => {
    const { rows } = await database.db.query<{ seq: string }>(
      `SELECT seq FROM audit_log WHERE action = 'lookUpPerson' ORDER BY seq LIMIT 1`,
    );
    const seq = Number(rows[0]?.seq);
    await database.db.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
    await database.db.query(`UPDATE audit_log SET subject = 'someone-else' WHERE seq = $1`, [seq]);
    await database.db.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
    expect((await verifyAuditChain(database.db)).firstBroken).toBe(seq);
  });
});
