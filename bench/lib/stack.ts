// The whole system started for a benchmark as `make start` runs it — each part its own process, so
// each part's CPU and memory can be read — in a throw-away data directory (or one kept between the
// parts of a long run) on free ports. The Temporal dev server runs with the same flags as under
// `make start` (SQLite in WAL mode), recorded in the results.
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DataConverter } from '@temporalio/common';
import { temporalPayloads } from '../../config/data-converter';
import { ensureDevelopmentPayloadKeys, readEncryptionCodec } from '../../config/payload-keys';
import { ensureAppLogin } from '../../db/app-login';
import { migrate } from '../../db/migrate';
import { createPool, type Db } from '../../db/pool';
import { seedDevelopmentDirectory } from '../../db/development-officers';
import { seedReferenceData } from '../../db/reference-data';
import type { TemporalConnectionOptions } from '../../config/temporal-connection';
import { freePort, freePortBlock } from '../../scripts/runtime/ports';
import { startProductionTemporal } from '../../scripts/runtime/production-temporal';
import { clusterPortCount, type ClusterTuning } from '../../scripts/runtime/temporal-cluster';
import { ensureDatabase, startEmbeddedPostgres } from '../../scripts/runtime/postgres';
import { APP_DATABASE_PASSWORD_FILE, keptSecret } from '../../scripts/runtime/kept-secrets';
import { spawnPart, type Part } from '../../scripts/runtime/process';
import { provisionTemporalCli } from '../../scripts/runtime/provision';
import {
  devServerArgs,
  startTemporalDevServer,
  waitForWorker,
} from '../../scripts/runtime/temporal';
import { TASK_QUEUES } from '../../workflows/task-queues';
import { findProcess } from './proc';

export const ROOT = resolve(__dirname, '..', '..');
export const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
export const NAMESPACE = 'default';

/** The parts that run as processes of ours: killed and started again by chaos runs. */
export type OwnPart = 'simulators' | 'worker' | 'api';

