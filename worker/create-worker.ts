import { join } from 'node:path';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import { TASK_QUEUES } from '../workflows/task-queues';

export const WORKFLOWS_PATH = join(__dirname, '..', 'workflows', 'index.ts');

export interface WorkerSettings {
  connection: NativeConnection;
  namespace: string;
  deps: ActivityDeps;
  /** A bundle built by worker/bundle.ts; without it the workflows are bundled at start-up. */
  workflowBundlePath?: string | undefined;
}

/** The orchestration worker: procedure workflows plus their bookkeeping activities. */
export function createWorker(settings: WorkerSettings): Promise<Worker> {
  const workflows: Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> =
    settings.workflowBundlePath !== undefined
      ? { workflowBundle: { codePath: settings.workflowBundlePath } }
      : { workflowsPath: WORKFLOWS_PATH };
  return Worker.create({
    connection: settings.connection,
    namespace: settings.namespace,
    taskQueue: TASK_QUEUES.orchestration,
    activities: createActivities(settings.deps),
    ...workflows,
  });
}
