// The bare workflow's worker, its own process (so its CPU is measured apart from the engine's).
import { join } from 'node:path';
import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { temporalPayloadsFromEnv } from '../config/data-converter';
import { loadEnv, WorkerEnv } from '../config/env';

import { BARE_QUEUE } from './workflows/bare.workflow';

async function main(
  address: string,
  namespace: string,
  dataConverter: DataConverter,
): Promise<void> {
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    namespace,
    // The engine's codec too: the bare workflow pays for encryption as the engine does.
    dataConverter,
    taskQueue: BARE_QUEUE,
    workflowsPath: join(__dirname, 'workflows', 'index.ts'),
    activities: { noop: () => Promise.resolve() },
  });
  process.once('SIGTERM', () => worker.shutdown());
  await worker.run();
  await connection.close();
}

const env = loadEnv(WorkerEnv);
temporalPayloadsFromEnv(env, console)
  .then(({ dataConverter }) => main(env.TEMPORAL_ADDRESS, env.TEMPORAL_NAMESPACE, dataConverter))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
