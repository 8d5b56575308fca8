// Starts the real parts once per test run: an embedded PostgreSQL and a Temporal CLI dev server with one
// namespace per vitest worker, and provisions the Java time-skipping test server. A missing part fails
// the run; nothing is skipped.
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { provisionTemporalCli, provisionTestServer } from '../../scripts/runtime/provision';
import { startEmbeddedPostgres } from '../../scripts/runtime/postgres';
import { startTemporalDevServer } from '../../scripts/runtime/temporal';
import { freePort } from '../../scripts/runtime/ports';
import { ensureAppLogin } from '../../db/app-login';
import { TEST_APP_PASSWORD } from './app-password';
import { TEST_NAMESPACES } from './namespaces';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    temporalAddress: string;
    testServerPath: string;
    temporalCliPath: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const temporalCliPath = provisionTemporalCli();
  const testServerPath = provisionTestServer();
  const scratch = mkdtempSync(join(tmpdir(), 'lien-thong-test-'));
  chmodSync(scratch, 0o755); // PostgreSQL runs as the 'postgres' user when we are root
  const [pg, temporal] = await Promise.all([
    startEmbeddedPostgres({
      dataDir: join(scratch, 'postgres'),
      port: await freePort(),
      persistent: false,
    }),
    freePort().then((port) =>
      startTemporalDevServer({ cliPath: temporalCliPath, port, namespaces: TEST_NAMESPACES }),
    ),
  ]);
  // The application's login, once for the cluster (roles are cluster-wide): every test database's
  // app pool logs in as it (test/support/database.ts), as the API and the workers do.
  await ensureAppLogin(pg.url, TEST_APP_PASSWORD);
  project.provide('postgresAdminUrl', pg.url);
  project.provide('temporalAddress', temporal.address);
  project.provide('testServerPath', testServerPath);
  project.provide('temporalCliPath', temporalCliPath);
  return async () => {
    await Promise.all([temporal.stop(), pg.stop()]);
  };
}
