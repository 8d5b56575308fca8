// docker-compose.yml cannot run here (no Docker engine), so it is validated: Debian's docker-compose
// parses it, and each application service's environment must pass that process's own config schema.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { z } from 'zod';
import { temporalPayloadsFromEnv } from '../../config/data-converter';
import {
  ApiEnv,
  DatabaseEnv,
  LauncherEnv,
  loadEnv,
  SimulatorsEnv,
  WorkerEnv,
} from '../../config/env';
import { UiGatewayEnv } from '../../config/ui-gateway';
import { serviceIdentities } from '../../scripts/runtime/temporal-pki';

const ROOT = join(__dirname, '..', '..');

function compose() {
  return spawnSync('docker-compose', ['-f', join(ROOT, 'docker-compose.yml'), 'config'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH },
    encoding: 'utf8',
  });
}

interface Service {
  image?: string;
  command?: string[];
  environment?: Record<string, string | null>;
  ports?: (string | { published?: number; host_ip?: string })[];
  secrets?: (string | { source: string })[];
  volumes?: (string | { source?: string; target: string })[];
}

/** What each secret file would hold: compose mounts ./secrets/<name> at /run/secrets/<key>. */
const SECRET_VALUES: Record<string, string> = {
  database_url: 'postgres://lien_thong:a-password@db:5432/lien_thong',
  app_database_url: 'postgres://lien_thong_app:another-password@db:5432/lien_thong',
  auth_jwt_secret: 's'.repeat(40),
  case_id_secret: 'c'.repeat(40),
  temporal_payload_keys: JSON.stringify({
    active: 'k1',
    keys: { k1: Buffer.alloc(32, 7).toString('base64') },
  }),
};

