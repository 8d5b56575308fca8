// The only reader of process.env. Each process parses the keys it needs with one zod schema and stops
// at start-up with a single message listing every missing or invalid key. Defaults exist only where
// they are right for local development; production (NODE_ENV=production) must set the rest.
import { z } from 'zod';

export { ConfigError, loadEnv } from './load-env';

const DEV_JWT_SECRET = 'lien-thong-development-secret-change-me-0000';
export const DEV_CASE_ID_SECRET = 'lien-thong-development-case-ids-change-me-00';

const port = (fallback: number) => z.coerce.number().int().min(1).max(65_535).default(fallback);
const url = () => z.url({ protocol: /^https?$/ });
const postgresUrl = () =>
  z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL')
    .describe('PostgreSQL connection string');

const common = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
};

const hostPort = () => z.string().regex(/^[\w.-]+:\d{1,5}$/, 'must be host:port');

const file = (what: string) => z.string().min(1).optional().describe(what);

const temporal = {
  TEMPORAL_ADDRESS: hostPort().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_PAYLOAD_KEYS_FILE: z
    .string()
    .min(1)
    .optional()
    .describe(
      'JSON file of the keys Temporal payloads are encrypted with (config/payload-keys.ts); ' +
        'unset → payloads in clear, refused in production',
    ),
  TEMPORAL_TLS_CA_FILE: file(
    'PEM: the CA that signed the Temporal frontend’s certificate; set → TLS',
  ),
  TEMPORAL_TLS_CERT_FILE: file('PEM: this service’s client certificate for mutual TLS'),
  TEMPORAL_TLS_KEY_FILE: file('PEM: the private key of TEMPORAL_TLS_CERT_FILE'),
  TEMPORAL_TLS_SERVER_NAME: z
    .string()
    .min(1)
    .optional()
    .describe('the name the frontend’s certificate is checked against (unset → the host)'),
  TEMPORAL_API_KEY_FILE: file(
    'this service’s token for Temporal’s authorizer (JWT), read again each minute as it is renewed',
  ),
};

/** A client certificate comes with its key; production talks to Temporal only over mutual TLS with a token. */
function temporalNeedsItsCredentials(
  env: {
    NODE_ENV: string;
    TEMPORAL_TLS_CA_FILE?: string | undefined;
    TEMPORAL_TLS_CERT_FILE?: string | undefined;
    TEMPORAL_TLS_KEY_FILE?: string | undefined;
    TEMPORAL_API_KEY_FILE?: string | undefined;
  },
  ctx: z.RefinementCtx,
): void {
  if ((env.TEMPORAL_TLS_CERT_FILE === undefined) !== (env.TEMPORAL_TLS_KEY_FILE === undefined))
    ctx.addIssue({
      code: 'custom',
      path: ['TEMPORAL_TLS_KEY_FILE'],
      message: 'TEMPORAL_TLS_CERT_FILE and TEMPORAL_TLS_KEY_FILE come together',
    });
  if (env.NODE_ENV !== 'production') return;
  for (const key of [
    'TEMPORAL_TLS_CA_FILE',
    'TEMPORAL_TLS_CERT_FILE',
    'TEMPORAL_API_KEY_FILE',
  ] as const)
    if (env[key] === undefined)
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: 'production reaches Temporal over mutual TLS with a service token',
      });
}

const auth = {
  AUTH_JWT_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters (HS256 key)')
    .default(DEV_JWT_SECRET),
  AUTH_JWKS_URL: url().optional(),
  AUTH_OIDC_ISSUER: url()
    .optional()
    .describe(
      'the identity provider the pages sign in at (authorization code + PKCE), and the issuer its ' +
        'tokens (verified through AUTH_JWKS_URL) must name; unset → AUTH_JWT_ISSUER, and no sign-in page',
    ),
  AUTH_OIDC_CLIENT_ID: z
    .string()
    .min(1)
    .default('lien-thong-web')
    .describe('the pages’ client id at the identity provider (a public client: PKCE, no secret)'),
  AUTH_DEV_TOKENS: z
    .enum(['on', 'off'])
    .default('off')
    .describe(
      'a test switch: POST /dev/tokens mints a token for any role, to callers on this machine only; ' +
        'never in production',
    ),
  AUTH_JWT_ISSUER: z.string().min(1).default('lien-thong-dev'),
  AUTH_JWT_AUDIENCE: z.string().min(1).default('lien-thong'),
  AUTH_ALLOW_HS256: z
    .enum(['true', 'false'])
    .optional()
    .describe('accept tokens signed with AUTH_JWT_SECRET; unset → yes, except in production'),
  AUTH_TOKEN_MAX_AGE_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 7)
    .default(24)
    .describe('a token whose iat is older than this is refused, whatever its exp says'),
  AUTH_CLOCK_SKEW_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(300)
    .default(60)
    .describe('how far the identity provider’s clock and ours may disagree'),
};

