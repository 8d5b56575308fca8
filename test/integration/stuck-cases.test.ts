// Stuck cases through the real stack: a case filed through the API and left past its deadline, a
// projection of it PostgreSQL refuses (through the real activity), and a case whose workflow task
// Temporal keeps failing (a workflow that throws, on a worker of this test's own) — each listed by
// GET /v1/ops/stuck-cases with its reason and counted by the gauge, the last found by the scan
// describing the workflow on the real Temporal server.
import { join } from 'node:path';
import { DefaultLogger, NativeConnection, Worker } from '@temporalio/worker';
import { nanoid } from 'nanoid';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { inject } from 'vitest';
import { createStuckScanner, DEFAULT_STUCK_SETTINGS } from '../../api/stuck-scan';
import { aBirthApplication, motherPin } from '../fixtures/birth-application';
import { file, stepOf, uniqueCertificate, waitForCase } from '../support/group-a';
import { sdkLog } from '../support/setup';
import { startTestStack, setCivilStatusReview, type TestStack } from '../support/stack';
import {
  ADMIN,
  anAgedCase,
  aRefusedProjection,
  listStuck,
  stuckGauge,
  supervisorOf,
  type StuckList,
} from '../support/stuck-cases';
import { testDataConverter } from '../support/payload-keys';
import type { failingTask } from './fixtures/failing-task.workflow';

const MOTHER = motherPin(aBirthApplication('x'));

describe('stuck cases through the real stack', () => {
  let stack: TestStack;
  let connection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = `failing-task-${nanoid()}`;
  const sdkLogger = sdkLog.target;
  beforeAll(async () => {
    // The worker warns of every failed workflow task, which this test causes on purpose.
    sdkLog.target = new DefaultLogger('ERROR');
    stack = await startTestStack();
    await setCivilStatusReview(stack.simulatorsUrl, '00004', 'officer');
    connection = await NativeConnection.connect({ address: inject('temporalAddress') });
    // Registered only here: the engine's own workers never see this workflow.
    worker = await Worker.create({
      connection,
      namespace: stack.client.options.namespace,
      // The stack's client starts its workflow, encrypted: this worker reads it with the same keys.
      dataConverter: testDataConverter,
      taskQueue,
      workflowsPath: join(__dirname, 'fixtures', 'failing-task.workflow.ts'),
    });
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await connection?.close();
    await stack?.stop();
    sdkLog.target = sdkLogger;
  });

  it('when a case is overdue with nothing since, refused by PostgreSQL, or failing in Temporal, then each is listed with its reason and counted', async () => {
    // Arrange: a real case waiting for the civil-status officer…
    const filed = await file(stack.app, aBirthApplication(uniqueCertificate()));
    const overdue = filed.body.caseId as string;
    await waitForCase(stack.app, overdue, MOTHER, (v) =>
      expect(stepOf(v, 'birth').state).toBe('in_review'),
    );
    // …whose next projection PostgreSQL refuses.
    await aRefusedProjection(stack.database.appDb, overdue, '00004');
    // A case in the read model whose workflow keeps failing its workflow task.
    const failing = await anAgedCase(stack.database, '00004', { deadlineHours: -48, idleHours: 1 });
    await stack.client.workflow.start<typeof failingTask>('failingTask', {
      taskQueue,
      workflowId: failing,
    });

    // Act: scan until Temporal has failed the task more than once.
    const scanner = createStuckScanner({
      temporal: stack.client,
      db: stack.database.appDb,
      logger: pino({ level: 'silent' }),
      // Past the first attempt, so the test need not wait out Temporal's backoff to the fourth.
      settings: { ...DEFAULT_STUCK_SETTINGS, taskAttempts: 1 },
    });
    await vi.waitFor(async () => expect((await scanner.scanOnce()).failing).toBe(1), {
      timeout: 30_000,
      interval: 500,
    });
    // …aged past its deadline only now, after its last projection (a late one would be progress).
    await stack.database.db.query(
      `UPDATE cases SET deadline = now() - interval '3 days', updated_at = now() - interval '4 days'
        WHERE case_id = $1`,
      [overdue],
    );
    await stack.database.db.query(
      `UPDATE tasks SET updated_at = now() - interval '4 days' WHERE case_id = $1`,
      [overdue],
    );
    const response = await listStuck(stack.app, supervisorOf('00004'));

    // Assert
    expect(response.status).toBe(200);
    const body = response.body as StuckList;
    expect(body.items.map((i) => [i.caseId, i.reasons.map((r) => r.code).sort()])).toEqual([
      [overdue, ['OVERDUE_NO_PROGRESS', 'PROJECTION_REFUSED']],
      [failing, ['TASK_FAILING']],
    ]);
    expect(body.items[0]?.status).toBe('in_progress');
    const failingDetail = body.items[1]?.reasons[0]?.detail ?? '';
    expect(failingDetail).toMatch(new RegExp(`^workflow ${failing}: workflow task attempt \\d+$`));
    expect(Number(/attempt (\d+)/.exec(failingDetail)?.[1])).toBeGreaterThan(1);
    for (const reason of ['OVERDUE_NO_PROGRESS', 'PROJECTION_REFUSED', 'TASK_FAILING'])
      expect(await stuckGauge(stack.app, reason)).toBe(1);
    expect(((await listStuck(stack.app, supervisorOf('00070'))).body as StuckList).total).toBe(0);
    expect(((await listStuck(stack.app, ADMIN)).body as StuckList).total).toBe(2);
  });
});
