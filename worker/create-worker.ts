import { dirname, join } from 'node:path';
import type { DataConverter } from '@temporalio/common';
import {
  NativeConnection,
  Worker,
  type BundleOptions,
  type WorkerOptions,
} from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import { TASK_QUEUES } from '../workflows/task-queues';

export const WORKFLOWS_PATH = join(__dirname, '..', 'workflows', 'index.ts');

/** xstate's production build (its package.json sends webpack's development mode to another). */
const XSTATE = join(dirname(require.resolve('xstate')), 'xstate.esm.js');

/**
 * How the workflow bundle is built, prebuilt or at start-up: xstate's production build, whose
 * development build adds checks to every machine step of every workflow.
 */
export const workflowWebpackConfig: NonNullable<BundleOptions['webpackConfigHook']> = (config) => ({
  ...config,
  resolve: {
    ...config.resolve,
    // `$`: only the exact request.
    alias: { ...config.resolve?.alias, xstate$: XSTATE },
  },
});

/** The workflows as a worker (or a replayer) bundles them at start-up. */
export const WORKFLOW_SOURCES = {
  workflowsPath: WORKFLOWS_PATH,
  bundlerOptions: { webpackConfigHook: workflowWebpackConfig },
} satisfies Pick<WorkerOptions, 'workflowsPath' | 'bundlerOptions'>;

export interface WorkerSettings {
  connection: NativeConnection;
  namespace: string;
  deps: ActivityDeps;
  /** A bundle built by worker/bundle.ts; without it the workflows are bundled at start-up. */
  workflowBundlePath?: string | undefined;
  /** Workflows kept in memory (the SDK's sticky cache); bounds the worker's memory. */
  maxCachedWorkflows?: number | undefined;
  /** config/data-converter.ts: the payload encryption every client and worker shares. */
  dataConverter: DataConverter;
}

/**
 * The orchestration worker (procedure workflows, read-model activities) and one worker per agency
 * queue. Here they share a process; an agency can run its own queue's worker inside its network.
 */
export async function createWorkers(settings: WorkerSettings): Promise<Worker[]> {
  const activities = createActivities(settings.deps);
  const workflows: Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath' | 'bundlerOptions'> =
    settings.workflowBundlePath !== undefined
      ? { workflowBundle: { codePath: settings.workflowBundlePath } }
      : WORKFLOW_SOURCES;
  const common = {
    connection: settings.connection,
    namespace: settings.namespace,
    dataConverter: settings.dataConverter,
  };
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