/** Whether HS256 tokens (the shared secret) are accepted: only when allowed, in production. */
export const hs256Allowed = (env: {
  NODE_ENV: string;
  AUTH_ALLOW_HS256?: 'true' | 'false' | undefined;
}): boolean =>
  env.AUTH_ALLOW_HS256 === undefined
    ? env.NODE_ENV !== 'production'
    : env.AUTH_ALLOW_HS256 === 'true';

function productionNeedsRealSecrets(
  env: {
    NODE_ENV: string;
    AUTH_JWT_SECRET: string;
    AUTH_JWKS_URL?: string | undefined;
    AUTH_OIDC_ISSUER?: string | undefined;
    AUTH_DEV_TOKENS?: 'on' | 'off' | undefined;
    AUTH_ALLOW_HS256?: 'true' | 'false' | undefined;
  },
  ctx: z.RefinementCtx,
): void {
  const production = env.NODE_ENV === 'production';
  if (production && !env.AUTH_JWKS_URL && env.AUTH_JWT_SECRET === DEV_JWT_SECRET) {
    ctx.addIssue({
      code: 'custom',
      path: ['AUTH_JWT_SECRET'],
      message: 'production needs AUTH_JWKS_URL or a secret of its own, not the development default',
    });
  }
  // A shared secret signs tokens anyone holding it can mint: production uses the identity
  // provider's keys, and a shared secret only when someone said so.
  if (!env.AUTH_JWKS_URL && !hs256Allowed(env)) {
    ctx.addIssue({
      code: 'custom',
      path: ['AUTH_ALLOW_HS256'],
      message: production
        ? 'production verifies tokens through AUTH_JWKS_URL; HS256 only with AUTH_ALLOW_HS256=true'
        : 'no way to verify tokens: set AUTH_JWKS_URL, or leave HS256 allowed',
    });
  }
  if (production && env.AUTH_DEV_TOKENS === 'on') {
    ctx.addIssue({
      code: 'custom',
      path: ['AUTH_DEV_TOKENS'],
      message: 'a test switch: not allowed in production',
    });
  }
  if (production && env.AUTH_OIDC_ISSUER && !/^https:\/\//i.test(env.AUTH_OIDC_ISSUER)) {
    ctx.addIssue({
      code: 'custom',
      path: ['AUTH_OIDC_ISSUER'],
      message: 'production signs people in over https only',
    });
  }
  if (production && env.AUTH_JWKS_URL && !/^https:\/\//i.test(env.AUTH_JWKS_URL)) {
    ctx.addIssue({
      code: 'custom',
      path: ['AUTH_JWKS_URL'],
      message: 'production fetches the identity provider’s keys over https only',
    });
  }
}

/** Enough to sign and verify development tokens (scripts/mint-token.ts). */
export const AuthEnv = z
  .object({ NODE_ENV: common.NODE_ENV, ...auth })
  .superRefine(productionNeedsRealSecrets);
export type AuthEnv = z.infer<typeof AuthEnv>;

