// The production profile's Temporal (issue 23), started as `make start PROFILE=production` starts
// it: Temporal's own server on PostgreSQL, one process per service (two history hosts), mutual TLS
// everywhere, the JWT authorizer. What an attacker who reaches its ports can and cannot do, and a
// Group A case run through it by the API and the worker holding their service identities.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { generateKeyPair, SignJWT } from 'jose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { temporalTls, type TemporalConnectionOptions } from '../../config/temporal-connection';
import { freePortBlock } from '../../scripts/runtime/ports';
import { provisionTemporalServer } from '../../scripts/runtime/provision';
import {
  clusterPortCount,
  startTemporalCluster,
  type RunningCluster,
} from '../../scripts/runtime/temporal-cluster';
import {
  ensureClusterPki,
  mintServiceToken,
  serviceIdentities,
  TEMPORAL_TOKEN_AUDIENCE,
  TLS_SERVER_NAME,
  type ClusterPki,
  type TlsPeer,
} from '../../scripts/runtime/temporal-pki';
import { TASK_QUEUES } from '../../workflows/task-queues';
import { aBirthApplication } from '../fixtures/birth-application';
import { tokenFor } from '../support/auth';
import { decide, file, stepOf, uniqueCertificate, waitForCase } from '../support/group-a';
import { startTestStack, type TestStack } from '../support/stack';

const NAMESPACE = 'default';
const GetHistory = temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
const DATABASE_PREFIX = `temporal_${process.pid}`;
const PERMISSION_DENIED = 7;
const INVALID_ARGUMENT = 3;
const SHARDS = 8;
const MAX_ID_LENGTH = 120;

