// The scan for failing workflow tasks (api/stuck-scan.ts) against a real read model and a stub
// Temporal whose describe answers what each test sets: what it describes, how much per scan, and
// when a case joins and leaves the list.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import {
  createStuckScanner,
  DEFAULT_STUCK_SETTINGS,
  type StuckSettings,
} from '../../api/stuck-scan';
import { testAuthenticator } from '../support/auth';
import { createTestDatabase, type TestDatabase } from '../support/database';
import {
  aCommune,
  ADMIN,
  anAgedCase,
  anOpenStep,
  listStuck,
  stubTemporal,
  stuckGauge,
  type StuckList,
} from '../support/stuck-cases';

const { temporal, attempts, described } = stubTemporal();
let database: TestDatabase;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  database = await createTestDatabase();
  app = createApp({
    temporal,
    db: database.appDb,
    authenticate: testAuthenticator,
    logger: pino({ level: 'silent' }),
    readiness: () => Promise.resolve({}),
    communes: new Map(),
  });
});
afterAll(async () => {
  await database?.drop();
});

const scanner = (settings: Partial<StuckSettings> = {}) =>
  createStuckScanner({
    temporal,
    db: database.appDb,
    logger: pino({ level: 'silent' }),
    settings: { ...DEFAULT_STUCK_SETTINGS, ...settings },
  });
const total = async (commune: string) =>
  ((await listStuck(app, ADMIN, `?commune=${commune}`)).body as StuckList).total;

describe('createStuckScanner', () => {
  it('when it scans, then it describes quiet open cases and their open steps only, one bounded batch at a time, going round all of them', async () => {
    // Arrange: two quiet cases (one with an open step), one busy, one finished.
    const commune = aCommune();
    const quiet = [
      await anAgedCase(database, commune, { deadlineHours: -10, idleHours: 1 }),
      await anAgedCase(database, commune, {
        deadlineHours: -11,
        idleHours: 1,
        steps: (id) => [anOpenStep(id)],
      }),
    ];
    const busy = await anAgedCase(database, commune, { deadlineHours: -12, idleHours: 0 });
    const done = await anAgedCase(database, commune, {
      deadlineHours: -13,
      idleHours: 5,
      status: 'completed',
    });
    for (const id of [...quiet, `${quiet[1]}:birth`, busy, done]) attempts.set(id, 0);

    // Act: one case per scan, three scans (the third goes on from the first case again).
    const scan = scanner({ scanCases: 1 });
    const results = [];
    for (let i = 0; i < 3; i += 1) results.push(await scan.scanOnce());

    // Assert
    expect(described).toEqual([quiet[0], quiet[1], `${quiet[1]}:birth`, quiet[0]]);
    expect(results.map((r) => r.cases)).toEqual([1, 1, 1]);
  });

  it('when a workflow task fails past the threshold, then its case is listed and counted, and leaves both at the next scan once it goes again', async () => {
    // Arrange
    const commune = aCommune();
    const caseId = await anAgedCase(database, commune, { deadlineHours: -24, idleHours: 1 });
    attempts.set(caseId, DEFAULT_STUCK_SETTINGS.taskAttempts);
    await scanner().scanOnce();
    expect(await total(commune)).toBe(0);
    const before = await stuckGauge(app, 'TASK_FAILING');

    // Act
    attempts.set(caseId, DEFAULT_STUCK_SETTINGS.taskAttempts + 1);
    const failing = await scanner().scanOnce();
    const listed = await total(commune);
    const counted = await stuckGauge(app, 'TASK_FAILING');
    attempts.set(caseId, 0);
    await scanner().scanOnce();

    // Assert
    expect(failing.failing).toBe(1);
    expect([listed, counted]).toEqual([1, before + 1]);
    expect([await total(commune), await stuckGauge(app, 'TASK_FAILING')]).toEqual([0, before]);
  });

  it('when Temporal cannot be asked, then the scan reports the errors and keeps what it knew', async () => {
    const commune = aCommune();
    const caseId = await anAgedCase(database, commune, { deadlineHours: -24, idleHours: 1 });
    attempts.set(caseId, 9);
    await scanner().scanOnce();
    const down = {
      workflow: {
        getHandle: () => ({ describe: () => Promise.reject(new Error('14 UNAVAILABLE')) }),
      },
    } as unknown as typeof temporal;
    const result = await createStuckScanner({
      temporal: down,
      db: database.appDb,
      logger: pino({ level: 'silent' }),
      settings: DEFAULT_STUCK_SETTINGS,
    }).scanOnce();
    expect(result.errors).toBeGreaterThan(0);
    expect(result.described).toBe(0);
    expect(await total(commune)).toBe(1);
  });

  it('when started and stopped, then it scans at once and stop waits for the scan under way', async () => {
    const commune = aCommune();
    const caseId = await anAgedCase(database, commune, { deadlineHours: -24, idleHours: 1 });
    attempts.set(caseId, 5);
    const running = scanner({ scanIntervalMs: 60_000 }).start();
    await running.stop();
    expect(await total(commune)).toBe(1);
  });
});