/** Where attachments are kept and how uploads are checked (api/uploads/). */
const attachments = {
  FILE_STORAGE: z
    .enum(['postgres', 'filesystem', 's3'])
    .default('postgres')
    .describe('where attachments’ bytes are kept: this database, FILE_STORAGE_DIR, or S3_BUCKET'),
  FILE_STORAGE_DIR: z
    .string()
    .min(1)
    .default('data/attachments')
    .describe('FILE_STORAGE=filesystem: the directory'),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name')
    .optional()
    .describe('FILE_STORAGE=s3: the bucket (it must exist)'),
  S3_ENDPOINT: url().optional().describe('an S3-compatible store other than AWS; unset → AWS'),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false'])
    .default('false')
    .describe('path-style URLs (most stores other than AWS want them)'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional().describe('unset → the AWS SDK’s own chain'),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  CLAMD_HOST: z
    .string()
    .min(1)
    .optional()
    .describe('ClamAV’s clamd, to scan every upload; unset → uploads are not scanned'),
  CLAMD_PORT: port(3310),
  UPLOAD_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(24)
    .describe('an upload no filing or supplement names is deleted after this long'),
  UPLOAD_PURGE_INTERVAL_MINUTES: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(30)
    .describe('pause between two purges of expired uploads'),
};

/** The audit checkpoints in an object-locked bucket (db/audit-checkpoints-s3.ts), reached by S3_*. */
const checkpointBucket = {
  AUDIT_CHECKPOINT_S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name')
    .optional()
    .describe('the object-locked bucket the checkpoints go to (instead of AUDIT_CHECKPOINT_FILE)'),
  AUDIT_CHECKPOINT_S3_PREFIX: z.string().default('audit-checkpoints/'),
  AUDIT_CHECKPOINT_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(36_500)
    .default(3650)
    .describe('how long each checkpoint is locked (COMPLIANCE: nobody can shorten it)'),
};

function storageNeedsItsSettings(
  env: {
    FILE_STORAGE: string;
    S3_BUCKET?: string | undefined;
    S3_ACCESS_KEY_ID?: string | undefined;
    S3_SECRET_ACCESS_KEY?: string | undefined;
  },
  ctx: z.RefinementCtx,
): void {
  if (env.FILE_STORAGE === 's3' && env.S3_BUCKET === undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['S3_BUCKET'],
      message: 'FILE_STORAGE=s3 needs a bucket',
    });
  if ((env.S3_ACCESS_KEY_ID === undefined) !== (env.S3_SECRET_ACCESS_KEY === undefined))
    ctx.addIssue({
      code: 'custom',
      path: ['S3_SECRET_ACCESS_KEY'],
      message: 'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY come together',
    });
}

/** The API's and workers' database: as the application's login, lien_thong_app (db/app-login.ts). */
const appDatabaseUrl = () =>
  postgresUrl().describe(
    'as the application’s login (lien_thong_app): refused in production when it may rewrite the audit log',
  );