describe('the production profile: Temporal on PostgreSQL behind mutual TLS and an authorizer', () => {
  let dir: string;
  let pki: ClusterPki;
  let cluster: RunningCluster;
  let frontendPort: number;

  /** A client as one of the certificates' holders, with or without a token. */
  const as = async (
    peer: TlsPeer,
    apiKey?: string,
    address = cluster.address,
  ): Promise<TemporalConnectionOptions> => ({
    address,
    tls: await temporalTls({
      caFile: pki.clusterCa,
      certFile: pki.peers[peer].cert,
      keyFile: pki.peers[peer].key,
      serverName: TLS_SERVER_NAME,
    }),
    ...(apiKey && { apiKey }),
  });
  const serviceToken = (subject: string, permissions: string[]) =>
    mintServiceToken(pki, { subject, permissions, ttlSeconds: 600 });

  /**
   * What a caller gets: 'ok', the gRPC status code the server answered, or 'no connection' when
   * the TLS handshake (or the first call, which the SDK makes while connecting) fails.
   */
  async function outcomeOf(
    options: TemporalConnectionOptions,
    call: (service: Connection['workflowService']) => Promise<unknown>,
  ): Promise<'ok' | 'no connection' | number> {
    let connection: Connection;
    try {
      connection = await Connection.connect({ ...options, connectTimeout: 3_000 });
    } catch (error) {
      return (error as { cause?: { code?: number } }).cause?.code ?? 'no connection';
    }
    try {
      await call(connection.workflowService);
      return 'ok';
    } catch (error) {
      return (error as { code: number }).code;
    } finally {
      await connection.close();
    }
  }

  const start = (service: Connection['workflowService']) =>
    service.startWorkflowExecution({
      namespace: NAMESPACE,
      workflowId: `probe-${crypto.randomUUID()}`,
      workflowType: { name: 'birthRegistrationWorkflow' },
      taskQueue: { name: 'probe-no-worker' },
      requestId: crypto.randomUUID(),
    });
  const signal = (workflowId: string) => (service: Connection['workflowService']) =>
    service.signalWorkflowExecution({
      namespace: NAMESPACE,
      workflowExecution: { workflowId },
      signalName: 'act',
      requestId: crypto.randomUUID(),
    });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lien-thong-cluster-'));
    pki = await ensureClusterPki(join(dir, 'pki'));
    frontendPort = await freePortBlock(clusterPortCount());
    cluster = await startTemporalCluster({
      serverDir: provisionTemporalServer(),
      dir: join(dir, 'temporal'),
      pki,
      postgresAdminUrl: inject('postgresAdminUrl'),
      frontendPort,
      namespaces: [NAMESPACE],
      databasePrefix: DATABASE_PREFIX,
      // Knobs a benchmark turns (bench/run.ts): the template's and the dynamic configuration's.
      tuning: { historyShards: SHARDS, dynamicConfig: { 'limit.maxIDLength': MAX_ID_LENGTH } },
    });
  }, 180_000);
  afterAll(async () => {
    await cluster?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('runs each service as its own process; both history hosts join the membership', async () => {
    // Arrange
    const url = new URL(inject('postgresAdminUrl'));
    url.pathname = `/${DATABASE_PREFIX}`;
    const db = new pg.Client({ connectionString: url.toString() });
    await db.connect();

    // Act
    const { rows } = await db
      .query<{ role: number; hosts: number }>(
        // role 2: history (ServiceType in Temporal's persistence)
        `SELECT role, count(DISTINCT rpc_port)::int AS hosts FROM cluster_membership
          WHERE record_expiry > now() AND role = 2 GROUP BY role`,
      )
      .finally(() => db.end());

    // Assert
    expect(cluster.parts.map((p) => p.name)).toEqual([
      'history-1',
      'history-2',
      'matching',
      'frontend',
      'internal-frontend',
      'worker',
    ]);
    expect(new Set(cluster.parts.map((p) => p.part.child.pid)).size).toBe(6);
    expect(rows).toEqual([{ role: 2, hosts: 2 }]);
  });

  it('takes the knobs it is given: the shard count into its database, dynamic configuration into its limits', async () => {
    // Arrange
    const url = new URL(inject('postgresAdminUrl'));
    url.pathname = `/${DATABASE_PREFIX}`;
    const db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    const shards = async () =>
      (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM shards')).rows[0]?.n;
    const token = await serviceToken('lien-thong-api', [`${NAMESPACE}:write`]);
    const withId = (workflowId: string) => (service: Connection['workflowService']) =>
      service.startWorkflowExecution({
        namespace: NAMESPACE,
        workflowId,
        workflowType: { name: 'birthRegistrationWorkflow' },
        taskQueue: { name: 'probe-no-worker' },
        requestId: crypto.randomUUID(),
      });

    try {
      // Act
      const longest = await outcomeOf(await as('api', token), withId('x'.repeat(MAX_ID_LENGTH)));
      const tooLong = await outcomeOf(
        await as('api', token),
        withId('x'.repeat(MAX_ID_LENGTH + 1)),
      );

      // Assert: by default, 16 shards and ids up to 1,000 characters; the history hosts take
      // their shards as they join, all of them within seconds
      expect({ longest, tooLong }).toEqual({ longest: 'ok', tooLong: INVALID_ARGUMENT });
      await expect.poll(shards, { timeout: 30_000, interval: 500 }).toBe(SHARDS);
    } finally {
      await db.end();
    }
  });

  it('refuses a plain-text client', async () => {
    // Act
    const outcome = await outcomeOf({ address: cluster.address }, (service) =>
      service.getSystemInfo({}),
    );

    // Assert
    expect(outcome).toBe('no connection');
  });

  it('refuses a certificate its clients’ CA did not sign, at the frontend and at a history host', async () => {
    // Arrange: the services' own certificate is not a client's; a client's does not open a history host
    const historyPort = frontendPort + 2; // history-1, just above the frontend (portsOf)
    const token = await serviceToken('lien-thong-api', [`${NAMESPACE}:write`]);

    // Act
    const asService = await outcomeOf(await as('internode', token), start);
    const atHistory = await outcomeOf(await as('api', token, `127.0.0.1:${historyPort}`), (s) =>
      s.getSystemInfo({}),
    );
    const asApi = await outcomeOf(await as('api', token), start);

    // Assert
    expect({ asService, atHistory, asApi }).toEqual({
      asService: 'no connection',
      atHistory: 'no connection',
      asApi: 'ok',
    });
  });

  it('lets a valid certificate with no token, a person’s token, a foreign key’s token or a reader neither start nor signal', async () => {
    // Arrange: a workflow the API's identity started, for the signals
    const workflowId = `probe-signal-${Date.now()}`;
    const api = await Connection.connect(
      await as('api', await serviceToken('lien-thong-api', [`${NAMESPACE}:write`])),
    );
    await api.workflowService.startWorkflowExecution({
      namespace: NAMESPACE,
      workflowId,
      workflowType: { name: 'birthRegistrationWorkflow' },
      taskQueue: { name: 'probe-no-worker' },
      requestId: crypto.randomUUID(),
    });
    await api.close();
    const foreign = await generateKeyPair('ES256');
    const foreignToken = await new SignJWT({ permissions: ['temporal-system:admin'] })
      .setProtectedHeader({ alg: 'ES256', kid: pki.signingKey.kid })
      .setSubject('intruder')
      .setAudience(TEMPORAL_TOKEN_AUDIENCE)
      .setExpirationTime('5m')
      .sign(foreign.privateKey);
    const callers: Record<string, TemporalConnectionOptions> = {
      'no token': await as('api'),
      'a clerk’s API token': await as(
        'api',
        await tokenFor({ sub: 'clerk-1', role: 'clerk', jurisdiction: '00004' }),
      ),
      'an admin token signed by another key': await as('api', foreignToken),
      // The one the Web UI's gateway sends (scripts/temporal-ui-gateway.ts).
      'the Web UI’s reader token': await as(
        'ui',
        await mintServiceToken(pki, { ...serviceIdentities(NAMESPACE)['web-ui'], ttlSeconds: 600 }),
      ),
      'another namespace’s writer': await as(
        'api',
        await serviceToken('elsewhere', ['elsewhere:write']),
      ),
    };

    // Act
    const outcomes = Object.fromEntries(
      await Promise.all(
        Object.entries(callers).map(async ([who, options]) => [
          who,
          {
            start: await outcomeOf(options, start),
            signal: await outcomeOf(options, signal(workflowId)),
          },
        ]),
      ),
    );

    // Assert
    const denied = { start: PERMISSION_DENIED, signal: PERMISSION_DENIED };
    expect(outcomes).toEqual(Object.fromEntries(Object.keys(callers).map((who) => [who, denied])));
  });

  describe('a Group A case run by the API and the worker holding their service identities', () => {
    let stack: TestStack;
    beforeAll(async () => {
      stack = await startTestStack({
        temporal: {
          api: await as('api', await serviceToken('lien-thong-api', [`${NAMESPACE}:write`])),
          worker: await as(
            'worker',
            await serviceToken('lien-thong-worker', [`${NAMESPACE}:write`]),
          ),
          namespace: NAMESPACE,
        },
      });
    });
    afterAll(async () => {
      await stack?.stop();
    });

    it('completes, the birth registered and the child’s PIN issued, and its stored history names nobody', async () => {
      // Arrange
      const application = aBirthApplication(uniqueCertificate());

      // Act
      const filed = await file(stack.app, application);
      expect(filed.status).toBe(202);
      const { caseId } = filed.body as { caseId: string };
      expect(
        (await decide(stack.app, caseId, 'civil-status', { decision: 'approve' })).status,
      ).toBe(200);

      // Assert
      const view = await waitForCase(
        stack.app,
        caseId,
        application.applicant.pin,
        (v) => expect(v.status).toBe('completed'),
        60_000,
      );
      const childPin = stepOf(view, 'birth').result?.pin;
      expect(childPin).toMatch(/^\d{12}$/);
      // Its history, as the cluster stores it, names nobody: payloads are encrypted (issue 23.4).
      const history = await stack.client.connection.workflowService.getWorkflowExecutionHistory({
        namespace: NAMESPACE,
        execution: { workflowId: caseId },
      });
      const stored = Buffer.from(GetHistory.encode(history).finish());
      const named = [
        application.applicant.pin,
        application.applicant.fullName,
        application.child.fullName,
        String(childPin),
      ].filter((value) => stored.includes(Buffer.from(value, 'utf8')));
      expect(named).toEqual([]);
      const queue = await stack.client.connection.workflowService.describeTaskQueue({
        namespace: NAMESPACE,
        taskQueue: { name: TASK_QUEUES.orchestration },
        taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      });
      expect(queue.pollers.length).toBeGreaterThan(0);
    });
  });
});
