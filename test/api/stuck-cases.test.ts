// GET /v1/ops/stuck-cases and the lien_thong_stuck_cases gauge against a real read model (a fresh
// database, the app's least-privilege role), with a stub Temporal client: which cases count as
// stuck and why, who sees which, and that the open-case index serves the overdue read.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createStuckScanner, DEFAULT_STUCK_SETTINGS } from '../../api/stuck-scan';
import { OPEN_CASE } from '../../db/queries/stuck-cases.queries';
import type { Principal } from '../../domain/principal';
import { useDatabaseApp } from '../support/api-app';
import {
  aCommune,
  ADMIN,
  anAgedCase,
  anOpenStep,
  aRefusedProjection,
  listStuck,
  stubTemporal,
  stuckGauge,
  supervisorOf,
  type StuckList,
} from '../support/stuck-cases';

const { temporal, attempts } = stubTemporal();
const subject = useDatabaseApp(temporal);

const list = async (who: Principal, query = '') => listStuck(subject.app, who, query);
const listed = async (query: string) => (await list(ADMIN, query)).body as StuckList;
const scan = () =>
  createStuckScanner({
    temporal,
    db: subject.database.appDb,
    logger: pino({ level: 'silent' }),
    settings: DEFAULT_STUCK_SETTINGS,
  }).scanOnce();

describe('GET /v1/ops/stuck-cases', () => {
  it('when cases are overdue, refused or failing, then an admin sees each with its reasons, longest stuck first, and no personal data', async () => {
    // Arrange
    const commune = aCommune();
    const aged = (deadlineHours: number, idleHours: number, status?: 'completed') =>
      anAgedCase(subject.database, commune, {
        deadlineHours,
        idleHours,
        ...(status && { status }),
      });
    const overdue = await aged(72, 96);
    await aged(2, 96); // within the margin
    await aged(72, 24); // progress since the deadline
    await aged(72, 96, 'completed');
    const refused = await aged(-24, 1);
    await aRefusedProjection(subject.database.appDb, refused, commune);
    const failing = await anAgedCase(subject.database, commune, {
      deadlineHours: -24,
      idleHours: 1,
      steps: (id) => [anOpenStep(id)],
    });
    attempts.set(failing, 0);
    attempts.set(`${failing}:birth`, 7);
    await scan();

    // Act
    const response = await list(ADMIN, `?commune=${commune}`);

    // Assert
    expect(response.status).toBe(200);
    const body = response.body as StuckList;
    expect(body.total).toBe(3);
    expect(body.items.map((i) => [i.caseId, i.reasons.map((r) => r.code)])).toEqual([
      [overdue, ['OVERDUE_NO_PROGRESS']],
      [refused, ['PROJECTION_REFUSED']],
      [failing, ['TASK_FAILING']],
    ]);
    expect(body.items.map((i) => [i.commune, i.status])).toEqual(
      Array(3).fill([commune, 'in_progress']),
    );
    const details = body.items.flatMap((i) => i.reasons.map((r) => r.detail));
    expect(details[0]).toMatch(/^legal deadline \S+Z passed; last progress \S+Z$/);
    expect(details[1]).toMatch(/^projectCase of \S+ refused 1 time\(s\), SQLSTATE 22P05, last /);
    expect(details[2]).toBe(`workflow ${failing}:birth: workflow task attempt 7`);
    expect(JSON.stringify(body)).not.toMatch(/Mai|001190012345/);
  });

  it('when a supervisor asks, then only their commune’s stuck cases are listed, and another commune is refused', async () => {
    const [own, other] = [aCommune(), aCommune()];
    const mine = await anAgedCase(subject.database, own, { deadlineHours: 72, idleHours: 96 });
    const theirs = await anAgedCase(subject.database, other, { deadlineHours: 72, idleHours: 96 });

    const body = (await list(supervisorOf(own))).body as StuckList;
    expect(body.items.map((i) => i.caseId)).toEqual([mine]);
    expect(JSON.stringify(body)).not.toContain(theirs);
    expect((await list(supervisorOf(own), `?commune=${other}`)).status).toBe(403);
  });

  it.each([
    ['an officer', { sub: 'o', role: 'officer', agency: 'civil-status', jurisdiction: '00004' }],
    ['a clerk', { sub: 'k', role: 'clerk', jurisdiction: '00004' }],
    ['a citizen', { sub: 'c', role: 'citizen', pin: '001190012345' }],
  ] as [string, Principal][])('when %s asks, then 403', async (_who, principal) => {
    expect((await list(principal)).status).toBe(403);
  });

  it('when more are stuck than a page holds, then limit and offset page them and total counts all', async () => {
    const commune = aCommune();
    const ids: string[] = [];
    for (const deadlineHours of [96, 84, 72])
      ids.push(await anAgedCase(subject.database, commune, { deadlineHours, idleHours: 120 }));
    expect(await listed(`?commune=${commune}&limit=1&offset=1`)).toMatchObject({
      total: 3,
      items: [{ caseId: ids[1] }],
    });
  });

  it('when a later version of a refused projection lands, then the case is no longer listed', async () => {
    const commune = aCommune();
    const caseId = await anAgedCase(subject.database, commune, {
      deadlineHours: -24,
      idleHours: 0,
    });
    await aRefusedProjection(subject.database.appDb, caseId, commune);
    expect((await listed(`?commune=${commune}`)).total).toBe(1);
    await subject.database.db.query('UPDATE cases SET version = 1001 WHERE case_id = $1', [caseId]);
    expect((await listed(`?commune=${commune}`)).total).toBe(0);
  });
});

describe('lien_thong_stuck_cases', () => {
  it('when /metrics is scraped, then the gauge counts the stuck cases of each reason', async () => {
    const before = {
      overdue: await stuckGauge(subject.app, 'OVERDUE_NO_PROGRESS'),
      refused: await stuckGauge(subject.app, 'PROJECTION_REFUSED'),
    };
    const commune = aCommune();
    await anAgedCase(subject.database, commune, { deadlineHours: 72, idleHours: 96 });
    await anAgedCase(subject.database, commune, { deadlineHours: 48, idleHours: 96 });
    await aRefusedProjection(
      subject.database.appDb,
      await anAgedCase(subject.database, commune, { deadlineHours: -24, idleHours: 0 }),
      commune,
    );
    expect(await stuckGauge(subject.app, 'OVERDUE_NO_PROGRESS')).toBe(before.overdue + 2);
    expect(await stuckGauge(subject.app, 'PROJECTION_REFUSED')).toBe(before.refused + 1);
    expect(await stuckGauge(subject.app, 'TASK_FAILING')).toBeGreaterThanOrEqual(0);
  });
});

describe('the open-case predicate', () => {
  it('when overdue open cases are read, then the partial index of migration 0010 serves them', async () => {
    // The queries' predicate must imply the index's, or the planner cannot use it.
    const client = await subject.database.db.connect();
    try {
      await client.query('SET enable_seqscan = off');
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT case_id FROM cases c WHERE c.${OPEN_CASE} AND c.deadline < now()`,
      );
      expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('cases_open_by_deadline');
    } finally {
      client.release();
    }
  });
});
