// The real stack inside a test file: a fresh database (the engine's tables and the simulators' own
// schemas), the agency simulators listening on a real port, a Temporal client and the workers on the
// shared dev server (in this file's namespace), and the API built by createApp.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import {
  Client,
  Connection,
  WorkflowNotFoundError,
  type WorkflowQueryInput,
} from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { Express } from 'express';
import pino, { type Logger } from 'pino';
import { inject } from 'vitest';
import { createAgencies } from '../../agencies';
import { simulatorsAdmin, type CivilStatusReview } from '../../agencies/simulators/admin.client';
import { createSimulatorsApp, prepareSimulators } from '../../agencies/simulators/app';
import { FaultInjector } from '../../agencies/simulators/framework/faults';
import { createApp } from '../../api/app';
import { postgresStorage } from '../../api/uploads/pg-storage';
import { createReadiness } from '../../api/readiness';
import { decodePayloadsIn, temporalPayloads } from '../../config/data-converter';
import { loadCommunes } from '../../db/queries/communes.queries';
import { startDocumentIssuer } from '../../documents/issuer';
import type { Keyring } from '../../documents/pki';
import { keyringSigner } from '../../documents/signer';
import type { TemporalConnectionOptions } from '../../config/temporal-connection';
import { createWorkers } from '../../worker/create-worker';
import { SIMULATORS_ADMIN_TOKEN, testAuthenticator } from './auth';
import { createTestDatabase, type TestDatabase } from './database';
import { TEST_PUBLIC_URL, testKeyring } from './documents';
import { testNamespace } from './namespaces';
import { testPayloadCodec } from './payload-keys';
import { createTimeSkippingEnv } from './time-skipping';

/** The Temporal Web UI's origin the test stack's API answers CORS for (the codec endpoint). */
export const TEST_TEMPORAL_UI_ORIGIN = 'http://127.0.0.1:8233';

export interface TestStack {
  app: Express;
  client: Client;
  /** Present on a time-skipping stack: `env.sleep('3 days')` moves the server's clock. */
  env?: TestWorkflowEnvironment;
  database: TestDatabase;
  simulatorsUrl: string;
  faults: FaultInjector;
  /** The codec its clients and workers encrypt payloads with; undefined: payloads in clear. */
  payloadCodec: PayloadCodec | undefined;
  /** Starts the workers of a stack made without them (`workers: false`); nothing if they run. */
  startWorkers: () => Promise<void>;
  /** With `documents`: the keys the worker's issuer signs with (the development CA's). */
  keyring?: Keyring;
  stop: () => Promise<void>;
}

/**
 * `timeSkipping`: run on Temporal's Java time-skipping server instead of the shared dev server, for
 * multi-day timers (deadlines, supplement windows). `drillSupplementReplyMs`: the API's drill setting.
 */
