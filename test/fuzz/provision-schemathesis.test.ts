// scripts/provision-schemathesis.sh answers from its cache without installing anything, refuses a
// half-finished cache, and says how to supply schemathesis when it cannot install it.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SCRIPT = join(__dirname, '..', '..', 'scripts', 'provision-schemathesis.sh');
const VERSION = '4.32.5';

function executable(path: string, body: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, `#!/bin/bash\n${body}\n`);
  chmodSync(path, 0o755);
}

/** A PATH with bash basics and a fake `python3` that leaves a marker when it is called. */
function sandbox() {
  const root = mkdtempSync(join(tmpdir(), 'provision-st-'));
  const bin = join(root, 'bin');
  const marker = join(root, 'called');
  executable(join(bin, 'python3'), `echo python3 "$@" >> ${marker}; exit 1`);
  for (const tool of ['dirname', 'mkdir', 'rm', 'touch', 'cat', 'chmod']) {
    const real = spawnSync('/bin/bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
    executable(join(bin, tool), `exec ${real.stdout.trim()} "$@"`);
  }
  const cache = join(root, 'cache');
  const run = (env: Record<string, string> = {}) =>
    spawnSync('/bin/bash', [SCRIPT], {
      env: { PATH: bin, LIEN_THONG_CACHE: cache, ...env },
      encoding: 'utf8',
    });
  return { cache, marker, run };
}

describe('provision-schemathesis.sh', () => {
  it('when the install is cached, then it prints the st path and installs nothing', () => {
    const { cache, marker, run } = sandbox();
    const st = join(cache, `schemathesis-${VERSION}`, 'bin', 'st');
    executable(st, `echo "st, version ${VERSION}"`);
    writeFileSync(join(cache, `schemathesis-${VERSION}`, '.complete'), '');
    const result = run();
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(st);
    expect(result.stderr).toContain('cached');
    expect(existsSync(marker)).toBe(false);
  });

  it('when an earlier install stopped half-way, then it installs again rather than use it', () => {
    const { cache, marker, run } = sandbox();
    executable(join(cache, `schemathesis-${VERSION}`, 'bin', 'st'), 'exit 0'); // no .complete
    const result = run();
    expect(result.status).toBe(1);
    expect(existsSync(marker)).toBe(true); // it asked python3 (the fake refuses)
    expect(result.stderr).toMatch(/ERROR: python 3\.9\+ is not installed/);
  });

  it('when SCHEMATHESIS_PATH is not an executable, then it fails naming the key', () => {
    const { run } = sandbox();
    const result = run({ SCHEMATHESIS_PATH: '/nonexistent/st' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /ERROR: SCHEMATHESIS_PATH=\/nonexistent\/st is not an executable/,
    );
  });
});
