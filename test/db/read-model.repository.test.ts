// The read model is written by retried activities, possibly out of order: only newer versions land.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertCase, upsertStep } from '../../db/read-model.repository';
import type { CaseView, StepView } from '../../domain/procedures/views';
import { createTestDatabase, type TestDatabase } from '../support/database';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

const caseView = (version: number, status: CaseView['status']): CaseView => ({
  caseId: 'birth-residence-insurance:CS-RM-1',
  procedure: 'birth-residence-insurance',
  status,
  receivedAt: '2026-11-23T02:00:00.000Z',
  commune: '00004',
  deadline: '2026-11-26T10:00:00.000Z',
  steps: [],
  timeline: [],
  version,
});

const stepView = (version: number, state: StepView['state']): StepView => ({
  step: 'birth',
  agency: 'civil-status',
  workflowId: 'birth-residence-insurance:CS-RM-1:birth',
  state,
  status: state === 'in_review' ? 'in_review' : 'completed',
  resent: 0,
  reminded: false,
  breached: false,
  version,
});

describe('read-model repository', () => {
  it('when an older case version arrives after a newer one, then the newer one stays', async () => {
    const projection = { businessKey: 'CS-RM-1', partyPins: ['001190012345'] };
    await upsertCase(database.db, { ...projection, view: caseView(2, 'completed') });
    await upsertCase(database.db, { ...projection, view: caseView(1, 'in_progress') });
    await upsertCase(database.db, { ...projection, view: caseView(2, 'completed') });
    const { rows } = await database.db.query('SELECT status, version FROM cases');
    expect(rows).toEqual([{ status: 'completed', version: 2 }]);
  });

  it('when a step is in review, then its task is open; once completed it closes and stays closed', async () => {
    const projection = {
      caseId: 'birth-residence-insurance:CS-RM-1',
      jurisdiction: '00004',
      summary: {},
    };
    await upsertStep(database.db, { ...projection, view: stepView(1, 'in_review') });
    const open = await database.db.query('SELECT open FROM tasks');
    await upsertStep(database.db, { ...projection, view: stepView(2, 'completed') });
    await upsertStep(database.db, { ...projection, view: stepView(1, 'in_review') });
    const closed = await database.db.query('SELECT open, state FROM tasks');
    expect(open.rows).toEqual([{ open: true }]);
    expect(closed.rows).toEqual([{ open: false, state: 'completed' }]);
  });

  it('when a step’s workflow ended unheard and its case closes the task, then no write of the step before or after reopens it', async () => {
    const projection = {
      caseId: 'birth-residence-insurance:CS-RM-2',
      jurisdiction: '00004',
      summary: {},
    };
    const rejectedView = (version: number): StepView => ({
      ...stepView(version, 'rejected'),
      workflowId: 'birth-residence-insurance:CS-RM-2:birth',
      status: 'rejected',
    });
    const inReview = (version: number): StepView => ({
      ...stepView(version, 'in_review'),
      workflowId: 'birth-residence-insurance:CS-RM-2:birth',
    });
    // The step wrote version 3; its case had heard only of version 2 when the step was stopped.
    await upsertStep(database.db, { ...projection, view: inReview(3) });
    await upsertStep(database.db, { ...projection, view: rejectedView(3), final: true });
    // A write of the stopped step still in flight lands after it.
    await upsertStep(database.db, { ...projection, view: inReview(4) });
    const { rows } = await database.db.query(
      "SELECT open, state FROM tasks WHERE case_id = 'birth-residence-insurance:CS-RM-2'",
    );
    expect(rows).toEqual([{ open: false, state: 'rejected' }]);
  });
});
