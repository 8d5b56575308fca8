// The provisioning scripts answer from their cache without rebuilding, and fail with one clear
// message naming what is missing and how to supply it.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SCRIPTS = join(__dirname, '..', '..', 'scripts');

function executable(path: string, body: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, `#!/bin/bash\n${body}\n`);
  chmodSync(path, 0o755);
}

/** A PATH holding only bash basics plus a fake `go` and `mvn` that leave a marker when called. */
function sandbox() {
  const root = mkdtempSync(join(tmpdir(), 'provision-'));
  const bin = join(root, 'bin');
  const marker = join(root, 'called');
  executable(join(bin, 'go'), `echo go >> ${marker}; exit 1`);
  executable(join(bin, 'mvn'), `echo mvn >> ${marker}; exit 1`);
  for (const tool of [
    'dirname',
    'sed',
    'mktemp',
    'mkdir',
    'rm',
    'mv',
    'chmod',
    'cat',
    'id',
    'node',
  ]) {
    const real = spawnSync('/bin/bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
    executable(join(bin, tool), `exec ${real.stdout.trim()} "$@"`);
  }
  const run = (script: string, env: Record<string, string> = {}) =>
    spawnSync('/bin/bash', [join(SCRIPTS, script)], {
      env: { PATH: bin, LIEN_THONG_CACHE: join(root, 'cache'), ...env },
      encoding: 'utf8',
    });
  return { root, marker, run };
}

describe('provision-temporal-cli.sh', () => {
  it('when a build is cached, then it prints that path and builds nothing', () => {
    const { root, marker, run } = sandbox();
    const cached = join(root, 'cache', 'temporal-cli-v1.5.1', 'temporal');
    executable(cached, 'echo "temporal version 1.5.1"');
    const result = run('provision-temporal-cli.sh');
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(cached);
    expect(result.stderr).toContain('cached');
    expect(existsSync(marker)).toBe(false);
  });

  it('when TEMPORAL_CLI_PATH is not an executable, then it fails naming the key', () => {
    const { run } = sandbox();
    const result = run('provision-temporal-cli.sh', { TEMPORAL_CLI_PATH: '/nonexistent/temporal' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /ERROR: TEMPORAL_CLI_PATH=\/nonexistent\/temporal is not an executable/,
    );
  });

  it('when nothing is cached and neither go nor the download works, then it says how to supply one', () => {
    const { marker, run } = sandbox();
    const result = run('provision-temporal-cli.sh');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/ERROR: no Temporal CLI\. Set TEMPORAL_CLI_PATH/);
    expect(existsSync(marker)).toBe(true); // it did try `go install` first
  });
});

describe('provision-test-server.sh', () => {
  it('when the test server is cached, then it prints the wrapper and fetches nothing', () => {
    const { root, marker, run } = sandbox();
    const dir = join(root, 'cache', 'temporal-test-server-1.32.1-2');
    executable(join(dir, 'temporal-test-server'), 'exit 0');
    mkdirSync(join(dir, 'lib'));
    writeFileSync(join(dir, 'lib', 'temporal-test-server-1.32.1.jar'), '');
    const result = run('provision-test-server.sh');
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(join(dir, 'temporal-test-server'));
    expect(existsSync(marker)).toBe(false);
  });

  it('when java is missing, then it fails naming java and the way around it', () => {
    const { run } = sandbox();
    const result = run('provision-test-server.sh');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/ERROR: java is not installed.*TEMPORAL_TEST_SERVER_PATH/);
  });
});
