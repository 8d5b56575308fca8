import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { nanoid } from 'nanoid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTimeSkippingEnv } from '../support/time-skipping';
import type { thirtyDayTimer } from './fixtures/thirty-day-timer.workflow';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('when a workflow sleeps 30 days, then it completes with 30 days passed on its own clock', async () => {
    // Arrange
    const taskQueue = `timer-${nanoid()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath: join(__dirname, 'fixtures', 'thirty-day-timer.workflow.ts'),
    });

    // Act
    const result = await worker.runUntil(
      env.client.workflow.execute<typeof thirtyDayTimer>('thirtyDayTimer', {
        taskQueue,
        workflowId: `timer-${nanoid()}`,
      }),
    );

    // Assert
    expect(result.wokeAt - result.startedAt).toBeGreaterThanOrEqual(30 * DAY_MS);
  });
});