export async function startTestStack({
  timeSkipping = false,
  workers: withWorkers = true,
  logger = pino({ level: 'silent' }),
  drillSupplementReplyMs,
  documents = false,
  verifyRateLimitPerMinute,
  payloadCodec = testPayloadCodec,
  temporal,
  apiTemporalUnreachable = false,
}: {
  timeSkipping?: boolean;
  workers?: boolean;
  logger?: Logger;
  /** Supplement windows of this many milliseconds for cases filed through the API (drills). */
  drillSupplementReplyMs?: number;
  /** Run the worker's document issuer (documents/issuer.ts) with a development keyring. */
  documents?: boolean;
  /** The API's limit on public verifications (none by default). */
  verifyRateLimitPerMinute?: number;
  /**
   * What payloads are encrypted with: the test keys by default, as production would, so every test
   * through the stack runs through the codec; `null` for payloads in clear.
   */
  payloadCodec?: PayloadCodec | null;
  /**
   * Another Temporal than the shared dev server (the production profile's cluster): how the API's
   * client and the workers connect — their certificates and tokens — and in which namespace.
   */
  temporal?: {
    api: TemporalConnectionOptions;
    worker: TemporalConnectionOptions;
    namespace: string;
  };
  /**
   * The API's Temporal is down (its client's address answers nothing, no retries): filings are
   * kept and answered, their workflows started by a relay given `client` (api/case-starts.ts).
   */
  apiTemporalUnreachable?: boolean;
} = {}): Promise<TestStack> {
  const { codec, dataConverter } = temporalPayloads(payloadCodec ?? undefined);
  const env = timeSkipping ? await createTimeSkippingEnv(dataConverter) : undefined;
  const address = inject('temporalAddress');
  const namespace = env ? 'default' : (temporal?.namespace ?? testNamespace());
  const database = await createTestDatabase();
  await prepareSimulators(database.url, database.db);
  const faults = new FaultInjector();
  const simulators: Server = createSimulatorsApp({
    db: database.db,
    logger,
    faults,
    adminToken: SIMULATORS_ADMIN_TOKEN,
  }).listen(0, '127.0.0.1');
  await new Promise((resolve) => simulators.once('listening', resolve));
  const simulatorsUrl = `http://127.0.0.1:${(simulators.address() as AddressInfo).port}`;

  const nativeConnection =
    env?.nativeConnection ?? (await NativeConnection.connect(temporal?.worker ?? { address }));
  const workers: Worker[] = [];
  const runs: Promise<void>[] = [];
  const startWorkers = async () => {
    if (workers.length > 0) return;
    workers.push(
      ...(await createWorkers({
        connection: nativeConnection,
        namespace,
        deps: { db: database.appDb, agencies: createAgencies(simulatorsUrl) },
        dataConverter,
      })),
    );
    runs.push(...workers.map((w) => w.run()));
  };
  if (withWorkers) await startWorkers();
  const keyring = documents ? testKeyring() : undefined;
  const communes = await loadCommunes(database.appDb);
  const issuer =
    keyring &&
    startDocumentIssuer(
      {
        db: database.appDb,
        signer: keyringSigner(keyring),
        publicUrl: TEST_PUBLIC_URL,
        communes,
        logger,
      },
      200,
    );
  const connection = env?.connection ?? (await Connection.connect(temporal?.api ?? { address }));
  const client = env?.client ?? new Client({ connection, namespace, dataConverter });
  // Port 1 on loopback: nothing listens, every call fails at once.
  const apiConnection = apiTemporalUnreachable
    ? Connection.lazy({ address: '127.0.0.1:1', interceptors: [] })
    : connection;
  const app = createApp({
    // The API's own client refuses to query: every test through the API shows it never asks a
    // running workflow (api/action-requests.ts says why), without a test of its own per route.
    temporal: new Client({
      connection: apiConnection,
      namespace,
      dataConverter,
      interceptors: { workflow: [{ query: refuseQueries }] },
    }),
    ...(codec && { payloadCodec: codec }),
    db: database.appDb,
    authenticate: testAuthenticator,
    logger,
    // The app keeps uploads in this database when no store is configured (api/deps.ts).
    readiness: createReadiness(apiConnection, database.appDb, postgresStorage(database.appDb)),
    communes,
    population: createAgencies(simulatorsUrl).population,
    publicUrl: TEST_PUBLIC_URL,
    codecCorsOrigins: [TEST_TEMPORAL_UI_ORIGIN],
    ...(verifyRateLimitPerMinute !== undefined && { verifyRateLimitPerMinute }),
    ...(drillSupplementReplyMs !== undefined && { drillSupplementReplyMs }),
  });
  return {
    app,
    client,
    ...(env && { env }),
    database,
    simulatorsUrl,
    faults,
    payloadCodec: codec,
    ...(keyring && { keyring }),
    startWorkers,
    stop: async () => {
      await issuer?.stop();
      workers.forEach((w) => w.shutdown());
      await Promise.all(runs);
      // On the shared dev server, what this file left running would run on in the next file of
      // this worker's namespace, with its workers, projecting into its database: ended here.
      if (!env) await terminateRunning(client);
      await new Promise((resolve) => simulators.close(resolve));
      if (env) await env.teardown();
      else await Promise.all([connection.close(), nativeConnection.close()]);
      if (apiConnection !== connection) await apiConnection.close();
      await database.drop();
    },
  };
}

/** Terminates every workflow still running in the client's namespace. */
async function terminateRunning(client: Client): Promise<void> {
  for await (const { workflowId, runId } of client.workflow.list({
    query: 'ExecutionStatus = "Running"',
  }))
    await client.workflow
      .getHandle(workflowId, runId)
      .terminate('the test file ended')
      .catch((error: unknown) => {
        // Ended meanwhile: nothing to do.
        if (!(error instanceof WorkflowNotFoundError)) throw error;
      });
}

/**
 * A workflow's history with its payloads decrypted: `fetchHistory()` gives it as Temporal stores it
 * (encrypted), which is what an operator without the keys sees.
 */
export async function decodedHistory(stack: TestStack, workflowId: string) {
  const history = await stack.client.workflow.getHandle(workflowId).fetchHistory();
  return stack.payloadCodec ? decodePayloadsIn(history, stack.payloadCodec) : history;
}

/** The API's client interceptor: a query from the API is a defect (api/action-requests.ts). */
function refuseQueries({ workflowExecution, queryType }: WorkflowQueryInput): never {
  const { workflowId } = workflowExecution;
  throw new Error(`the API queried ${queryType} on ${workflowId}: it reads the read model instead`);
}

/** Civil status registers births and deaths of `commune` at once, or waits for its officer. */
export const setCivilStatusReview = (
  simulatorsUrl: string,
  commune: string,
  review: CivilStatusReview,
): Promise<void> =>
  simulatorsAdmin(simulatorsUrl, SIMULATORS_ADMIN_TOKEN).setCivilStatusReview(commune, review);
