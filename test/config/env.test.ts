import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ApiEnv,
  ConfigError,
  hs256Allowed,
  LauncherEnv,
  loadEnv,
  WorkerEnv,
} from '../../config/env';

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

/** Production reaches Temporal over mutual TLS with a service token: these name the files. */
const temporalCredentials = {
  TEMPORAL_TLS_CA_FILE: '/run/secrets/temporal-ca.pem',
  TEMPORAL_TLS_CERT_FILE: '/run/secrets/api.cert.pem',
  TEMPORAL_TLS_KEY_FILE: '/run/secrets/api.key.pem',
  TEMPORAL_API_KEY_FILE: '/run/secrets/api.jwt',
};
/** Production's audit anchor (db/audit-checkpoints.ts): the API will not start without it. */
const auditAnchor = {
  AUDIT_SIGNING_KEY_FILE: '/run/secrets/audit-signing-key.pem',
  AUDIT_CHECKPOINT_FILE: '/var/lib/lien-thong/audit/checkpoints.jsonl',
};

describe('loadEnv', () => {
  it('when several keys are missing or invalid, then one error lists every one of them', () => {
    const problems = problemsOf(() =>
      loadEnv(ApiEnv, { API_PORT: 'eighty', LOG_LEVEL: 'loud', TEMPORAL_ADDRESS: 'nowhere' }),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^LOG_LEVEL: /),
      expect.stringMatching(/^TEMPORAL_ADDRESS: must be host:port/),
      expect.stringMatching(/^API_PORT: /),
      'DATABASE_URL: is required',
    ]);
  });

  it('when production runs with the development secrets, then start-up is refused naming each', () => {
    const problems = problemsOf(() =>
      loadEnv(ApiEnv, {
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://u:p@db/lien_thong',
        ...temporalCredentials,
        ...auditAnchor,
      }),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^AUTH_JWT_SECRET: production needs/),
      expect.stringMatching(/^AUTH_ALLOW_HS256: production verifies tokens through AUTH_JWKS_URL/),
      expect.stringMatching(/^CASE_ID_SECRET: production needs/),
    ]);
  });

  const production = {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://u:p@db/lien_thong',
    CASE_ID_SECRET: 'a-production-secret-of-at-least-32-characters',
    ...temporalCredentials,
    ...auditAnchor,
  };
  const ownSecret = 'a-jwt-secret-of-its-own-of-at-least-32-chars';

  it('when production has a secret of its own but HS256 is not switched on, then start-up is refused naming the switch', () => {
    expect(
      problemsOf(() => loadEnv(ApiEnv, { ...production, AUTH_JWT_SECRET: ownSecret })),
    ).toEqual([expect.stringMatching(/^AUTH_ALLOW_HS256: .*AUTH_ALLOW_HS256=true/)]);
    expect(
      loadEnv(ApiEnv, { ...production, AUTH_JWT_SECRET: ownSecret, AUTH_ALLOW_HS256: 'true' })
        .AUTH_ALLOW_HS256,
    ).toBe('true');
  });

  it('when production fetches the JWKS over http, then start-up is refused; over https it starts', () => {
    expect(
      problemsOf(() =>
        loadEnv(ApiEnv, { ...production, AUTH_JWKS_URL: 'http://id.example.vn/jwks.json' }),
      ),
    ).toEqual(['AUTH_JWKS_URL: production fetches the identity provider’s keys over https only']);
    expect(() =>
      loadEnv(ApiEnv, { ...production, AUTH_JWKS_URL: 'https://id.example.vn/jwks.json' }),
    ).not.toThrow();
  });

  it('when production has no audit signing key, or a key without its checkpoint file, then start-up is refused naming it', () => {
    const { AUDIT_SIGNING_KEY_FILE: _key, ...withoutKey } = production;
    const { AUDIT_CHECKPOINT_FILE: _file, ...withoutFile } = production;
    const withJwks = { AUTH_JWKS_URL: 'https://id.example.vn/jwks.json' };
    expect(problemsOf(() => loadEnv(ApiEnv, { ...withoutKey, ...withJwks }))).toEqual([
      'AUDIT_CHECKPOINT_FILE: AUDIT_SIGNING_KEY_FILE comes with one store: AUDIT_CHECKPOINT_FILE or AUDIT_CHECKPOINT_S3_BUCKET',
      'AUDIT_SIGNING_KEY_FILE: production anchors its audit chain outside the database',
    ]);
    expect(problemsOf(() => loadEnv(ApiEnv, { ...withoutFile, ...withJwks }))).toEqual([
      'AUDIT_CHECKPOINT_FILE: AUDIT_SIGNING_KEY_FILE comes with one store: AUDIT_CHECKPOINT_FILE or AUDIT_CHECKPOINT_S3_BUCKET',
    ]);
  });

  it('when the token keys are unset, then tokens live at most 24 h with 60 s of skew and HS256 is allowed outside production', () => {
    const env = loadEnv(ApiEnv, { DATABASE_URL: 'postgres://u:p@127.0.0.1:5433/lien_thong' });
    expect(env).toMatchObject({ AUTH_TOKEN_MAX_AGE_HOURS: 24, AUTH_CLOCK_SKEW_SECONDS: 60 });
    expect(hs256Allowed(env)).toBe(true);
    expect(hs256Allowed({ NODE_ENV: 'production' })).toBe(false);
  });

  it('when the skew is above 5 minutes or HS256 is switched off with no JWKS, then start-up is refused naming each', () => {
    const problems = problemsOf(() =>
      loadEnv(ApiEnv, {
        DATABASE_URL: 'postgres://u:p@127.0.0.1:5433/lien_thong',
        AUTH_CLOCK_SKEW_SECONDS: '3600',
        AUTH_ALLOW_HS256: 'false',
      }),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^AUTH_CLOCK_SKEW_SECONDS: /),
      expect.stringMatching(/^AUTH_ALLOW_HS256: no way to verify tokens/),
    ]);
  });

  it('when production sets the drill supplement window, then start-up is refused naming it', () => {
    const problems = problemsOf(() =>
      loadEnv(ApiEnv, {
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://u:p@db/lien_thong',
        AUTH_JWKS_URL: 'https://id.example.vn/jwks.json',
        CASE_ID_SECRET: 'a-production-secret-of-at-least-32-characters',
        DRILL_SUPPLEMENT_REPLY_SECONDS: '30',
        ...temporalCredentials,
        ...auditAnchor,
      }),
    );
    expect(problems).toEqual([
      'DRILL_SUPPLEMENT_REPLY_SECONDS: a drill setting: not allowed in production',
    ]);
  });

  it('when production has no certificate, CA or token for Temporal, then the API and the worker refuse to start naming each', () => {
    const withoutTemporal = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://u:p@db/lien_thong',
      AUTH_JWKS_URL: 'https://id.example.vn/jwks.json',
      CASE_ID_SECRET: 'a-production-secret-of-at-least-32-characters',
      ...auditAnchor,
    };
    const expected = [
      'TEMPORAL_TLS_CA_FILE',
      'TEMPORAL_TLS_CERT_FILE',
      'TEMPORAL_API_KEY_FILE',
    ].map((key) => `${key}: production reaches Temporal over mutual TLS with a service token`);
    expect(problemsOf(() => loadEnv(ApiEnv, withoutTemporal))).toEqual(expected);
    expect(problemsOf(() => loadEnv(WorkerEnv, withoutTemporal))).toEqual(expected);
    expect(loadEnv(WorkerEnv, { ...withoutTemporal, ...temporalCredentials })).toMatchObject(
      temporalCredentials,
    );
  });

  it('when a client certificate comes without its key, then start-up is refused naming the pair', () => {
    expect(
      problemsOf(() =>
        loadEnv(WorkerEnv, {
          DATABASE_URL: 'postgres://u:p@db/lien_thong',
          TEMPORAL_TLS_CERT_FILE: '/run/secrets/worker.cert.pem',
        }),
      ),
    ).toEqual([
      'TEMPORAL_TLS_KEY_FILE: TEMPORAL_TLS_CERT_FILE and TEMPORAL_TLS_KEY_FILE come together',
    ]);
  });

  it('when a secret comes as KEY_FILE, then the key takes the file’s contents; an unreadable file or both given is refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lien-thong-secrets-'));
    const secretFile = join(dir, 'case-id-secret');
    writeFileSync(secretFile, 'a-secret-from-a-file-of-at-least-32-characters\n', { mode: 0o600 });
    const base = { DATABASE_URL: 'postgres://u:p@db/lien_thong' };

    const fromFile = loadEnv(ApiEnv, { ...base, CASE_ID_SECRET_FILE: secretFile });
    const missing = problemsOf(() =>
      loadEnv(ApiEnv, { ...base, CASE_ID_SECRET_FILE: join(dir, 'absent') }),
    );
    const both = problemsOf(() =>
      loadEnv(ApiEnv, { ...base, CASE_ID_SECRET_FILE: secretFile, CASE_ID_SECRET: 'x'.repeat(40) }),
    );
    rmSync(dir, { recursive: true });

    expect(fromFile.CASE_ID_SECRET).toBe('a-secret-from-a-file-of-at-least-32-characters');
    expect(missing).toEqual([`CASE_ID_SECRET_FILE: cannot read ${join(dir, 'absent')} (ENOENT)`]);
    expect(both).toEqual(['CASE_ID_SECRET_FILE: CASE_ID_SECRET is set too; give one of them']);
  });

  it('when a drill sets the supplement window outside production, then it is read as seconds', () => {
    const env = loadEnv(ApiEnv, {
      NODE_ENV: 'test',
      DATABASE_URL: 'postgres://u:p@127.0.0.1:5433/lien_thong',
      DRILL_SUPPLEMENT_REPLY_SECONDS: '2.5',
    });
    expect(env.DRILL_SUPPLEMENT_REPLY_SECONDS).toBe(2.5);
    expect(loadEnv(ApiEnv, { DATABASE_URL: env.DATABASE_URL }).DRILL_SUPPLEMENT_REPLY_SECONDS).toBe(
      undefined,
    );
  });

  it('when development keys are unset, then local defaults apply', () => {
    const env = loadEnv(WorkerEnv, { DATABASE_URL: 'postgres://u:p@127.0.0.1:5433/lien_thong' });
    expect(env).toMatchObject({
      TEMPORAL_ADDRESS: '127.0.0.1:7233',
      TEMPORAL_NAMESPACE: 'default',
    });
  });

  it('when the worker metrics address is not host:port, then start-up is refused naming it', () => {
    const database = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5433/lien_thong' };
    expect(() => loadEnv(WorkerEnv, { ...database, WORKER_METRICS_ADDRESS: '9464' })).toThrow(
      'WORKER_METRICS_ADDRESS: must be host:port',
    );
    expect(loadEnv(WorkerEnv, database).WORKER_METRICS_ADDRESS).toBeUndefined();
  });

  it('when the stuck-case keys are unset, then the documented defaults apply; a threshold of 0 is refused naming it', () => {
    const database = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5433/lien_thong' };
    expect(loadEnv(ApiEnv, database)).toMatchObject({
      STUCK_TASK_ATTEMPTS: 3,
      STUCK_QUIET_MINUTES: 10,
      STUCK_DEADLINE_MARGIN_HOURS: 24,
      STUCK_SCAN_INTERVAL_SECONDS: 60,
      STUCK_SCAN_CASES: 200,
    });
    expect(problemsOf(() => loadEnv(ApiEnv, { ...database, STUCK_TASK_ATTEMPTS: '0' }))).toEqual([
      expect.stringMatching(/^STUCK_TASK_ATTEMPTS: /),
    ]);
  });

  it('when a key is exported empty, then it counts as unset rather than invalid', () => {
    const env = loadEnv(LauncherEnv, { DATABASE_URL: '', TEMPORAL_ADDRESS: '' });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.TEMPORAL_ADDRESS).toBeUndefined();
  });

  it('when the message is built, then it names the count and points at .env.example', () => {
    const error = new ConfigError(['A: is required', 'B: bad']);
    expect(error.message).toBe(
      'Invalid configuration (2 problems):\n  - A: is required\n  - B: bad\nSee .env.example for every key.',
    );
  });
});
