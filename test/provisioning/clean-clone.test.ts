// A fresh clone installs exactly the lockfile's versions and stays clean: `make install` (npm ci) and
// `make web` write nothing git tracks or fails to ignore, and the lockfile lists every platform's
// optional binaries, so npm ci installs on a Mac or an ARM machine as it does here. The clone is of
// the committed HEAD, not of uncommitted edits.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');

const run = (command: string, args: string[], cwd: string) =>
  spawnSync(command, args, {
    cwd,
    // A warm npm cache is enough: every tarball the lockfile names was fetched by this machine's
    // own install.
    env: { PATH: process.env.PATH, HOME: process.env.HOME, npm_config_prefer_offline: 'true' },
    encoding: 'utf8',
    timeout: 600_000,
  });

interface LockEntry {
  version?: string;
  optionalDependencies?: Record<string, string>;
}

/** Where Node would find `name` from the package at `path` (its own node_modules, then upwards). */
function resolveInLock(packages: Record<string, LockEntry>, path: string, name: string) {
  for (let base = path; ; base = base.slice(0, Math.max(0, base.lastIndexOf('/node_modules/')))) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return undefined;
  }
}

describe('a fresh clone', () => {
  const clone = mkdtempSync(join(tmpdir(), 'lien-thong-clone-'));
  afterAll(() => rmSync(clone, { recursive: true, force: true }));

  it('when make install and make web run in it, then git status is empty and their outputs are ignored', () => {
    // Arrange
    expect(run('git', ['clone', '--quiet', ROOT, clone], tmpdir()).status).toBe(0);

    // Act
    const make = run('make', ['install', 'web'], clone);

    // Assert
    expect(make.status, make.stdout + make.stderr).toBe(0);
    expect(make.stdout).toContain('npm ci');
    expect(run('git', ['status', '--porcelain'], clone).stdout).toBe('');
    // What make start, make test, make bench and make chaos write outside their committed results.
    const outputs = ['data/postgres/PG_VERSION', 'build/workflow-bundle.js', 'test-output/x.json'];
    const ignored = run('git', ['check-ignore', ...outputs, 'web/dist/app.js'], clone);
    expect(ignored.stdout.trim().split('\n')).toHaveLength(outputs.length + 1);
  }, 600_000);

  it('when a package in the lockfile declares optional binaries, then the lockfile lists each of them', () => {
    // Arrange
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, LockEntry>;
    };

    // Act
    const missing = Object.entries(lock.packages).flatMap(([path, entry]) =>
      Object.keys(entry.optionalDependencies ?? {})
        .filter((name) => resolveInLock(lock.packages, path, name) === undefined)
        .map((name) => `${path} → ${name}`),
    );

    // Assert
    expect(missing).toEqual([]);
    expect(lock.packages['node_modules/@swc/core-darwin-arm64']?.version).toBeDefined();
  });
});
