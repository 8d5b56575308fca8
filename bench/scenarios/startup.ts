// Scenario 4: start-up. `make start`'s launcher from nothing to a ready API (with warm caches: the
// Temporal CLI and the packages are already there), then again on its existing data; and a worker
// starting from the prebuilt workflow bundle until it polls.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../scripts/runtime/ports';
import { findProcess } from '../lib/proc';
import { round, type ScenarioResult } from '../lib/report';
import { ROOT, TSX, type BenchStack } from '../lib/stack';

/** Runs `entry` until a line matches `ready`; returns the seconds it took, then stops it. */
function timeUntil(
  entry: string,
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  timeoutMs = 180_000,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(TSX, [join(ROOT, entry), ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const stop = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGINT');
      } catch {
        // gone
      }
    };
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`${entry} not ready in ${timeoutMs} ms`));
    }, timeoutMs);
    let seen = false;
    const onData = (chunk: Buffer) => {
      if (seen || !ready.test(chunk.toString())) return;
      seen = true;
      clearTimeout(timer);
      const seconds = (performance.now() - started) / 1000;
      child.once('exit', () => resolve(seconds));
      stop();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      if (!seen) {
        clearTimeout(timer);
        reject(new Error(`${entry} exited ${code} before it was ready`));
      }
    });
  });
}

/** Waits for the launcher's parts to finish stopping (their data is `dataDir`), else kills them. */
async function settled(dataDir: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (let pid = findProcess(dataDir); pid !== undefined; pid = findProcess(dataDir)) {
    if (Date.now() > deadline) process.kill(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function startup(stack: BenchStack): Promise<ScenarioResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lien-thong-start-'));
  chmodSync(dataDir, 0o755);
  const ports = {
    EMBEDDED_POSTGRES_PORT: String(await freePort()),
    TEMPORAL_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    API_PORT: String(await freePort()),
    SIMULATORS_PORT: String(await freePort()),
    WORKER_METRICS_PORT: String(await freePort()),
    IDP_PORT: String(await freePort()),
  };
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    DATA_DIR: dataDir,
    ...ports,
  };
  const first = await timeUntil('scripts/start.ts', [], env, /\[start\] ready:/);
  await settled(dataDir);
  const again = await timeUntil('scripts/start.ts', [], env, /\[start\] ready:/);
  await settled(dataDir);
  rmSync(dataDir, { recursive: true, force: true });

  const bundle = join(dataDir, '..', `lien-thong-bundle-${Date.now()}.js`);
  const bundleSeconds = await timeUntil(
    'worker/bundle.ts',
    [bundle],
    {},
    /workflow bundle written/,
  );
  const worker = await timeUntil(
    'worker/main.ts',
    [],
    { ...stack.env, LOG_LEVEL: 'info', WORKFLOW_BUNDLE_PATH: bundle },
    /worker running/,
  );
  rmSync(bundle, { force: true });

  return {
    scenario: '4-startup',
    title: '4. Start-up',
    figures: [
      {
        name: 'make start → ready, new data directory',
        value: round(first, 1),
        unit: 's',
        target: '< 20 s',
        met: first < 20,
      },
      {
        name: 'make start → ready, existing data',
        value: round(again, 1),
        unit: 's',
        target: '< 20 s',
        met: again < 20,
      },
      {
        name: 'worker start with the prebuilt bundle',
        value: round(worker, 2),
        unit: 's',
        target: '< 3 s',
        met: worker < 3,
      },
      {
        name: 'building the workflow bundle (once per release)',
        value: round(bundleSeconds, 1),
        unit: 's',
      },
    ],
    details: {
      first,
      again,
      worker,
      bundleSeconds,
      notes: ['warm caches: Temporal CLI built and packages installed beforehand'],
    },
  };
}