export const ApiEnv = z
  .object({
    ...common,
    ...temporal,
    ...auth,
    API_HOST: z.string().min(1).default('127.0.0.1'),
    API_PORT: port(3000),
    PUBLIC_URL: url()
      .optional()
      .describe(
        'where people reach the pages (printed in receipts’ QR codes); unset → http://API_HOST:API_PORT',
      ),
    DATABASE_URL: appDatabaseUrl(),
    SIMULATORS_URL: url()
      .default('http://127.0.0.1:4000')
      .describe('the agency systems: the API asks the population database who is whose relative'),
    VERIFY_RATE_LIMIT_PER_MINUTE: z.coerce
      .number()
      .int()
      .positive()
      .default(30)
      .describe('public document verifications per minute per client address'),
    RATE_LIMIT_PER_MINUTE: z.coerce
      .number()
      .int()
      .positive()
      .default(600)
      .describe('requests per minute allowed to one address, and to one bearer token'),
    IDEMPOTENCY_KEY_TTL_HOURS: z.coerce
      .number()
      .positive()
      .max(24 * 30)
      .default(24)
      .describe('how long a POST reply is kept for replay under its Idempotency-Key'),
    IDEMPOTENCY_PURGE_INTERVAL_MINUTES: z.coerce
      .number()
      .positive()
      .max(24 * 60)
      .default(60)
      .describe('pause between two purges of Idempotency-Key replies past their time to live'),
    CASE_ID_SECRET: z
      .string()
      .min(32, 'must be at least 32 characters')
      .default(DEV_CASE_ID_SECRET)
      .describe('keys the case ids made from personal ID numbers, so ids do not reveal them'),
    STUCK_TASK_ATTEMPTS: z.coerce
      .number()
      .int()
      .min(1)
      .default(3)
      .describe('a pending workflow task past this many attempts makes its case stuck'),
    STUCK_QUIET_MINUTES: z.coerce
      .number()
      .positive()
      .default(10)
      .describe('minutes without progress before the scan asks Temporal about a case'),
    STUCK_DEADLINE_MARGIN_HOURS: z.coerce
      .number()
      .min(0)
      .default(24)
      .describe('hours past its deadline, with no progress since, before a case is stuck'),
    STUCK_SCAN_INTERVAL_SECONDS: z.coerce
      .number()
      .positive()
      .max(3600)
      .default(60)
      .describe('pause between two scans for failing workflow tasks'),
    STUCK_SCAN_CASES: z.coerce
      .number()
      .int()
      .min(1)
      .max(5000)
      .default(200)
      .describe('quiet open cases whose workflows one scan describes'),
    DRILL_SUPPLEMENT_REPLY_SECONDS: z.coerce
      .number()
      .positive()
      .max(86_400)
      .optional()
      .describe('drills only: supplement windows of this many seconds instead of working days'),
    CODEC_CORS_ORIGINS: z
      .string()
      .default('http://127.0.0.1:8233,http://localhost:8233')
      .transform((list) => list.split(',').map((origin) => origin.trim()))
      .pipe(z.array(z.url({ protocol: /^https?$/ })))
      // The Origin header a browser sends is scheme://host[:port], without a path or a slash.
      .transform((urls) => urls.map((u) => new URL(u).origin))
      .describe(
        'comma-separated origins of the Temporal Web UI whose pages may call the codec endpoint ' +
          '(/v1/codec); the default is the dev server’s UI',
      ),
    ...attachments,
    AUDIT_SIGNING_KEY_FILE: z
      .string()
      .min(1)
      .optional()
      .describe('Ed25519 private key (PKCS#8 PEM) the audit chain’s checkpoints are signed with'),
    AUDIT_CHECKPOINT_FILE: z
      .string()
      .min(1)
      .optional()
      .describe('the append-only file the signed checkpoints go to (db/audit-checkpoints.ts)'),
    ...checkpointBucket,
    AUDIT_CHECKPOINT_INTERVAL_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .max(3600)
      .default(60)
      .describe('how often the chain’s head is signed: the most a cut tail can hide'),
  })
  .superRefine(productionNeedsRealSecrets)
  .superRefine(temporalNeedsItsCredentials)
  .superRefine(storageNeedsItsSettings)
  .superRefine((env, ctx) => {
    const stores = [env.AUDIT_CHECKPOINT_FILE, env.AUDIT_CHECKPOINT_S3_BUCKET].filter(
      (store) => store !== undefined,
    ).length;
    if ((env.AUDIT_SIGNING_KEY_FILE === undefined ? 0 : 1) !== stores)
      ctx.addIssue({
        code: 'custom',
        path: ['AUDIT_CHECKPOINT_FILE'],
        message:
          'AUDIT_SIGNING_KEY_FILE comes with one store: AUDIT_CHECKPOINT_FILE or AUDIT_CHECKPOINT_S3_BUCKET',
      });
    if (env.NODE_ENV === 'production' && env.AUDIT_SIGNING_KEY_FILE === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['AUDIT_SIGNING_KEY_FILE'],
        message: 'production anchors its audit chain outside the database',
      });
    if (env.NODE_ENV === 'production' && env.CASE_ID_SECRET === DEV_CASE_ID_SECRET)
      ctx.addIssue({
        code: 'custom',
        path: ['CASE_ID_SECRET'],
        message: 'production needs a secret of its own, not the development default',
      });
    // A citizen's legal 7 working days must never shrink to seconds on a real service.
    if (env.NODE_ENV === 'production' && env.DRILL_SUPPLEMENT_REPLY_SECONDS !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['DRILL_SUPPLEMENT_REPLY_SECONDS'],
        message: 'a drill setting: not allowed in production',
      });
  });
export type ApiEnv = z.infer<typeof ApiEnv>;

