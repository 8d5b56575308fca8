// Connecting to a service that may be starting or restarting — Temporal after a crash, during a
// rolling restart, or not yet up when the worker is — tries again with a growing pause instead of
// exiting: a process started during the service's outage comes up when the service does, rather than
// crash-looping under its supervisor (the chaos run found a worker, restarted while Temporal was
// being restarted, exiting with "Connection refused").
import { setTimeout as pause } from 'node:timers/promises';
import type { Logger } from './logger';

export interface PatientOptions {
  /** What is being connected to, for the log. */
  what: string;
  log: Logger;
  /** After this long without success, the last error is thrown. */
  giveUpAfterMs?: number;
  sleep?: (ms: number) => Promise<unknown>;
}

export async function connectPatiently<T>(
  connect: () => Promise<T>,
  { what, log, giveUpAfterMs = 120_000, sleep = pause }: PatientOptions,
): Promise<T> {
  const started = Date.now();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await connect();
    } catch (err) {
      const pauseMs = Math.min(500 * 2 ** (attempt - 1), 10_000);
      if (Date.now() - started + pauseMs > giveUpAfterMs) throw err;
      log.warn({ err, attempt, pauseMs }, `${what} not reachable; trying again`);
      await sleep(pauseMs);
    }
  }
}
