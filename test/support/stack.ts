// The real stack inside a test file: a fresh database, a Temporal client and an orchestration worker on
// the shared dev server (in this file's namespace), and the API built by createApp.
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { Express } from 'express';
import pino from 'pino';
import { inject } from 'vitest';
import { createApp } from '../../api/app';
import { createReadiness } from '../../api/readiness';
import { createWorker } from '../../worker/create-worker';
import { testAuthenticator } from './auth';
import { createTestDatabase, type TestDatabase } from './database';
import { testNamespace } from './namespaces';

export interface TestStack {
  app: Express;
  client: Client;
  database: TestDatabase;
  worker: Worker;
  stop: () => Promise<void>;
}

export async function startTestStack(): Promise<TestStack> {
  const address = inject('temporalAddress');
  const namespace = testNamespace();
  const database = await createTestDatabase();
  const nativeConnection = await NativeConnection.connect({ address });
  const worker = await createWorker({
    connection: nativeConnection,
    namespace,
    deps: { db: database.db },
  });
  const running = worker.run();
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace });
  const app = createApp({
    temporal: client,
    db: database.db,
    authenticate: testAuthenticator,
    logger: pino({ level: 'silent' }),
    readiness: createReadiness(connection, database.db),
  });
  return {
    app,
    client,
    database,
    worker,
    stop: async () => {
      worker.shutdown();
      await running;
      await Promise.all([connection.close(), nativeConnection.close()]);
      await database.drop();
    },
  };
}
