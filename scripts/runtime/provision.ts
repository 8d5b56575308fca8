// Runs the provisioning scripts from TypeScript: their progress goes to our stderr, the path they
// print is returned. Each script is idempotent and answers from its cache in milliseconds.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const SCRIPTS = join(__dirname, '..');

function provision(script: string, env: NodeJS.ProcessEnv): string {
  const out = execFileSync('bash', [join(SCRIPTS, script)], {
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const path = out.trim().split('\n').pop();
  if (!path) throw new Error(`${script} printed no path`);
  return path;
}

/** Path of the Temporal CLI (dev server). */
export const provisionTemporalCli = (env: NodeJS.ProcessEnv = process.env): string =>
  provision('provision-temporal-cli.sh', env);

/** Path of the executable wrapper around Temporal's Java time-skipping test server. */
export const provisionTestServer = (env: NodeJS.ProcessEnv = process.env): string =>
  provision('provision-test-server.sh', env);

/** Directory of Temporal's own server, its SQL tool, schemas and Web UI server (production profile). */
export const provisionTemporalServer = (env: NodeJS.ProcessEnv = process.env): string =>
  provision('provision-temporal-server.sh', env);
