// The production profile's Temporal (issue 23): Temporal's own server on PostgreSQL, each service
// in its own process on loopback — frontend, internal frontend, two history hosts, matching and the
// system worker — so membership and shard ownership are real; mutual TLS between every service and
// every client; the JWT authorizer in front (its Web UI: temporal-ui.ts). The same binaries,
// schemas and configuration a deployment runs (deploy/temporal), its logs and password in one directory.
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import pg from 'pg';
import { temporalTls, type TemporalConnectionOptions } from '../../config/temporal-connection';
import { spawnPart, type Part } from './process';
import { mintServiceToken, TLS_SERVER_NAME, type ClusterPki } from './temporal-pki';

const run = promisify(execFile);

type Service = 'frontend' | 'internal-frontend' | 'history' | 'matching' | 'worker';

/** Temporal's processes in start order: history and matching first, the frontends, the worker last. */
export function clusterProcesses(historyHosts: number): { name: string; service: Service }[] {
  return [
    ...Array.from({ length: historyHosts }, (_, i) => ({
      name: `history-${i + 1}`,
      service: 'history' as const,
    })),
    { name: 'matching', service: 'matching' },
    { name: 'frontend', service: 'frontend' },
    { name: 'internal-frontend', service: 'internal-frontend' },
    { name: 'worker', service: 'worker' },
  ];
}

/** The ports a cluster takes from its frontend's up: gRPC and membership of each process. */
export const clusterPortCount = (historyHosts = 2) => clusterProcesses(historyHosts).length * 2;

export interface ClusterOptions {
  /** From scripts/provision-temporal-server.sh. */
  serverDir: string;
  /** The database password and the processes' logs live here. */
  dir: string;
  pki: ClusterPki;
  /** A PostgreSQL superuser's URL (any database): the cluster gets its own role and databases. */
  postgresAdminUrl: string;
  /** The frontend's gRPC port; the other services take the ports just above it. */
  frontendPort: number;
  namespaces: string[];
  historyHosts?: number;
  /** What a benchmark turns (bench/run.ts): unset, the checked-in configuration's values. */
  tuning?: ClusterTuning;
  /** The cluster's PostgreSQL role and database names start with this (default `temporal`). */
  databasePrefix?: string;
  /**
   * Key sets the frontend also takes tokens signed by (the identity provider's `/jwks`), beside the
   * cluster's own key, which signs the operator's.
   */
  trustedJwks?: string[];
  /** Each process's log goes to `<dir>/logs/<process>.log`; this hears the launcher-level lines. */
  onOutput?: (line: string) => void;
}

/** The production profile's knobs, each measured in bench/results (README: Both topologies, scale-out and tuning). */
export interface ClusterTuning {
  /** Fixed for the life of the cluster's data: shards are how history is split among its hosts (16). */
  historyShards?: number;
  /** Each process's connections to its PostgreSQL database (10). */
  dbMaxConns?: number;
  /** Dynamic configuration added to deploy/temporal/dynamic-config.yaml's, e.g. `matching.numTaskqueueReadPartitions: 1`. */
  dynamicConfig?: Record<string, string | number | boolean>;
}

export interface RunningCluster {
  address: string;
  /** What an operator (admin of the whole cluster) connects with: the operator's certificate and token. */
  operator: () => Promise<TemporalConnectionOptions>;
  parts: { name: string; part: Part }[];
  stop: () => Promise<void>;
}

/** The cluster's login and databases on the PostgreSQL server. */
interface Store {
  postgres: URL;
  role: string;
  password: string;
  databases: { temporal: string; visibility: string };
}

const connectionTo = (store: Store, database: string): pg.ClientConfig => ({
  host: store.postgres.hostname,
  port: Number(store.postgres.port || 5432),
  user: store.role,
  password: store.password,
  database,
});

