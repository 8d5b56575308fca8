// The bare workflow's worker, its own process (so its CPU is measured apart from the engine's).
import { join } from 'node:path';
import { NativeConnection, Worker } from '@temporalio/worker';
import { loadEnv, WorkerEnv } from '../config/env';

import { BARE_QUEUE } from './workflows/bare.workflow';

async function main(address: string, namespace: string): Promise<void> {
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    namespace,
    taskQueue: BARE_QUEUE,
    workflowsPath: join(__dirname, 'workflows', 'index.ts'),
    activities: { noop: () => Promise.resolve() },
  });
  process.once('SIGTERM', () => worker.shutdown());
  await worker.run();
  await connection.close();
}

const env = loadEnv(WorkerEnv);
main(env.TEMPORAL_ADDRESS, env.TEMPORAL_NAMESPACE).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