export const WorkerEnv = z
  .object({
    ...common,
    ...temporal,
    DATABASE_URL: appDatabaseUrl(),
    SIMULATORS_URL: url().default('http://127.0.0.1:4000'),
    WORKFLOW_BUNDLE_PATH: z
      .string()
      .min(1)
      .optional()
      .describe('prebuilt workflow bundle (production)'),
    WORKFLOW_CACHE_SIZE: z.coerce
      .number()
      .int()
      .min(0)
      // Each cached workflow holds ~2–3 MB of the worker's memory (make bench SCENARIOS=scale): 200
      // keeps a worker under 1 GiB however many cases wait; the others replay when they wake.
      .default(200)
      .describe('workflows kept in the worker’s memory; the rest are replayed when they wake'),
    WORKER_METRICS_ADDRESS: hostPort()
      .optional()
      .describe(
        'host:port where the worker serves the Temporal SDK’s Prometheus metrics; unset → none',
      ),
    DOCUMENT_KEYS_DIR: z
      .string()
      .min(1)
      .optional()
      .describe(
        'the agencies’ signing keys (ca.cert.pem, <agency>.key.pem, <agency>.cert.pem); unset → ' +
          'no documents are issued (make start makes development keys in DATA_DIR/document-keys)',
      ),
    DOCUMENT_ISSUE_INTERVAL_MS: z.coerce
      .number()
      .int()
      .min(100)
      .default(1000)
      .describe('how often the worker looks for documents to issue'),
    PUBLIC_URL: url()
      .default('http://127.0.0.1:3000')
      .describe(
        'where people reach the pages: documents’ QR codes open <PUBLIC_URL>/verify/<code>',
      ),
  })
  .superRefine(temporalNeedsItsCredentials);
export type WorkerEnv = z.infer<typeof WorkerEnv>;

/** What scripts that only reach the database read (migrations). */
export const DatabaseEnv = z.object({ DATABASE_URL: postgresUrl() });

/** `npm run audit:verify`: the database, the checkpoints, and the keys that may have signed them. */
export const AuditVerifyEnv = DatabaseEnv.extend({
  AUDIT_CHECKPOINT_FILE: z.string().min(1).optional(),
  ...checkpointBucket,
  S3_ENDPOINT: attachments.S3_ENDPOINT,
  S3_REGION: attachments.S3_REGION,
  S3_FORCE_PATH_STYLE: attachments.S3_FORCE_PATH_STYLE,
  S3_ACCESS_KEY_ID: attachments.S3_ACCESS_KEY_ID,
  S3_SECRET_ACCESS_KEY: attachments.S3_SECRET_ACCESS_KEY,
  AUDIT_VERIFY_KEY_FILES: z
    .string()
    .min(1)
    .optional()
    .transform((list) => list?.split(',').map((path) => path.trim()))
    .describe('comma-separated public keys (SPKI PEM) of every key that signed checkpoints'),
  AUDIT_SIGNING_KEY_FILE: z
    .string()
    .min(1)
    .optional()
    .describe('or the signing key itself, whose public key is taken from it'),
});

/** Migrations: the owner's database, and the password to give the application's login, if any. */
export const MigrateEnv = DatabaseEnv.extend({
  APP_DATABASE_PASSWORD: z
    .string()
    .min(16)
    .optional()
    .describe('makes lien_thong_app a login with this password (db/app-login.ts)'),
});

/** What scripts that only reach Temporal read (capturing a history): the worker's connection keys. */
export const TemporalClientEnv = z
  .object({ ...common, ...temporal })
  .superRefine(temporalNeedsItsCredentials);

export const SimulatorsEnv = z.object({
  ...common,
  SIMULATORS_HOST: z.string().min(1).default('127.0.0.1'),
  SIMULATORS_PORT: port(4000),
  DATABASE_URL: postgresUrl(),
  SIMULATORS_ADMIN_TOKEN: adminToken().describe(
    'bearer token of the simulators’ /admin endpoints; unset → /admin is off',
  ),
});
export type SimulatorsEnv = z.infer<typeof SimulatorsEnv>;

