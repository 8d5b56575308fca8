import { createServer } from 'node:net';
import { clusterPortCount } from './temporal-cluster';
import type { LauncherEnv } from '../../config/env';

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** Whether something listens on `port` of 127.0.0.1 (or of every address) right now. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE' ? resolve(true) : reject(error),
    );
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () =>
      server.close(() => resolve(false)),
    );
  });
}

/** Those of `ports` (setting → port) that something listens on already, as [setting, port]. */
export async function portsInUse(
  ports: Record<string, number>,
): Promise<Array<[setting: string, port: number]>> {
  const checked = await Promise.all(
    Object.entries(ports).map(async ([setting, port]) =>
      (await portInUse(port)) ? [[setting, port] as [string, number]] : [],
    ),
  );
  return checked.flat();
}

/** The ports make start listens on, by setting: those of the parts it starts itself. */
export function launcherPorts(env: LauncherEnv): Record<string, number> {
  return {
    API_PORT: env.API_PORT,
    SIMULATORS_PORT: env.SIMULATORS_PORT,
    WORKER_METRICS_PORT: env.WORKER_METRICS_PORT,
    IDP_PORT: env.IDP_PORT,
    ...(!env.TEMPORAL_ADDRESS && {
      TEMPORAL_PORT: env.TEMPORAL_PORT,
      TEMPORAL_UI_PORT: env.TEMPORAL_UI_PORT,
      // The production profile's services take the ports above the frontend's.
      ...(env.PROFILE === 'production' &&
        Object.fromEntries(
          Array.from({ length: clusterPortCount() - 1 }, (_, i) => [
            `TEMPORAL_PORT+${i + 1}`,
            env.TEMPORAL_PORT + i + 1,
          ]),
        )),
    }),
    ...(!env.DATABASE_URL && { EMBEDDED_POSTGRES_PORT: env.EMBEDDED_POSTGRES_PORT }),
  };
}

/**
 * The first of `count` consecutive TCP ports all free on 127.0.0.1 right now (a cluster's block),
 * below 32768: Temporal's SQL schema keeps membership ports as smallint (a port the OS hands out,
 * 32768 and up, stops a history host at its first heartbeat).
 */
export async function freePortBlock(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const first = 20_000 + Math.floor(Math.random() * (32_767 - 20_000 - count));
    const taken = await Promise.all(Array.from({ length: count }, (_, i) => portInUse(first + i)));
    if (!taken.some(Boolean)) return first;
  }
  throw new Error(`no ${count} consecutive free ports found below 32768`);
}