/** The cluster's own login and databases, made once; its password kept in `dir`. */
async function ensureStore(dir: string, adminUrl: string, prefix: string): Promise<Store> {
  const passwordFile = join(dir, 'postgres-password');
  if (!existsSync(passwordFile))
    await writeFile(passwordFile, randomBytes(24).toString('base64url'), { mode: 0o600 });
  const store: Store = {
    postgres: new URL(adminUrl),
    role: prefix,
    password: (await readFile(passwordFile, 'utf8')).trim(),
    databases: { temporal: prefix, visibility: `${prefix}_visibility` },
  };
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const role = pg.escapeIdentifier(store.role);
    const found = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [store.role]);
    await client.query(
      `${found.rowCount ? 'ALTER' : 'CREATE'} ROLE ${role} LOGIN PASSWORD ${pg.escapeLiteral(store.password)}`,
    );
    for (const name of Object.values(store.databases)) {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (!exists.rowCount)
        await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)} OWNER ${role}`);
    }
  } finally {
    await client.end();
  }
  return store;
}

/**
 * Sets up each database's schema the first time, then migrates it to the server's version with
 * Temporal's SQL tool — as an upgrade of the server would.
 */
async function migrateSchemas(serverDir: string, store: Store): Promise<void> {
  const tool = join(serverDir, 'temporal-sql-tool');
  for (const [schema, database] of Object.entries(store.databases)) {
    const base = [
      '--plugin',
      'postgres12',
      '--endpoint',
      store.postgres.hostname,
      '--port',
      store.postgres.port || '5432',
      '--user',
      store.role,
      '--database',
      database,
    ];
    const env = { ...process.env, SQL_PASSWORD: store.password };
    const client = new pg.Client(connectionTo(store, database));
    await client.connect();
    const { rowCount } = await client
      .query("SELECT 1 FROM pg_tables WHERE tablename = 'schema_version'")
      .finally(() => client.end());
    if (!rowCount) await run(tool, [...base, 'setup-schema', '-v', '0.0'], { env });
    const versioned = join(serverDir, 'schema', 'postgresql', 'v12', schema, 'versioned');
    await run(tool, [...base, 'update-schema', '-d', versioned], { env });
  }
}

/** Each process's ports: gRPC and membership, two by two above the frontend's. */
function portsOf(frontendPort: number, names: readonly string[]) {
  const order = ['frontend', ...names.filter((n) => n !== 'frontend')];
  return Object.fromEntries(
    order.map((name, i) => [
      name,
      {
        grpcPort: name === 'frontend' ? frontendPort : frontendPort + 2 * i,
        membershipPort: frontendPort + 2 * i + 1,
      },
    ]),
  ) as Record<string, { grpcPort: number; membershipPort: number }>;
}

/** The checked-in configuration every process renders (deploy/temporal/production.yaml). */
const CONFIG_DIR = resolve(__dirname, '..', '..', 'deploy', 'temporal');

const SERVICE_KEYS: Record<Service, string> = {
  frontend: 'FRONTEND',
  'internal-frontend': 'INTERNAL_FRONTEND',
  history: 'HISTORY',
  matching: 'MATCHING',
  worker: 'WORKER',
};

/** One process's settings for the template: the shared ones, with its own service's ports. */
function serverEnv({
  options,
  store,
  jwksUrl,
  ports,
  processName,
  service,
  dynamicConfig,
}: {
  options: ClusterOptions;
  store: Store;
  jwksUrl: string;
  dynamicConfig: string;
  ports: Record<string, { grpcPort: number; membershipPort: number }>;
  processName: string;
  service: Service;
}): NodeJS.ProcessEnv {
  const servicePorts = Object.entries(SERVICE_KEYS).flatMap(([name, key]) => {
    const own = ports[name === service ? processName : name === 'history' ? 'history-1' : name];
    return [
      [`TEMPORAL_${key}_PORT`, String(own?.grpcPort)],
      [`TEMPORAL_${key}_MEMBERSHIP_PORT`, String(own?.membershipPort)],
    ] as const;
  });
  return {
    PATH: process.env.PATH,
    TEMPORAL_LOG_LEVEL: 'warn',
    TEMPORAL_HISTORY_SHARDS: String(options.tuning?.historyShards ?? 16),
    ...(options.tuning?.dbMaxConns && { TEMPORAL_DB_MAX_CONNS: String(options.tuning.dbMaxConns) }),
    TEMPORAL_DB_HOST: store.postgres.hostname,
    TEMPORAL_DB_PORT: store.postgres.port || '5432',
    TEMPORAL_DB_USER: store.role,
    TEMPORAL_DB_PASSWORD: store.password,
    TEMPORAL_DB: store.databases.temporal,
    TEMPORAL_VISIBILITY_DB: store.databases.visibility,
    TEMPORAL_BIND_IP: '127.0.0.1',
    TEMPORAL_BROADCAST_ADDRESS: '127.0.0.1',
    TEMPORAL_TLS_DIR: options.pki.dir,
    TEMPORAL_TLS_SERVER_NAME: TLS_SERVER_NAME,
    TEMPORAL_JWKS_URL: jwksUrl,
    TEMPORAL_FRONTEND_ADDRESS: `127.0.0.1:${options.frontendPort}`,
    TEMPORAL_DYNAMIC_CONFIG: dynamicConfig,
    ...Object.fromEntries(servicePorts),
  };
}

/**
 * The dynamic configuration file the processes read: the checked-in one, or — with knobs to turn —
 * a copy in the cluster's directory with them added (each one value for every namespace and queue).
 */
async function dynamicConfigFile(options: ClusterOptions): Promise<string> {
  const checkedIn = join(CONFIG_DIR, 'dynamic-config.yaml');
  const added = Object.entries(options.tuning?.dynamicConfig ?? {});
  if (added.length === 0) return checkedIn;
  const file = join(options.dir, 'dynamic-config.yaml');
  const lines = added.map(([key, value]) => `${key}:\n  - value: ${JSON.stringify(value)}\n`);
  await writeFile(file, `${await readFile(checkedIn, 'utf8')}${lines.join('')}`);
  return file;
}

/** Serves the token keys (JWKS) to the frontend's authorizer, on loopback. */
export async function serveJwks(jwks: object, port = 0, host = '127.0.0.1'): Promise<Server> {
  const body = JSON.stringify(jwks);
  const server = createServer((req, res) => {
    if (req.url !== '/jwks.json') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return server;
}

/** The last lines of a process's log, for the error that says why it did not start. */
async function tail(file: string, lines = 8): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

async function waitUntil(ready: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await ready().catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

export async function startTemporalCluster(options: ClusterOptions): Promise<RunningCluster> {
  const say = options.onOutput ?? (() => undefined);
  const logs = join(options.dir, 'logs');
  const logFile = (name: string) => join(logs, `${name}.log`);
  await mkdir(logs, { recursive: true, mode: 0o700 });
  const store = await ensureStore(
    options.dir,
    options.postgresAdminUrl,
    options.databasePrefix ?? 'temporal',
  );
  await migrateSchemas(options.serverDir, store);
  say(`schemas of ${Object.values(store.databases).join(' and ')} set up and migrated`);

  const dynamicConfig = await dynamicConfigFile(options);
  const jwks = await serveJwks(options.pki.jwks);
  const jwksUrl = [
    `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`,
    ...(options.trustedJwks ?? []),
  ].join(',');
  const processes = clusterProcesses(options.historyHosts ?? 2);
  const ports = portsOf(
    options.frontendPort,
    processes.map((p) => p.name),
  );
  const parts: { name: string; part: Part }[] = [];
  const temporalDb = connectionTo(store, store.databases.temporal);
  const stop = async () => {
    for (const { part } of [...parts].reverse()) await part.stop();
    await new Promise((resolve) => jwks.close(resolve));
  };
  try {
    for (const { name, service } of processes) {
      const log = createWriteStream(logFile(name), { flags: 'a' });
      const part = spawnPart(
        join(options.serverDir, 'temporal-server'),
        // --root: the server joins it to --config, which an absolute path would not survive.
        [
          '--root',
          CONFIG_DIR,
          '--config',
          '.',
          '--env',
          'production',
          'start',
          '--service',
          service,
        ],
        {
          env: serverEnv({
            options,
            store,
            jwksUrl,
            ports,
            processName: name,
            service,
            dynamicConfig,
          }),
          onLine: (line) => log.write(`${line}\n`),
          graceMs: 20_000,
        },
      );
      void part.exited.then(() => log.end());
      parts.push({ name, part });
      // The first process to start writes the cluster's metadata; others starting with it race to
      // write it too and exit on the duplicate key. The rest start once it is there.
      if (parts.length === 1 && !(await clusterMetadataWritten(temporalDb, 60_000, part)))
        throw new Error(
          `Temporal's ${name} did not write the cluster metadata:\n${await tail(logFile(name))}`,
        );
    }
    const address = `127.0.0.1:${options.frontendPort}`;
    const operator = async (): Promise<TemporalConnectionOptions> => ({
      address,
      tls: await temporalTls({
        caFile: options.pki.clusterCa,
        certFile: options.pki.peers.operator.cert,
        keyFile: options.pki.peers.operator.key,
        serverName: TLS_SERVER_NAME,
      }),
      apiKey: await mintServiceToken(options.pki, {
        subject: 'lien-thong-operator',
        permissions: ['temporal-system:admin'],
        // A day, as the services' tokens: a benchmark's client holds its connection for hours.
        ttlSeconds: 24 * 3600,
      }),
    });
    const exited = Promise.race(parts.map(({ name, part }) => part.exited.then(() => name)));
    const up = await Promise.race([
      waitUntil(async () => {
        const connection = await Connection.connect({
          ...(await operator()),
          connectTimeout: 1_000,
        });
        try {
          await connection.workflowService.getSystemInfo({});
          for (const namespace of options.namespaces) await ensureNamespace(connection, namespace);
          return true;
        } finally {
          await connection.close();
        }
      }, 120_000),
      exited.then(async (name) => {
        throw new Error(`Temporal's ${name} exited while starting:\n${await tail(logFile(name))}`);
      }),
    ]);
    if (!up) throw new Error(`Temporal's frontend did not become ready on ${address}: see ${logs}`);
    say(`${parts.map((p) => p.name).join(', ')} up on ${address}; logs in ${logs}`);
    return { address, operator, parts, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function clusterMetadataWritten(
  database: pg.ClientConfig,
  timeoutMs: number,
  part: Part,
): Promise<boolean> {
  const written = waitUntil(async () => {
    const client = new pg.Client(database);
    await client.connect();
    try {
      return Boolean((await client.query('SELECT 1 FROM cluster_metadata_info')).rowCount);
    } finally {
      await client.end();
    }
  }, timeoutMs);
  return Promise.race([written, part.exited.then(() => false)]);
}

/** Registers a namespace unless it is there; waits until the frontend serves it. */
async function ensureNamespace(connection: Connection, namespace: string): Promise<void> {
  const service = connection.workflowService;
  try {
    await service.describeNamespace({ namespace });
    // Registered is not yet served: the frontend knows namespaces from a cache refreshed every
    // ~10 s, and until then starts and polls in it are NOT_FOUND. A task queue is described only
    // once the frontend has it (any queue: an unknown one answers with no pollers).
    await service.describeTaskQueue({ namespace, taskQueue: { name: 'lien-thong-readiness' } });
    return;
  } catch (error) {
    if ((error as { code?: number }).code !== 5) throw error; // 5: NOT_FOUND
  }
  await service
    .registerNamespace({
      namespace,
      // Closed cases' histories are kept this long for investigation, then deleted by Temporal
      // (the read model and the audit log keep the case).
      workflowExecutionRetentionPeriod: msToTs('30 days'),
    })
    .catch((error: { code?: number }) => {
      if (error.code !== 6) throw error; // 6: ALREADY_EXISTS — another start registered it
    });
  throw new Error(`namespace ${namespace} registered; waiting for the frontend to serve it`);
}
