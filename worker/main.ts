// Worker process. Stops cleanly on SIGINT/SIGTERM: Temporal's runtime drains in-flight tasks first.
import { NativeConnection } from '@temporalio/worker';
import { connectPatiently } from '../config/connect';
import { temporalPayloadsFromEnv } from '../config/data-converter';
import { followApiKeyFile, temporalConnectionOptions } from '../config/temporal-connection';
import { loadEnv, WorkerEnv } from '../config/env';
import { checkAppLogin } from '../db/app-login';
import { createPool } from '../db/pool';
import { createLogger } from '../config/logger';
import { createAgencies } from '../agencies';
import { loadCommunes } from '../db/queries/communes.queries';
import { startDocumentIssuer } from '../documents/issuer';
import { readKeyring } from '../documents/pki';
import { keyringSigner } from '../documents/signer';
import { createWorkers } from './create-worker';
import { installTemporalRuntime } from './runtime';

async function main(): Promise<void> {
  const env = loadEnv(WorkerEnv);
  const log = createLogger({ level: env.LOG_LEVEL, name: 'worker' });
  const { dataConverter } = await temporalPayloadsFromEnv(env, log);
  installTemporalRuntime(log, env.WORKER_METRICS_ADDRESS);
  const connection = await connectPatiently(
    async () => NativeConnection.connect(await temporalConnectionOptions(env)),
    { what: 'Temporal', log },
  );
  const stopFollowingToken = followApiKeyFile(env, (token) => connection.setApiKey(token), log);
  const db = createPool(env.DATABASE_URL, {
    onError: (err) => log.warn({ err }, 'idle database connection lost'),
  });
  await checkAppLogin(db, { production: env.NODE_ENV === 'production', log });
  const issuer = env.DOCUMENT_KEYS_DIR
    ? startDocumentIssuer(
        {
          db,
          signer: keyringSigner(await readKeyring(env.DOCUMENT_KEYS_DIR)),
          publicUrl: env.PUBLIC_URL,
          communes: await loadCommunes(db),
          logger: log,
        },
        env.DOCUMENT_ISSUE_INTERVAL_MS,
      )
    : undefined;
  if (!issuer) log.warn('DOCUMENT_KEYS_DIR is unset: no documents are issued');
  try {
    const workers = await createWorkers({
      connection,
      namespace: env.TEMPORAL_NAMESPACE,
      deps: { db, agencies: createAgencies(env.SIMULATORS_URL) },
      workflowBundlePath: env.WORKFLOW_BUNDLE_PATH,
      maxCachedWorkflows: env.WORKFLOW_CACHE_SIZE,
      dataConverter,
    });
    log.info({ taskQueues: workers.map((w) => w.options.taskQueue) }, 'worker running');
    await Promise.all(workers.map((w) => w.run()));
    log.info('worker stopped');
  } finally {
    stopFollowingToken();
    await issuer?.stop();
    await db.end();
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
