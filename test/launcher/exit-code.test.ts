// A process that ran an embedded PostgreSQL still ends with its own exit code. The library's exit
// hook used to answer 'beforeExit' with exit(0), so a failing test run (vitest sets exitCode = 1)
// reported success to CI.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');

describe('exit code', () => {
  it('when a process that started and stopped embedded PostgreSQL clusters sets exit code 3, then it exits with 3', () => {
    const run = spawnSync(
      join(ROOT, 'node_modules', '.bin', 'tsx'),
      [join(__dirname, 'fixtures', 'exit-code.ts')],
      {
        env: { PATH: process.env.PATH, HOME: process.env.HOME },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(3);
  });
});
