// The read-model projections against a real database (the app's least-privilege role): a write
// PostgreSQL refuses for good is recorded once per target and counted, without the refused values,
// and fails for good; a transient fault is thrown as it is, for the retry policy.
import { inspect } from 'node:util';
import { ApplicationFailure } from '@temporalio/activity';
import type { LogLevel, LogMetadata } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { nanoid } from 'nanoid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readModelActivities } from '../../activities/read-model.activities';
import type { Db } from '../../db/pool';
import type { CaseProjection, StepProjection } from '../../db/read-model.repository';
import { ProcedureError } from '../../domain/errors';
import type { CaseView, StepView } from '../../domain/procedures/views';
import { createTestDatabase, type TestDatabase } from '../support/database';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

const aCase = (caseId: string, version = 1): CaseView => ({
  caseId,
  procedure: 'birth-residence-insurance',
  status: 'in_progress',
  receivedAt: '2026-11-23T02:00:00.000Z',
  commune: '00004',
  deadline: '2026-11-26T10:00:00.000Z',
  steps: [],
  timeline: [],
  version,
});

const aStep = (caseId: string, reason: string, version = 2): StepView => ({
  step: 'birth',
  agency: 'civil-status',
  workflowId: `${caseId}:birth`,
  state: 'rejected',
  status: 'rejected',
  resent: 0,
  reminded: false,
  breached: false,
  reason,
  version,
});

/** What the activities logged, at warning and above. */
const logged: { level: LogLevel; message: string; meta?: LogMetadata }[] = [];
const logger = new DefaultLogger('WARN', (entry) => logged.push(entry));

/** Runs an activity in a context of its own, as a worker would. */
const inContext = () => new MockActivityEnvironment(undefined, { logger });

/** The failure an activity run ends with (it must end with one). */
async function failureOf(run: () => Promise<unknown>): Promise<ApplicationFailure> {
  const error = await run().then(
    () => expect.fail('expected the projection to fail'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApplicationFailure);
  return error as ApplicationFailure;
}

const refusals = async (caseId: string) =>
  (
    await database.db.query<Record<string, unknown>>(
      `SELECT kind, target, case_id, procedure, commune, version, sqlstate, message, count,
              last_seen >= first_seen AS ordered
         FROM write_refusals WHERE case_id = $1 ORDER BY kind`,
      [caseId],
    )
  ).rows;

describe('readModelActivities', () => {
  it('when a step’s view holds a lone surrogate, then the refusal is recorded without it and the projection fails for good', async () => {
    // Arrange
    const caseId = `birth-residence-insurance:CS-${nanoid(8).toUpperCase()}`;
    const activities = readModelActivities({ db: database.appDb });
    const projection = {
      caseId,
      jurisdiction: '00004',
      view: aStep(caseId, 'Trần Thị Mai \ud800 thiếu giấy tờ'),
      summary: { motherName: 'Trần Thị Mai' },
    };

    // Act
    const failure = await failureOf(() =>
      inContext().run((p: StepProjection) => activities.projectStep(p), projection),
    );
    await failureOf(() =>
      inContext().run((p: StepProjection) => activities.projectStep(p), {
        ...projection,
        view: { ...projection.view, version: 3 },
      }),
    );

    // Assert
    expect(failure.type).toBe(ProcedureError.READ_MODEL_REFUSED);
    expect(failure.nonRetryable).toBe(true);
    expect(failure.message).toContain('SQLSTATE 22P02');
    const rows = await refusals(caseId);
    expect(rows).toEqual([
      {
        kind: 'projectStep',
        target: `${caseId}:birth`,
        case_id: caseId,
        procedure: 'birth-residence-insurance',
        commune: null,
        version: 3,
        sqlstate: '22P02',
        message: 'PostgreSQL refused the data: invalid_text_representation (SQLSTATE 22P02)',
        count: 2,
        ordered: true,
      },
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/Trần|Mai|giấy/);
    const warning = logged.find((entry) => entry.message === 'projection refused');
    expect(warning?.meta).toMatchObject({ kind: 'projectStep', sqlstate: '22P02' });
    expect(inspect(logged, { depth: 10 })).not.toMatch(/Trần|Mai|giấy/);
    const tasks = await database.db.query('SELECT 1 FROM tasks WHERE case_id = $1', [caseId]);
    expect(tasks.rowCount).toBe(0);
  });

  it('when a case’s view holds U+0000, then the refusal names the case’s commune and procedure', async () => {
    // Arrange
    const caseId = `birth-residence-insurance:CS-${nanoid(8).toUpperCase()}`;
    const activities = readModelActivities({ db: database.appDb });
    const view = {
      ...aCase(caseId),
      timeline: [{ at: '2026-11-23T02:00:00.000Z', event: 'x\u0000' }],
    };

    // Act
    const failure = await failureOf(() =>
      inContext().run((p: CaseProjection) => activities.projectCase(p), {
        view,
        businessKey: caseId.split(':')[1] ?? '',
        partyPins: ['001190012345'],
      }),
    );

    // Assert
    expect(failure.nonRetryable).toBe(true);
    expect(await refusals(caseId)).toEqual([
      expect.objectContaining({
        kind: 'projectCase',
        target: caseId,
        commune: '00004',
        sqlstate: '22P05',
        count: 1,
      }),
    ]);
  });

  it('when the database is shutting down, then the error is thrown as it is and nothing is recorded', async () => {
    // Arrange
    const shutdown = Object.assign(
      new Error('terminating connection due to administrator command'),
      {
        code: '57P01',
      },
    );
    const db = { query: () => Promise.reject(shutdown) } as unknown as Db;
    const caseId = `birth-residence-insurance:CS-${nanoid(8).toUpperCase()}`;
    const activities = readModelActivities({ db });

    // Act
    const thrown = await inContext()
      .run((p: CaseProjection) => activities.projectCase(p), {
        view: aCase(caseId),
        businessKey: 'x',
        partyPins: [],
      })
      .catch((e: unknown) => e);

    // Assert
    expect(thrown).toBe(shutdown);
    expect(await refusals(caseId)).toEqual([]);
  });

  it('when a projection is accepted, then it lands and no refusal is recorded', async () => {
    const caseId = `birth-residence-insurance:CS-${nanoid(8).toUpperCase()}`;
    const activities = readModelActivities({ db: database.appDb });
    await inContext().run((p: CaseProjection) => activities.projectCase(p), {
      view: aCase(caseId),
      businessKey: 'x',
      partyPins: [],
    });
    const cases = await database.db.query('SELECT version FROM cases WHERE case_id = $1', [caseId]);
    expect(cases.rows).toEqual([{ version: 1 }]);
    expect(await refusals(caseId)).toEqual([]);
  });
});