/** The development identity provider (idp/server.ts): an OpenID Provider for the pages' sign-in. */
const UI_BOTH = 'give it with IDP_TEMPORAL_UI_REDIRECT_URI, or neither';
export const IdpEnv = z
  .object({
    ...common,
    IDP_HOST: z.string().min(1).default('127.0.0.1'),
    IDP_PORT: port(4400),
    IDP_ISSUER: url().optional().describe('its issuer URL; unset → http://IDP_HOST:IDP_PORT'),
    DATABASE_URL: postgresUrl(),
    IDP_SIGNING_KEY_FILE: z
      .string()
      .min(1)
      .describe('its token-signing key: an EC P-256 private JWK'),
    IDP_COOKIE_SECRET: z
      .string()
      .min(32, 'must be at least 32 characters')
      .describe('signs its session and interaction cookies'),
    IDP_REDIRECT_URIS: z
      .string()
      .min(1)
      .transform((list) => list.split(',').map((uri) => uri.trim()))
      .pipe(z.array(z.url({ protocol: /^https?$/ })).min(1))
      .describe(
        'comma-separated: where the pages come back after sign-in (PUBLIC_URL/signin/callback)',
      ),
    AUTH_JWT_AUDIENCE: auth.AUTH_JWT_AUDIENCE,
    IDP_ACCESS_TOKEN_MINUTES: z.coerce
      .number()
      .int()
      .min(5)
      .max(24 * 60)
      .default(8 * 60)
      .describe('how long a sign-in holds: a desk’s working day'),
    IDP_DEVELOPMENT_PASSWORD: z
      .string()
      .min(12)
      .optional()
      .describe(
        'when set, the development accounts (idp/development-accounts.ts) are added with it',
      ),
    // Temporal's Web UI signs people in here (production profile): its secret and its callback.
    IDP_TEMPORAL_UI_SECRET: z.string().min(32).optional(),
    IDP_TEMPORAL_UI_REDIRECT_URI: z.url({ protocol: /^https?$/ }).optional(),
    IDP_SERVICE_CLIENTS_FILE: file('JSON: the services given Temporal tokens (idp/clients.ts)'),
  })
  .superRefine((env, ctx) => {
    if (!env.IDP_TEMPORAL_UI_SECRET !== !env.IDP_TEMPORAL_UI_REDIRECT_URI)
      ctx.addIssue({ code: 'custom', path: ['IDP_TEMPORAL_UI_SECRET'], message: UI_BOTH });
    if (env.NODE_ENV === 'production')
      ctx.addIssue({
        code: 'custom',
        path: ['NODE_ENV'],
        message:
          'the development identity provider does not run in production: sign people in through VNeID and the agencies’ directory',
      });
  });
export type IdpEnv = z.infer<typeof IdpEnv>;

function adminToken() {
  return z
    .string()
    .regex(/^[\w.~+/-]{32,}$/, 'at least 32 letters, digits or . _ ~ + / -')
    .optional();
}

/** `make start`: which parts to run here and which external ones to use instead. */
export const LauncherEnv = z.object({
  ...common,
  PROFILE: z
    .enum(['development', 'production'])
    .default('development')
    .describe(
      'development: the Temporal CLI dev server; production: Temporal’s own server on PostgreSQL, ' +
        'one process per service, mutual TLS and the authorizer',
    ),
  DATA_DIR: z.string().min(1).default('data'),
  DATABASE_URL: postgresUrl().optional(),
  EMBEDDED_POSTGRES_PORT: port(5433),
  TEMPORAL_ADDRESS: hostPort().optional().describe('external Temporal; unset → the CLI dev server'),
  TEMPORAL_NAMESPACE: temporal.TEMPORAL_NAMESPACE,
  TEMPORAL_CLI_PATH: z.string().min(1).optional(),
  TEMPORAL_PORT: port(7233),
  TEMPORAL_UI_PORT: port(8233),
  API_PORT: port(3000),
  SIMULATORS_PORT: port(4000),
  WORKER_METRICS_PORT: port(9464),
  IDP_PORT: port(4400).describe(
    'the development identity provider (idp/), where the pages sign in',
  ),
  SIMULATORS_ADMIN_TOKEN: adminToken().describe(
    'the simulators’ /admin token; unset → one is made and kept in DATA_DIR/simulators-admin-token',
  ),
  DOCUMENT_KEYS_DIR: z
    .string()
    .min(1)
    .optional()
    .describe('the agencies’ signing keys; unset → development keys in DATA_DIR/document-keys'),
  PUBLIC_URL: url().optional().describe('where people reach the pages; unset → the API’s address'),
  TEMPORAL_PAYLOAD_KEYS_FILE: z
    .string()
    .min(1)
    .optional()
    .describe('the Temporal payload keys; unset → a development file DATA_DIR/payload-keys.json'),
  AUDIT_SIGNING_KEY_FILE: z
    .string()
    .min(1)
    .optional()
    .describe(
      'the audit checkpoints’ key; unset → a development key DATA_DIR/audit-signing-key.pem',
    ),
  AUDIT_CHECKPOINT_FILE: z
    .string()
    .min(1)
    .optional()
    .describe('where checkpoints go; unset → DATA_DIR/audit-checkpoints.jsonl'),
});
export type LauncherEnv = z.infer<typeof LauncherEnv>;