export interface BenchStack {
  api: string;
  simulators: string;
  /** The simulators' /admin bearer token (SIMULATORS_ADMIN_TOKEN), made for this stack. */
  simulatorsAdminToken: string;
  temporalAddress: string;
  /** How a client of the benchmark reaches Temporal (TLS and an operator's token on the production profile). */
  temporalConnection: () => Promise<TemporalConnectionOptions>;
  databaseUrl: string;
  /** The owner's pool, for reading the agencies' and the read model's tables. */
  db: Db;
  /** Root pid of each part, for CPU and memory (updated when a part starts again). */
  pids: Record<string, number>;
  temporalFlags: string[];
  /** The Temporal dev server's SQLite file. */
  temporalDbFile: string;
  /** The worker's workflow-cache limit. */
  workflowCacheSize: string;
  /** The worker's Prometheus metrics (the Temporal SDK's). */
  workerMetrics: string;
  /** The environment every part gets. */
  env: Record<string, string>;
  /** What the stack's parts encrypt Temporal payloads with, for a client of the run's own. */
  dataConverter: DataConverter;
  /** Starts another process with the stack's environment (a second worker, a load generator). */
  spawn(name: string, entry: string, env?: Record<string, string>): Part;
  /** SIGKILLs one of our parts, whole process group (no goodbye: as a crashed machine). */
  kill(part: OwnPart): void;
  /** Starts a part again (after `kill`), waiting until it answers; `env` replaces its extra settings. */
  start(part: OwnPart, env?: Record<string, string>): Promise<void>;
  /** SIGKILLs the Temporal dev server and starts it again on the same SQLite file and port. */
  restartTemporal(): Promise<void>;
  /** Stops PostgreSQL (its data kept) and, with `startPostgres`, brings it back on the same port. */
  stopPostgres(): Promise<void>;
  startPostgres(): Promise<void>;
  stop(): Promise<void>;
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer`);
}

type Ports = [number, number, number, number];
/** Four free ports, the same again for a kept data directory (its Temporal cluster knows its address). */
async function ports(remembered?: string): Promise<Ports> {
  if (remembered && existsSync(remembered))
    return JSON.parse(readFileSync(remembered, 'utf8')) as Ports;
  const chosen: Ports = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  if (remembered) writeFileSync(remembered, JSON.stringify(chosen));
  return chosen;
}

export interface BenchStackOptions {
  /** Extra settings per part (a workflow-cache limit, a drill's short supplement window). */
  env?: Partial<Record<OwnPart, Record<string, string>>>;
  /** Node flags per part that NODE_OPTIONS may not carry (`--cpu-prof`). */
  nodeArgs?: Partial<Record<OwnPart, string[]>>;
  log?: (line: string) => void;
  /**
   * Keep the stack's data here instead of a throw-away directory: `stop` leaves it, and a later stack
   * on the same directory starts on the same databases and ports (a run resumed in another session).
   */
  dataDir?: string;
  /** A part of ours ended without being killed or stopped (a crash), with its last lines of output. */
  onCrash?: (part: OwnPart, code: number | null, lastLines: string[]) => void;
  /**
   * `development` (default): the CLI dev server, as `make start`; `production`: Temporal's own
   * server on the stack's PostgreSQL, one process per service, mutual TLS and the authorizer, as
   * `make start PROFILE=production` (a fresh data directory only).
   */
  topology?: 'development' | 'production';
  /** The production topology's history hosts (2). */
  historyHosts?: number;
  /** The production topology's knobs (its checked-in configuration's values unless said). */
  tuning?: ClusterTuning;
  /** Workers polling the same task queues (1); the second and later are `worker-2`… */
  workers?: number;
  /**
   * The production topology's PostgreSQL for Temporal: the application's server (`shared`, as `make
   * start PROFILE=production`), or a server of its own (`own`, as a deployment would give it).
   */
  temporalPostgres?: 'shared' | 'own';
}

export async function startBenchStack(options: BenchStackOptions = {}): Promise<BenchStack> {
  const log = options.log ?? (() => undefined);
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'lien-thong-bench-'));
  mkdirSync(dataDir, { recursive: true });
  // The embedded server runs as its own user when started by root: it must reach its directory.
  chmodSync(dataDir, 0o755);
  const [pgPort, temporalPort, apiPort, simulatorsPort] = await ports(
    options.dataDir && join(dataDir, 'ports.json'),
  );
  // Not kept with the others: nothing in the data remembers it.
  const workerMetricsPort = await freePort();
  const stops: (() => Promise<void>)[] = [];
  const postgresOptions = { dataDir: join(dataDir, 'postgres'), port: pgPort, persistent: true };
  let pg = await startEmbeddedPostgres(postgresOptions);
  stops.push(() => pg.stop());
  const databaseUrl = pg.databaseUrl('lien_thong');
  await ensureDatabase(databaseUrl);
  await migrate(databaseUrl);
  // The API and the worker log in as the application, as under `make start`.
  const appDatabaseUrl = await ensureAppLogin(
    databaseUrl,
    keptSecret(dataDir, APP_DATABASE_PASSWORD_FILE),
  );
  const db = createPool(databaseUrl, { max: 4 });
  await seedReferenceData(db);
  await seedDevelopmentDirectory(db);

  const devServer = {
    cliPath: provisionTemporalCli(),
    port: temporalPort,
    namespaces: [NAMESPACE],
    dbFile: join(dataDir, 'temporal.sqlite'),
  };
  const production = options.topology === 'production';
  if (production && options.dataDir)
    throw new Error('the production topology runs on fresh data only');
  const temporalPg =
    production && options.temporalPostgres === 'own'
      ? await startEmbeddedPostgres({
          dataDir: join(dataDir, 'temporal-postgres'),
          port: await freePort(),
          persistent: true,
        })
      : undefined;
  if (temporalPg) stops.push(() => temporalPg.stop());
  const cluster = production
    ? await startProductionTemporal({
        dataDir,
        postgresAdminUrl: (temporalPg ?? pg).url,
        port: await freePortBlock(clusterPortCount(options.historyHosts)),
        namespace: NAMESPACE,
        ...(options.historyHosts && { historyHosts: options.historyHosts }),
        ...(options.tuning && { tuning: options.tuning }),
        say: log,
      })
    : undefined;
  let temporal = cluster
    ? { address: cluster.address, pid: undefined, stop: cluster.stop }
    : await startTemporalDevServer(devServer);
  stops.push(() => temporal.stop());
  const temporalConnection = cluster
    ? cluster.operator
    : () => Promise.resolve({ address: temporal.address });
  // Payloads encrypted as in production: what a case costs includes its codec.
  const payloadKeysFile = join(dataDir, 'payload-keys.json');
  await ensureDevelopmentPayloadKeys(payloadKeysFile);
  const { dataConverter } = temporalPayloads(await readEncryptionCodec(payloadKeysFile));

  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: NAMESPACE,
    TEMPORAL_PAYLOAD_KEYS_FILE: payloadKeysFile,
    API_PORT: String(apiPort),
    SIMULATORS_PORT: String(simulatorsPort),
    SIMULATORS_URL: `http://127.0.0.1:${simulatorsPort}`,
    SIMULATORS_ADMIN_TOKEN: randomBytes(24).toString('base64url'),
    // Benchmarks measure the engine, not the abuse guard.
    RATE_LIMIT_PER_MINUTE: '100000000',
    // The worker's credentials for every process but the API (the bare worker, load generators).
    ...cluster?.envOf('worker'),
  };
  const spawn = (
    name: string,
    entry: string,
    extra: Record<string, string> = {},
    { onLine, nodeArgs = [] }: { onLine?: (line: string) => void; nodeArgs?: string[] } = {},
  ) => {
    const part = spawnPart(TSX, [...nodeArgs, join(ROOT, entry)], {
      env: { ...env, ...extra },
      onLine: (line) => {
        onLine?.(line);
        log(`[${name}] ${line}`);
      },
    });
    stops.push(part.stop);
    return part;
  };
  // Workers start from a prebuilt workflow bundle, as in production.
  const bundle = join(dataDir, 'workflow-bundle.js');
  await new Promise<void>((done, fail) => {
    const build = spawnPart(TSX, [join(ROOT, 'worker', 'bundle.ts'), bundle], { env });
    void build.exited.then((code) => (code === 0 ? done() : fail(new Error('bundle failed'))));
  });

  const entries: Record<
    OwnPart,
    { entry: string; env: Record<string, string>; ready: () => Promise<void> }
  > = {
    simulators: {
      entry: 'agencies/simulators/server.ts',
      env: {},
      ready: () => waitForHttp(`${env.SIMULATORS_URL}/readyz`, 60_000),
    },
    worker: {
      entry: 'worker/main.ts',
      env: {
        DATABASE_URL: appDatabaseUrl,
        WORKFLOW_BUNDLE_PATH: bundle,
        WORKER_METRICS_ADDRESS: `127.0.0.1:${workerMetricsPort}`,
      },
      ready: async () => {
        if (
          !(await waitForWorker(
            await temporalConnection(),
            NAMESPACE,
            TASK_QUEUES.orchestration,
            90_000,
          ))
        )
          throw new Error('the worker did not start polling');
      },
    },
    api: {
      entry: 'api/server.ts',
      env: { DATABASE_URL: appDatabaseUrl, ...cluster?.envOf('api') },
      ready: () => waitForHttp(`http://127.0.0.1:${apiPort}/readyz`, 60_000),
    },
  };
  const running: Partial<Record<OwnPart, Part>> = {};
  const pids: Record<string, number> = {};
  const track = (name: string, pid: number | undefined) => {
    if (pid !== undefined) pids[name] = pid;
  };
  let stopping = false;
  const launch = (name: OwnPart, extra?: Record<string, string>) => {
    // The last lines a part wrote say why it crashed, even when nobody asked for its output.
    const lastLines: string[] = [];
    const part = spawn(
      name,
      entries[name].entry,
      { ...entries[name].env, ...(extra ?? options.env?.[name]) },
      {
        onLine: (line) => lastLines.push(line) > 40 && lastLines.shift(),
        ...(options.nodeArgs?.[name] && { nodeArgs: options.nodeArgs[name] }),
      },
    );
    running[name] = part;
    track(name, part.child.pid);
    void part.exited.then((code) => {
      if (!stopping && running[name] === part) options.onCrash?.(name, code, lastLines);
    });
  };
  launch('simulators');
  await entries.simulators.ready();
  launch('worker');
  // More workers on the same queues (scale-out): not parts a chaos run kills, so only spawned.
  for (let n = 2; n <= (options.workers ?? 1); n += 1) {
    const more = spawn(`worker-${n}`, entries.worker.entry, {
      ...entries.worker.env,
      ...options.env?.worker,
      WORKER_METRICS_ADDRESS: `127.0.0.1:${await freePort()}`,
    });
    track(`worker-${n}`, more.child.pid);
  }
  launch('api');
  await entries.api.ready();
  await entries.worker.ready();

  const postmaster = () => findProcess('postgres', '-D', postgresOptions.dataDir);
  track('temporal', temporal.pid);
  for (const [name, pid] of Object.entries(cluster?.pids() ?? {})) track(name, pid);
  track('postgres', postmaster());
  if (temporalPg)
    track('temporal-postgres', findProcess('postgres', '-D', join(dataDir, 'temporal-postgres')));

  return {
    api: `http://127.0.0.1:${apiPort}`,
    simulators: env.SIMULATORS_URL,
    simulatorsAdminToken: env.SIMULATORS_ADMIN_TOKEN,
    temporalAddress: temporal.address,
    temporalConnection,
    databaseUrl,
    db,
    pids,
    temporalFlags: cluster
      ? [
          'production profile: temporal-server v1.29.1 on PostgreSQL,',
          `${options.historyHosts ?? 2} history hosts, ${options.tuning?.historyShards ?? 16} shards,`,
          `mutual TLS, JWT authorizer,`,
          options.temporalPostgres === 'own'
            ? 'Temporal on a PostgreSQL server of its own'
            : 'Temporal on the application’s PostgreSQL server',
          ...(options.tuning?.dbMaxConns
            ? [`${options.tuning.dbMaxConns} connections to PostgreSQL per process`]
            : []),
          ...Object.entries(options.tuning?.dynamicConfig ?? {}).map(([k, v]) => `${k}=${v}`),
        ]
      : devServerArgs(devServer).filter((a) => !a.startsWith('/')),
    temporalDbFile: devServer.dbFile,
    workflowCacheSize: options.env?.worker?.WORKFLOW_CACHE_SIZE ?? 'default',
    workerMetrics: `http://127.0.0.1:${workerMetricsPort}/metrics`,
    env,
    dataConverter,
    spawn,
    kill(name) {
      const part = running[name];
      delete running[name];
      part?.kill('SIGKILL');
    },
    async start(name, extra) {
      launch(name, extra);
      await entries[name].ready();
    },
    async restartTemporal() {
      if (cluster) throw new Error('restartTemporal: the development topology only');
      if (temporal.pid !== undefined) process.kill(temporal.pid, 'SIGKILL');
      await temporal.stop();
      temporal = await startTemporalDevServer(devServer);
      track('temporal', temporal.pid);
    },
    stopPostgres: () => pg.stop(),
    async startPostgres() {
      pg = await startEmbeddedPostgres(postgresOptions);
      track('postgres', postmaster());
    },
    async stop() {
      stopping = true;
      await db.end();
      for (const stop of stops.reverse()) await stop().catch(() => undefined);
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
