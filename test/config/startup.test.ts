// A wrong or missing environment value stops each process at start-up with one message listing
// every bad key, and no stack trace.
import { spawnSync } from 'node:child_process';
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
    expect(result.stderr).toMatch(/^Invalid configuration \(\d+ problems?\):/);
    for (const key of keys) expect(result.stderr).toMatch(new RegExp(`^  - ${key}: `, 'm'));
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
