// `make start` from nothing: the launcher brings up PostgreSQL, the Temporal dev server with its Web UI,
// the simulators, the worker (with its metrics) and the API; Ctrl-C stops them all, and so does the
// launcher's own death; a second start finds the same data; a start while one runs names the port it
// finds taken.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { decodeJwt } from 'jose';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { temporalPayloads } from '../../config/data-converter';
import { readEncryptionCodec } from '../../config/payload-keys';
import { createPool } from '../../db/pool';
import { freePortBlock } from '../../scripts/runtime/ports';
import { clusterPortCount } from '../../scripts/runtime/temporal-cluster';
import { spawnPart, type Part } from '../../scripts/runtime/process';
import { EXAMPLE_BIRTH_APPLICATION } from '../../domain/BirthApplication';
import { IDP_DEVELOPMENT_PASSWORD_FILE } from '../../scripts/runtime/kept-secrets';
import { launchChromium } from '../e2e/browser';
import { signInAt } from '../support/identity';
import { workflowPageSeenBy } from '../support/temporal-ui';

const ROOT = join(__dirname, '..', '..');

type Launch = Part & { output: string[] };

/** The launcher as `make start` runs it, a part of its own (its own process group). */
function launch(env: Record<string, string>): Launch {
  const output: string[] = [];
  const part = spawnPart(
    process.execPath,
    ['--import', require.resolve('tsx'), join(ROOT, 'scripts', 'start.ts')],
    {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      onLine: (line) => output.push(`${line}\n`),
    },
  );
  return { ...part, output };
}

