// Worker process. Stops cleanly on SIGINT/SIGTERM: Temporal's runtime drains in-flight tasks first.
import { NativeConnection } from '@temporalio/worker';
import { loadEnv, WorkerEnv } from '../config/env';
import { createPool } from '../db/pool';
import { createLogger } from '../config/logger';
import { createWorker } from './create-worker';
import { installTemporalRuntime } from './runtime';

async function main(): Promise<void> {
  const env = loadEnv(WorkerEnv);
  const log = createLogger({ level: env.LOG_LEVEL, name: 'worker' });
  installTemporalRuntime(log);
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const db = createPool(env.DATABASE_URL, {
    onError: (err) => log.warn({ err }, 'idle database connection lost'),
  });
  try {
    const worker = await createWorker({
      connection,
      namespace: env.TEMPORAL_NAMESPACE,
      deps: { db },
      workflowBundlePath: env.WORKFLOW_BUNDLE_PATH,
    });
    log.info({ taskQueue: worker.options.taskQueue }, 'worker running');
    await worker.run();
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
