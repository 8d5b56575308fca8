// Worker process. Stops cleanly on SIGINT/SIGTERM: Temporal's runtime drains in-flight tasks first.
import { NativeConnection } from '@temporalio/worker';
import { connectPatiently } from '../config/connect';
import { loadEnv, WorkerEnv } from '../config/env';
import { createPool } from '../db/pool';
import { createLogger } from '../config/logger';
import { createAgencies } from '../agencies';
import { createWorkers } from './create-worker';
import { installTemporalRuntime } from './runtime';

async function main(): Promise<void> {
  const env = loadEnv(WorkerEnv);
  const log = createLogger({ level: env.LOG_LEVEL, name: 'worker' });
  installTemporalRuntime(log, env.WORKER_METRICS_ADDRESS);
  const connection = await connectPatiently(
    () => NativeConnection.connect({ address: env.TEMPORAL_ADDRESS }),
    { what: 'Temporal', log },
  );
  const db = createPool(env.DATABASE_URL, {
    role: env.DATABASE_ROLE,
    onError: (err) => log.warn({ err }, 'idle database connection lost'),
  });
  try {
    const workers = await createWorkers({
      connection,
      namespace: env.TEMPORAL_NAMESPACE,
      deps: { db, agencies: createAgencies(env.SIMULATORS_URL) },
      workflowBundlePath: env.WORKFLOW_BUNDLE_PATH,
      maxCachedWorkflows: env.WORKFLOW_CACHE_SIZE,
    });
    log.info({ taskQueues: workers.map((w) => w.options.taskQueue) }, 'worker running');
    await Promise.all(workers.map((w) => w.run()));
    log.info('worker stopped');
  } finally {
    await db.end();
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
