// The Temporal CLI dev server as a child process: a real Temporal server with SQLite persistence.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { TemporalConnectionOptions } from '../../config/temporal-connection';
import { spawnPart } from './process';

export interface RunningTemporal {
  address: string;
  pid: number | undefined;
  stop: () => Promise<void>;
}

export interface DevServerOptions {
  cliPath: string;
  port: number;
  /** Namespaces to create at start; the first is the default. */
  namespaces: string[];
  /** SQLite file; omitted → in memory (tests). */
  dbFile?: string;
  /** Web UI port; omitted → headless. */
  uiPort?: number;
  onOutput?: (line: string) => void;
}

/** Flags for `temporal server start-dev`, also written into benchmark results. */
export function devServerArgs(options: DevServerOptions): string[] {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port)];
  for (const namespace of options.namespaces) args.push('--namespace', namespace);
  args.push('--log-level', 'warn');
  if (options.dbFile) {
    // WAL, as Temporal's own SDK load tests run SQLite: writers no longer block readers.
    args.push('--db-filename', resolve(options.dbFile), '--sqlite-pragma', 'journal_mode=wal');
  }
  if (options.uiPort === undefined) args.push('--headless');
  else args.push('--ui-ip', '127.0.0.1', '--ui-port', String(options.uiPort));
  return args;
}

export async function startTemporalDevServer(options: DevServerOptions): Promise<RunningTemporal> {
  if (options.dbFile) mkdirSync(dirname(resolve(options.dbFile)), { recursive: true });
  const part = spawnPart(options.cliPath, devServerArgs(options), {
    ...(options.onOutput && { onLine: options.onOutput }),
    graceMs: 10_000,
  });
  const address = `127.0.0.1:${options.port}`;
  const ready = await Promise.race([
    waitForTemporal(address, 60_000),
    part.exited.then(() => false),
  ]);
  if (!ready) {
    part.kill('SIGKILL');
    throw new Error(`the Temporal dev server did not become ready on ${address}`);
  }
  return { address, pid: part.child.pid, stop: part.stop };
}

/** Polls until a Temporal frontend answers at `address`, or the time runs out. */
export async function waitForTemporal(address: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return true;
      } finally {
        await connection.close();
      }
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return false;
}

/** Polls until some worker polls `taskQueue` for workflow tasks, or the time runs out. */
export async function waitForWorker(
  connectTo: TemporalConnectionOptions,
  namespace: string,
  taskQueue: string,
  timeoutMs: number,
): Promise<boolean> {
  const connection = await Connection.connect(connectTo);
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const { pollers } = await connection.workflowService.describeTaskQueue({
        namespace,
        taskQueue: { name: taskQueue },
        taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      });
      if (pollers.length > 0) return true;
      await new Promise((r) => setTimeout(r, 300));
    }
    return false;
  } finally {
    await connection.close();
  }
}
