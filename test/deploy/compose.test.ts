// docker-compose.yml cannot run here (no Docker engine), so it is validated: Debian's docker-compose
// parses it, and each application service's environment must pass that process's own config schema.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { z } from 'zod';
import {
  ApiEnv,
  DatabaseEnv,
  LauncherEnv,
  loadEnv,
  SimulatorsEnv,
  WorkerEnv,
} from '../../config/env';

const ROOT = join(__dirname, '..', '..');
const SECRET = 's'.repeat(40);

function compose(env: Record<string, string>) {
  return spawnSync('docker-compose', ['-f', join(ROOT, 'docker-compose.yml'), 'config'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
  });
}

type Services = Record<string, { environment?: Record<string, string | null> }>;

describe('docker-compose.yml', () => {
  const result = compose({ AUTH_JWT_SECRET: SECRET, CASE_ID_SECRET: SECRET });
  const services = (parse(result.stdout) as { services: Services } | null)?.services ?? {};

  it('when docker-compose validates the file, then it is accepted with every service', () => {
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(Object.keys(services).sort()).toEqual(
      [
        'api',
        'db',
        'migrate',
        'simulators',
        'temporal',
        'temporal-db',
        'temporal-ui',
        'worker',
      ].sort(),
    );
  });

  it.each([
    ['api', ApiEnv],
    ['worker', WorkerEnv],
    ['simulators', SimulatorsEnv],
    ['migrate', DatabaseEnv],
  ] as [string, z.ZodType][])(
    'when the %s service starts with its compose environment, then its config schema accepts it',
    (service, schema) => {
      const environment = Object.fromEntries(
        Object.entries(services[service]?.environment ?? {}).map(([k, v]) => [k, v ?? '']),
      );
      expect(environment.NODE_ENV).toBe('production');
      expect(() => loadEnv(schema, environment)).not.toThrow();
    },
  );

  it.each(['AUTH_JWT_SECRET', 'CASE_ID_SECRET'])(
    'when %s is not supplied, then docker-compose refuses to render the file',
    (missing) => {
      const supplied = { AUTH_JWT_SECRET: SECRET, CASE_ID_SECRET: SECRET };
      const { [missing as keyof typeof supplied]: _omitted, ...rest } = supplied;
      const refused = compose(rest);
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toContain(missing);
    },
  );
});

describe('.env.example', () => {
  it('when compared with the config schemas, then it documents every key', () => {
    const documented = readFileSync(join(ROOT, '.env.example'), 'utf8')
      .split('\n')
      .map((line) => /^([A-Z][A-Z0-9_]*)=/.exec(line)?.[1])
      .filter((key): key is string => key !== undefined);
    const keys = new Set(
      [ApiEnv, WorkerEnv, SimulatorsEnv, LauncherEnv].flatMap((schema) =>
        Object.keys(schema.shape),
      ),
    );
    for (const key of keys) expect(documented).toContain(key);
  });
});
