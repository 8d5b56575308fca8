import { createServer } from 'node:net';
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
    ...(!env.TEMPORAL_ADDRESS && {
      TEMPORAL_PORT: env.TEMPORAL_PORT,
      TEMPORAL_UI_PORT: env.TEMPORAL_UI_PORT,
    }),
    ...(!env.DATABASE_URL && { EMBEDDED_POSTGRES_PORT: env.EMBEDDED_POSTGRES_PORT }),
  };
}
