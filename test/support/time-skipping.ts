// Temporal's Java time-skipping test server, provisioned by scripts/provision-test-server.sh and
// handed to the SDK as an existing executable (the SDK's own download needs the internet).
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { inject } from 'vitest';

export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: inject('testServerPath') } },
  });
}