describe('docker-compose.yml', () => {
  const result = compose();
  const services =
    (parse(result.stdout) as { services: Record<string, Service> } | null)?.services ?? {};
  const secretsDir = mkdtempSync(join(tmpdir(), 'lien-thong-compose-secrets-'));
  for (const [name, value] of Object.entries(SECRET_VALUES))
    writeFileSync(join(secretsDir, name), `${value}\n`);
  afterAll(() => rmSync(secretsDir, { recursive: true, force: true }));

  it('when docker-compose validates the file, then it is accepted with the production profile’s processes', () => {
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(Object.keys(services).sort()).toEqual(
      [
        'api',
        'db',
        'migrate',
        'simulators',
        'temporal-credentials',
        'temporal-db',
        'temporal-schema',
        'temporal-history-1',
        'temporal-history-2',
        'temporal-matching',
        'temporal-frontend',
        'temporal-internal-frontend',
        'temporal-worker',
        'temporal-ui',
        'temporal-ui-gateway',
        'worker',
      ].sort(),
    );
  });

  it('when its ports are listed, then only the API is published, and the Web UI’s gateway on loopback only', () => {
    const published = Object.fromEntries(
      Object.entries(services)
        .filter(([, service]) => service.ports?.length)
        .map(([name, service]) => [name, service.ports ?? []]),
    );
    expect(Object.keys(published).sort()).toEqual(['api', 'temporal-ui-gateway']);
    const gateway = published['temporal-ui-gateway'] ?? [];
    expect(gateway).toHaveLength(2);
    for (const port of gateway)
      expect(typeof port === 'string' ? port : port.host_ip).toMatch(/^127\.0\.0\.1/);
  });

  it('when the Web UI runs, then it is reached through the gateway as in the production profile: a reader’s token, the codec over https, its client secret from a file', () => {
    const ui = services['temporal-ui'];
    const gateway = services['temporal-ui-gateway'];
    // The gateway puts in the reader's token temporal-credentials writes (writeServiceTokens).
    const tokenFile = gateway?.environment?.TEMPORAL_API_KEY_FILE ?? '';
    expect(tokenFile.split('/').pop()).toBe('web-ui.jwt');
    expect(serviceIdentities('default')['web-ui'].permissions).toEqual([
      'default:read',
      'temporal-system:read',
    ]);
    expect(gateway?.environment?.TEMPORAL_UI_URL).toBe('http://temporal-ui:8080');
    // The page sends the person's token to the codec only over https: the gateway's front.
    expect(ui?.environment?.TEMPORAL_CODEC_ENDPOINT).toBe('https://127.0.0.1:8234/v1/codec');
    expect(ui?.environment?.TEMPORAL_CODEC_PASS_ACCESS_TOKEN).toBe('true');
    expect(gateway?.ports).toContain('127.0.0.1:8234:8443/tcp');
    expect(gateway?.environment?.CODEC_URL).toBe('http://api:3000/v1/codec');
    expect(ui?.environment?.TEMPORAL_AUTH_CLIENT_SECRET).toBeUndefined();
    // Compose's `$$` is a `$` for the container's shell.
    expect(ui?.command?.join(' ')).toMatch(
      /TEMPORAL_AUTH_CLIENT_SECRET="\$\$?\(cat \/run\/secrets\/temporal_ui_client_secret\)"/,
    );
    expect(ui?.secrets).toContainEqual(
      expect.objectContaining({ source: 'temporal_ui_client_secret' }),
    );
  });

  it('when each Temporal service starts, then it runs the checked-in configuration with its own service, over TLS, behind the authorizer', () => {
    const config = readFileSync(join(ROOT, 'deploy', 'temporal', 'production.yaml'), 'utf8');
    expect(config).toMatch(/requireClientAuth: true/);
    expect(config).toMatch(/authorizer: default/);
    const temporal = Object.entries(services).filter(([, s]) =>
      s.image?.startsWith('temporalio/server'),
    );
    expect(temporal.map(([, s]) => s.environment?.SERVICE).sort()).toEqual([
      'frontend',
      'history',
      'history',
      'internal-frontend',
      'matching',
      'worker',
    ]);
    for (const [, service] of temporal) {
      expect(service.command?.join(' ')).toMatch(
        /temporal-server --root \/etc\/lien-thong\/temporal/,
      );
      expect(service.environment?.TEMPORAL_TLS_DIR).toBeTruthy();
      expect(service.environment?.TEMPORAL_JWKS_URL).toMatch(/jwks\.json$/);
    }
  });

  it.each([
    ['api', ApiEnv],
    ['worker', WorkerEnv],
    ['simulators', SimulatorsEnv],
    ['migrate', DatabaseEnv],
    ['temporal-ui-gateway', UiGatewayEnv],
  ] as [string, z.ZodType][])(
    'when the %s service starts with its compose environment and secret files, then its config schema accepts it',
    (service, schema) => {
      const environment = Object.fromEntries(
        Object.entries(services[service]?.environment ?? {}).map(([k, v]) => [
          k,
          (v ?? '').replace(/^\/run\/secrets\//, `${secretsDir}/`),
        ]),
      );
      expect(environment.NODE_ENV).toBe('production');
      expect(() => loadEnv(schema, environment)).not.toThrow();
    },
  );

  it.each(['worker', 'api'])(
    'when the %s service starts, then it encrypts Temporal payloads with the key file mounted as a secret (production refuses to start without)',
    async (service) => {
      const keysFile = services[service]?.environment?.TEMPORAL_PAYLOAD_KEYS_FILE ?? '';
      expect(keysFile).toBe('/run/secrets/temporal_payload_keys');
      const { codec } = await temporalPayloadsFromEnv(
        {
          NODE_ENV: 'production',
          TEMPORAL_PAYLOAD_KEYS_FILE: keysFile.replace(/^\/run\/secrets\//, `${secretsDir}/`),
        },
        { warn: () => undefined },
      );
      expect(codec).toBeDefined();
    },
  );

  it('when a secret is in the environment of a service, then it is only a file’s path', () => {
    for (const [name, service] of Object.entries(services))
      for (const [key, value] of Object.entries(service.environment ?? {}))
        if (/SECRET|PASSWORD|DATABASE_URL|ACCESS_KEY/.test(key))
          expect({ name, key, value }).toEqual({
            name,
            key,
            value: expect.stringMatching(/^\/run\/secrets\/|^$/) as unknown,
          });
  });
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
