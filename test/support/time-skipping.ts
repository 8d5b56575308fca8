// Temporal's Java time-skipping test server, provisioned by scripts/provision-test-server.sh and
// handed to the SDK as an existing executable (the SDK's own download needs the internet).
import type { WorkflowHandle } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { inject } from 'vitest';

/** `dataConverter`: its client's (config/data-converter.ts); the workers are given theirs. */
export function createTimeSkippingEnv(
  dataConverter?: DataConverter,
): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: inject('testServerPath') } },
    ...(dataConverter && { client: { dataConverter } }),
  });
}

function timeSkipping(env: TestWorkflowEnvironment | undefined): TestWorkflowEnvironment {
  if (!env)
    throw new Error('a time-skipping stack is needed: startTestStack({ timeSkipping: true })');
  return env;
}

/** How far the clock moves at a time (see `advance`). */
const STEP_MS = 3_600_000;

/**
 * Moves the time-skipping server's clock by `ms`, an hour at a time. Left to run on its own (as
 * while awaiting a result), the server can skip past the 10-second timeout of a retried workflow
 * task while the worker runs a local activity (a read-model projection, before v1.1.0) in it, and at each
 * retry: seen with test server 1.32.1 as task timeouts 10 s apart on its clock, the case stuck
 * (about one run in ten). Between steps the clock is held, and such a task finishes in real time.
 * Rarer so, not gone (once more in a later CI run): the deadline tests retry once on a fresh server.
 */
export async function advance(env: TestWorkflowEnvironment | undefined, ms: number): Promise<void> {
  const clock = timeSkipping(env);
  for (let left = ms; left > 0; left -= STEP_MS) await clock.sleep(Math.min(left, STEP_MS));
}

/** A workflow's result, the clock moved an hour at a time until it ends (see `advance`). */
export async function resultAdvancing<R>(
  env: TestWorkflowEnvironment | undefined,
  handle: Pick<WorkflowHandle, 'workflowId' | 'describe'> & { result(): Promise<R> },
  maxDays = 400,
): Promise<R> {
  const clock = timeSkipping(env);
  for (let moved = 0; moved <= maxDays * 24 * STEP_MS; moved += STEP_MS) {
    if ((await handle.describe()).status.name !== 'RUNNING') return handle.result();
    await clock.sleep(STEP_MS);
  }
  throw new Error(`${handle.workflowId} still running after ${maxDays} days on the server's clock`);
}