/** Every process `pid` started, and those they started (a part in a group of its own too). */
function descendants(pid: number): number[] {
  const table = execFileSync('ps', ['-A', '-o', 'pid=', '-o', 'ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number));
  const found: number[] = [];
  for (let parents = [pid]; parents.length > 0;) {
    const children = table.filter(([, ppid]) => parents.includes(ppid ?? -1)).map(([p]) => p ?? -1);
    found.push(...children);
    parents = children;
  }
  return found;
}

/** Those of `pids` still running, as `ps` shows them; a zombie is not (not every init reaps one). */
function stillRunning(pids: number[]): string[] {
  let listed: string;
  try {
    listed = execFileSync('ps', ['-o', 'pid=,stat=,args=', '-p', pids.join(',')], {
      encoding: 'utf8',
    });
  } catch {
    return []; // ps exits 1 when none of them exists
  }
  return listed
    .trim()
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => !/^\d+\s+Z/.test(line));
}

const expectAllEnded = (pids: number[], timeout: number) =>
  vi.waitFor(() => expect(stillRunning(pids)).toEqual([]), { timeout, interval: 250 });

/** A data directory and free ports for one launcher. */
async function launcherEnv(dataDirs: string[]) {
  const dataDir = mkdtempSync(join(tmpdir(), 'lien-thong-start-'));
  dataDirs.push(dataDir);
  chmodSync(dataDir, 0o755);
  // A block below the kernel's ephemeral range: a port picked from that range can be taken by any
  // outgoing connection before the launcher binds it (a dev server once panicked on one).
  const first = await freePortBlock(7);
  const [pg, temporal, ui, api, simulators, workerMetrics, idp] = Array.from(
    { length: 7 },
    (_, i) => first + i,
  );
  return {
    DATA_DIR: dataDir,
    EMBEDDED_POSTGRES_PORT: String(pg),
    TEMPORAL_PORT: String(temporal),
    TEMPORAL_UI_PORT: String(ui),
    API_PORT: String(api),
    SIMULATORS_PORT: String(simulators),
    WORKER_METRICS_PORT: String(workerMetrics),
    IDP_PORT: String(idp),
    LOG_LEVEL: 'warn',
  };
}

const waitForReady = (run: Launch) =>
  vi.waitFor(
    () => {
      if (run.child.exitCode !== null) throw new Error(`launcher exited:\n${run.output.join('')}`);
      expect(run.output.join('')).toContain('[start] ready:');
    },
    { timeout: 150_000, interval: 250 },
  );

describe('make start (scripts/start.ts)', () => {
  const runs: Launch[] = [];
  const dataDirs: string[] = [];
  // A launcher still running (a failed or interrupted test) is asked to stop its parts, as Ctrl-C
  // would: a SIGKILL of its group alone would leave them running, each in a group of its own.
  afterAll(async () => {
    for (const run of runs.filter(
      (r) => r.child.exitCode === null && r.child.signalCode === null,
    )) {
      run.kill('SIGINT');
      const stopped = await Promise.race([
        run.exited.then(() => true),
        new Promise<false>((r) => setTimeout(() => r(false), 60_000)),
      ]);
      if (!stopped) run.kill();
    }
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  }, 130_000);

  it('when started, stopped with Ctrl-C and started again, then it is ready each time and keeps its data', async () => {
    // Arrange
    const env = await launcherEnv(dataDirs);
    const dataDir = env.DATA_DIR;
    const [temporal, ui, api, simulators, workerMetrics] = [
      env.TEMPORAL_PORT,
      env.TEMPORAL_UI_PORT,
      env.API_PORT,
      env.SIMULATORS_PORT,
      env.WORKER_METRICS_PORT,
    ].map(Number);
    const base = `http://127.0.0.1:${api}`;
    const headers: Record<string, string> = {};

    // Act: first start, a self-check, Ctrl-C
    const first = launch(env);
    runs.push(first);
    await waitForReady(first);
    const firstParts = descendants(first.child.pid ?? -1);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    // People sign in at the identity provider it runs (code + PKCE), with the development accounts'
    // password kept beside the data; development sign-in (/dev/tokens) is off.
    const signedIn = await signInAt(
      `http://127.0.0.1:${env.IDP_PORT}`,
      'admin',
      readFileSync(join(dataDir, 'identity-development-password'), 'utf8').trim(),
      { redirectUri: `${base}/signin/callback` },
    );
    if (!signedIn.ok) throw new Error(`sign-in refused: ${signedIn.status}`);
    headers.Authorization = `Bearer ${signedIn.accessToken}`;
    const devTokens = await fetch(`${base}/dev/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ role: 'admin' }),
    });
    expect(devTokens.status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${ui}/`)).status).toBe(200);
    // The simulators' /admin answers only the token the launcher made and kept beside the data.
    const adminUrl = `http://127.0.0.1:${simulators}/admin/faults/stats`;
    const adminToken = readFileSync(join(dataDir, 'simulators-admin-token'), 'utf8').trim();
    expect((await fetch(adminUrl)).status).toBe(401);
    const bearer = { Authorization: `Bearer ${adminToken}` };
    expect((await fetch(adminUrl, { headers: bearer })).status).toBe(200);
    const started = (await (
      await fetch(`${base}/v1/self-checks`, { method: 'POST', headers })
    ).json()) as {
      checkId: string;
      workflowId: string;
    };
    await vi.waitFor(
      async () => {
        const check = await fetch(`${base}/v1/self-checks/${started.checkId}`, { headers });
        expect(await check.json()).toMatchObject({ status: 'recorded' });
      },
      { timeout: 30_000, interval: 250 },
    );
    // The worker's own metrics: the self-check's workflow completed (just after it recorded the
    // check), its tasks' wait measured.
    await vi.waitFor(
      async () => {
        const text = await (await fetch(`http://127.0.0.1:${workerMetrics}/metrics`)).text();
        expect(text).toMatch(/^temporal_workflow_completed\{.*\} [1-9]/m);
        expect(text).toContain('temporal_workflow_task_schedule_to_start_latency');
      },
      { timeout: 10_000, interval: 250 },
    );
    // The API and the worker hold their database sessions as the application's login, not the
    // owner's (db/app-login.ts); the owner's are the launcher's own and the simulators'.
    const ownerUrl = `postgres://postgres:postgres@127.0.0.1:${env.EMBEDDED_POSTGRES_PORT}/lien_thong`;
    const owner = createPool(ownerUrl, { max: 1 });
    try {
      const { rows } = await owner.query<{ usename: string }>(
        `SELECT DISTINCT usename FROM pg_stat_activity
          WHERE datname = 'lien_thong' AND usename = 'lien_thong_app'`,
      );
      expect(rows).toEqual([{ usename: 'lien_thong_app' }]);
    } finally {
      await owner.end();
    }
    // A terminal's Ctrl-C signals the whole foreground process group: tsx and the launcher it runs
    // (which may so get it twice: tsx relays it when the launcher is slow to answer). Pressed twice
    // here: the launcher stops every part it started all the same.
    first.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 100));
    first.kill('SIGINT');
    expect(await first.exited).toBe(0);
    // Every process it started (the parts, the ones they started, its reaper) has ended.
    expect(firstParts.length).toBeGreaterThanOrEqual(6);
    await expectAllEnded(firstParts, 20_000);
    for (const part of ['api', 'worker', 'idp', 'simulators', 'temporal', 'postgres']) {
      expect(first.output.join('')).toContain(`[start] ${part} stopped`);
    }
    for (const port of [api, workerMetrics, simulators, ui])
      await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();

    const keysAtFirstStart = readFileSync(join(dataDir, 'payload-keys.json'), 'utf8');
    expect(first.output.join('')).toContain('Temporal payloads: a development key made in');

    // Act: second start on the same data
    const second = launch(env);
    runs.push(second);
    await waitForReady(second);
    const secondParts = descendants(second.child.pid ?? -1);

    // Assert: the earlier workflow and its row are still there, and the same admin token works
    expect((await fetch(adminUrl, { headers: bearer })).status).toBe(200);
    const check = await fetch(`${base}/v1/self-checks/${started.checkId}`, { headers });
    expect(await check.json()).toMatchObject({ checkId: started.checkId, status: 'recorded' });
    // The payload key file made at the first start is the one in use: the self-check's input is
    // stored encrypted with it, and the API's codec endpoint reads it back for an admin.
    const keysFile = join(dataDir, 'payload-keys.json');
    expect(statSync(keysFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keysFile, 'utf8')).toBe(keysAtFirstStart);
    const { dataConverter } = temporalPayloads(await readEncryptionCodec(keysFile));
    const connection = await Connection.connect({ address: `127.0.0.1:${temporal}` });
    try {
      const handle = new Client({ connection, dataConverter }).workflow.getHandle(
        started.workflowId,
      );
      expect((await handle.describe()).status.name).toBe('COMPLETED');
      const [input] =
        (await handle.fetchHistory()).events?.[0]?.workflowExecutionStartedEventAttributes?.input
          ?.payloads ?? [];
      expect(Buffer.from(input?.metadata?.['encryption-key-id'] ?? []).toString()).toBe('dev-1');
      const decoded = await fetch(`${base}/v1/codec/decode`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          payloads: [
            {
              metadata: Object.fromEntries(
                Object.entries(input?.metadata ?? {}).map(([k, v]) => [
                  k,
                  Buffer.from(v).toString('base64'),
                ]),
              ),
              data: Buffer.from(input?.data ?? []).toString('base64'),
            },
          ],
        }),
      });
      expect(decoded.status).toBe(200);
      const [plain] = ((await decoded.json()) as { payloads: { data: string }[] }).payloads;
      expect(Buffer.from(plain?.data ?? '', 'base64').toString()).toContain(started.checkId);
    } finally {
      await connection.close();
    }
    // The audit log's head was signed into the checkpoint file as the first API stopped, with the
    // key made beside the data; audit:verify finds the chain intact and anchored.
    const verified = spawnSync(
      process.execPath,
      ['--import', require.resolve('tsx'), join(ROOT, 'scripts', 'verify-audit.ts')],
      {
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH,
          DATABASE_URL: ownerUrl,
          AUDIT_CHECKPOINT_FILE: join(dataDir, 'audit-checkpoints.jsonl'),
          AUDIT_SIGNING_KEY_FILE: join(dataDir, 'audit-signing-key.pem'),
        },
      },
    );
    expect(verified.stderr).toBe('');
    expect(verified.stdout).toMatch(/^audit log intact: \d+ rows, [1-9]\d* checkpoints/);
    expect(verified.status).toBe(0);
    // `kill -INT` of the launcher alone stops everything too.
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
    await expect(fetch(`http://127.0.0.1:${workerMetrics}/metrics`)).rejects.toThrow();
    await expectAllEnded(secondParts, 20_000);
  }, 400_000);

  it('when a second launcher starts on the ports of one running, then it exits non-zero naming each port taken, and the first runs on', async () => {
    // Arrange
    const env = await launcherEnv(dataDirs);
    const first = launch(env);
    runs.push(first);
    await waitForReady(first);
    const token = readFileSync(join(env.DATA_DIR, 'simulators-admin-token'), 'utf8');

    // Act: the same ports and the same data
    const second = launch(env);
    runs.push(second);
    const code = await second.exited;

    // Assert
    expect(code).not.toBe(0);
    const said = second.output.join('');
    expect(said).toContain(
      `[start] port ${env.API_PORT} (API_PORT) is in use — is another make start running? Set API_PORT to use another.`,
    );
    for (const setting of [
      'EMBEDDED_POSTGRES_PORT',
      'TEMPORAL_PORT',
      'TEMPORAL_UI_PORT',
      'SIMULATORS_PORT',
      'WORKER_METRICS_PORT',
      'IDP_PORT',
    ] as const)
      expect(said).toContain(`port ${env[setting]} (${setting}) is in use`);
    expect(said).not.toContain('PostgreSQL:');
    expect(said).not.toContain('undefined');
    expect((await fetch(`http://127.0.0.1:${env.API_PORT}/readyz`)).status).toBe(200);
    expect(readFileSync(join(env.DATA_DIR, 'simulators-admin-token'), 'utf8')).toBe(token);

    // Act: the first launcher killed outright, with no chance to stop anything
    const parts = descendants(first.child.pid ?? -1);
    first.child.kill('SIGKILL');

    // Assert: its reaper ends every part all the same
    await expectAllEnded(parts, 40_000);
    await expect(fetch(`http://127.0.0.1:${env.API_PORT}/readyz`)).rejects.toThrow();
  }, 300_000);

  it('when started with PROFILE=production, then make demo completes both groups through the cluster with the identity provider’s service tokens, its Web UI shows a signed-in admin the payloads decoded and a clerk ciphertext, and Ctrl-C stops every one of its processes', async () => {
    // Arrange: Temporal's services take a block of ports from TEMPORAL_PORT up, below 32768
    const env = {
      ...(await launcherEnv(dataDirs)),
      PROFILE: 'production',
      TEMPORAL_PORT: String(await freePortBlock(clusterPortCount())),
    };
    const run = launch(env);
    runs.push(run);
    await waitForReady(run);
    const parts = descendants(run.child.pid ?? -1);

    // Act: the demo, as `make demo` runs it
    const demo = (script: string) =>
      execFileSync(
        process.execPath,
        ['--import', require.resolve('tsx'), join(ROOT, 'scripts', script), env.API_PORT],
        {
          encoding: 'utf8',
          env: { PATH: process.env.PATH, HOME: process.env.HOME },
          timeout: 120_000,
        },
      );
    const births = demo('demo.ts');
    const deaths = demo('demo-death.ts');
    // What the API and the worker called Temporal with: tokens from the identity provider.
    const tokenClaims = (service: string) =>
      decodeJwt(
        readFileSync(join(env.DATA_DIR, 'temporal-cluster', 'tokens', `${service}.jwt`), 'utf8'),
      );
    // The Web UI: an admin signed in there reads the case's payloads through the codec endpoint; a
    // clerk, also signed in, is refused by it and sees them encrypted.
    const seen = async (login: string) => {
      const browser = await launchChromium();
      try {
        return await workflowPageSeenBy(
          browser,
          {
            ui: `http://127.0.0.1:${env.TEMPORAL_UI_PORT}`,
            namespace: 'default',
            workflowId: /case (birth-residence-insurance:\S+): completed/.exec(births)?.[1] ?? '',
          },
          {
            login,
            password: readFileSync(
              join(env.DATA_DIR, IDP_DEVELOPMENT_PASSWORD_FILE),
              'utf8',
            ).trim(),
          },
        );
      } finally {
        await browser.close();
      }
    };
    const byAdmin = await seen('admin');
    const byClerk = await seen('clerk-00004');
    const processes = execFileSync('ps', ['-o', 'args=', '-p', parts.join(',')], {
      encoding: 'utf8',
    });
    run.kill('SIGINT');

    // Assert
    expect(births).toMatch(/case birth-residence-insurance:\S+: completed/);
    expect(deaths).toMatch(/case death-residence-funeral:\S+: completed/);
    expect(byAdmin.codecStatus).toBe(200);
    expect(byAdmin.text).toContain(EXAMPLE_BIRTH_APPLICATION.applicant.fullName);
    expect(byClerk.codecStatus).toBe(403);
    expect(byClerk.text).not.toContain(EXAMPLE_BIRTH_APPLICATION.applicant.fullName);
    expect(await run.exited).toBe(0);
    expect(processes.match(/temporal-server .*--service/g)).toHaveLength(6);
    expect(processes).toMatch(/temporal-ui-server/);
    expect(processes).toMatch(/temporal-ui-gateway\.ts/);
    for (const service of ['api', 'worker'])
      expect(tokenClaims(service)).toMatchObject({
        iss: `http://127.0.0.1:${env.IDP_PORT}`,
        aud: 'temporal',
        permissions: ['default:write'],
      });
    await expectAllEnded(parts, 30_000);
  }, 300_000);
});
