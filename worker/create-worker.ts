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
  /** Workflows kept in memory (the SDK's sticky cache); bounds the worker's memory. */
  maxCachedWorkflows?: number | undefined;
}

/**
 * The orchestration worker (procedure workflows, read-model activities) and one worker per agency
 * queue. Here they share a process; an agency can run its own queue's worker inside its network.
 */
export async function createWorkers(settings: WorkerSettings): Promise<Worker[]> {
  const activities = createActivities(settings.deps);
  const workflows: Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> =
    settings.workflowBundlePath !== undefined
      ? { workflowBundle: { codePath: settings.workflowBundlePath } }
      : { workflowsPath: WORKFLOWS_PATH };
  const common = { connection: settings.connection, namespace: settings.namespace };
  return Promise.all([
    Worker.create({
      ...common,
      taskQueue: TASK_QUEUES.orchestration,
      activities,
      ...workflows,
      ...(settings.maxCachedWorkflows !== undefined && {
        maxCachedWorkflows: settings.maxCachedWorkflows,
      }),
    }),
    ...Object.values(TASK_QUEUES.agency).map((taskQueue) =>
      Worker.create({ ...common, taskQueue, activities }),
    ),
  ]);
}
