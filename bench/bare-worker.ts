// The bare workflow's worker, its own process (so its CPU is measured apart from the engine's).
import { join } from 'node:path';
import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { temporalPayloadsFromEnv } from '../config/data-converter';
import { loadEnv, WorkerEnv } from '../config/env';
import {
  temporalConnectionOptions,
  type TemporalConnectionOptions,
} from '../config/temporal-connection';

import { BARE_QUEUE } from './workflows/bare.workflow';

async function main(
  connectTo: TemporalConnectionOptions,
  namespace: string,
  dataConverter: DataConverter,
): Promise<void> {
  // With the production profile: mutual TLS and the worker's token, as the engine's worker.
  const connection = await NativeConnection.connect(connectTo);
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
  .then(async ({ dataConverter }) =>
    main(await temporalConnectionOptions(env), env.TEMPORAL_NAMESPACE, dataConverter),
  )
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
