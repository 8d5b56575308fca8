// A wrong or missing environment value stops each process at start-up with one message listing
// every bad key, and no stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

function start(entry: string, env: Record<string, string>) {
  return spawnSync(TSX, [join(ROOT, entry)], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('process start-up with bad configuration', () => {
  it.each([
    ['api/server.ts', ['API_PORT', 'LOG_LEVEL', 'DATABASE_URL']],
    ['worker/main.ts', ['LOG_LEVEL', 'DATABASE_URL', 'SIMULATORS_URL']],
    ['agencies/simulators/server.ts', ['LOG_LEVEL', 'DATABASE_URL']],
    ['scripts/start.ts', ['LOG_LEVEL', 'API_PORT']],
  ])('when %s starts with bad keys, then it exits 1 listing each of them', (entry, keys) => {
    const result = start(entry, {
      API_PORT: '99999',
      LOG_LEVEL: 'loud',
      SIMULATORS_URL: 'not a url',
    });
    expect(result.status).toBe(1);
    // The launcher marks its lines `[start]`, as every line it prints.
    expect(result.stderr).toMatch(/^(\[start\] )?Invalid configuration \(\d+ problems?\):/);
    for (const key of keys) expect(result.stderr).toMatch(new RegExp(`^  - ${key}: `, 'm'));
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('process start-up in production without payload keys', () => {
  const secret = 's'.repeat(40);
  it.each([
    ['worker/main.ts', {}],
    [
      'api/server.ts',
      {
        AUTH_JWT_SECRET: secret,
        AUTH_ALLOW_HS256: 'true',
        CASE_ID_SECRET: secret,
        AUDIT_SIGNING_KEY_FILE: '/nonexistent/audit.pem',
        AUDIT_CHECKPOINT_FILE: '/nonexistent/checkpoints.jsonl',
      },
    ],
  ])(
    'when %s starts in production with no TEMPORAL_PAYLOAD_KEYS_FILE, then it exits 1 before connecting, naming the key',
    (entry, env) => {
      const result = start(entry, {
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
        TEMPORAL_ADDRESS: '127.0.0.1:1',
        // Production's other Temporal keys, so that the payload keys are the one thing missing.
        TEMPORAL_TLS_CA_FILE: '/nonexistent/ca.pem',
        TEMPORAL_TLS_CERT_FILE: '/nonexistent/cert.pem',
        TEMPORAL_TLS_KEY_FILE: '/nonexistent/key.pem',
        TEMPORAL_API_KEY_FILE: '/nonexistent/token.jwt',
        ...env,
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/^Invalid configuration \(1 problem\):/);
      expect(result.stderr).toMatch(/^ {2}- TEMPORAL_PAYLOAD_KEYS_FILE: production encrypts/m);
      expect(result.stdout).not.toMatch(/not reachable/);
    },
  );
});

describe('process start-up while Temporal is not reachable', () => {
  it.each(['worker/main.ts', 'api/server.ts'])(
    'when %s starts and nothing answers at the Temporal address, then it keeps trying (logging each refusal) instead of exiting',
    async (entry) => {
      // A port that was free a moment ago: nothing listens there.
      const probe = createServer().listen(0, '127.0.0.1');
      await once(probe, 'listening');
      const port = (probe.address() as { port: number }).port;
      probe.close();
      const child = spawn(TSX, [join(ROOT, entry)], {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          TEMPORAL_ADDRESS: `127.0.0.1:${port}`,
          DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
          SIMULATORS_URL: 'http://127.0.0.1:1',
          LOG_LEVEL: 'warn',
        },
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      try {
        await expect
          .poll(() => (output.match(/Temporal not reachable; trying again/g) ?? []).length, {
            timeout: 20_000,
            interval: 200,
          })
          .toBeGreaterThanOrEqual(1);
        // Still there after the pause: trying again (the API's client takes seconds per attempt).
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        expect(child.exitCode).toBeNull();
      } finally {
        child.kill('SIGKILL');
      }
    },
  );
});
