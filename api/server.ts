// API process: one Temporal client and one pool for the life of the process (STYLE rule 28).
import { Client, Connection } from '@temporalio/client';
import { createAgencyHttp } from '../agencies/http';
import { populationClient } from '../agencies/population.client';
import { connectPatiently } from '../config/connect';
import { temporalPayloadsFromEnv } from '../config/data-converter';
import { followApiKeyFile, temporalConnectionOptions } from '../config/temporal-connection';
import { ApiEnv, loadEnv } from '../config/env';
import { createLogger } from '../config/logger';
import { checkAppLogin } from '../db/app-login';
import { createPool } from '../db/pool';
import { loadCommunes } from '../db/queries/communes.queries';
import { createApp } from './app';
import { readAuditSigningKey } from '../config/audit-keys';
import { checkpointStoreFromEnv } from '../db/audit-checkpoints-s3';
import { createAuditAnchor } from './audit-anchor';
import { createCalendarDelivery } from './calendar-delivery';
import { createCaseStarter } from './case-starts';
import { keepComplianceSchedule } from './compliance-schedule';
import { authSettings, createAuthenticator } from './auth';
import { DEFAULT_IDEMPOTENCY } from './idempotency';
import { createIdempotencyPurger } from './idempotency-purge';
import { createReadiness } from './readiness';
import { createStuckScanner } from './stuck-scan';
import { attachmentsFromEnv } from './uploads/configure';
import { createUploadPurger } from './uploads/purge';

async function main(): Promise<void> {
  const env = loadEnv(ApiEnv);
  const logger = createLogger({ level: env.LOG_LEVEL, name: 'api' });
  const payloads = await temporalPayloadsFromEnv(env, logger);
  const connection = await connectPatiently(
    async () => Connection.connect(await temporalConnectionOptions(env)),
    { what: 'Temporal', log: logger },
  );
  const stopFollowingToken = followApiKeyFile(env, (token) => connection.setApiKey(token), logger);
  const temporal = new Client({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    dataConverter: payloads.dataConverter,
  });
  const db = createPool(env.DATABASE_URL, {
    onError: (err) => logger.warn({ err }, 'idle database connection lost'),
  });
  await checkAppLogin(db, { production: env.NODE_ENV === 'production', log: logger });
  const attachments = attachmentsFromEnv(env, db, logger);
  const app = createApp({
    attachments,
    temporal,
    ...(payloads.codec && { payloadCodec: payloads.codec }),
    codecCorsOrigins: env.CODEC_CORS_ORIGINS,
    db,
    logger,
    authenticate: createAuthenticator(authSettings(env)),
    readiness: createReadiness(connection, db, attachments.storage),
    communes: await loadCommunes(db),
    population: populationClient(createAgencyHttp(env.SIMULATORS_URL, { timeoutMs: 5_000 })),
    idempotencyTtlMs: env.IDEMPOTENCY_KEY_TTL_HOURS * 3_600_000,
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    verifyRateLimitPerMinute: env.VERIFY_RATE_LIMIT_PER_MINUTE,
    caseIdSecret: env.CASE_ID_SECRET,
    publicUrl: env.PUBLIC_URL ?? `http://${env.API_HOST}:${env.API_PORT}`,
    stuckDeadlineMarginHours: env.STUCK_DEADLINE_MARGIN_HOURS,
    ...(env.DRILL_SUPPLEMENT_REPLY_SECONDS !== undefined && {
      drillSupplementReplyMs: Math.round(env.DRILL_SUPPLEMENT_REPLY_SECONDS * 1000),
    }),
  });
  if (env.DRILL_SUPPLEMENT_REPLY_SECONDS !== undefined)
    logger.warn(
      { seconds: env.DRILL_SUPPLEMENT_REPLY_SECONDS },
      'drill: supplement windows last seconds, not working days',
    );
  const server = app.listen(env.API_PORT, env.API_HOST, () =>
    logger.info({ url: `http://${env.API_HOST}:${env.API_PORT}` }, 'api listening'),
  );
  // The scan for failing workflow tasks and the purge of expired Idempotency-Key replies run here,
  // beside the client and pool they need; stopped (and a run under way awaited) before they close.
  const scanning = createStuckScanner({
    temporal,
    db,
    logger,
    settings: {
      taskAttempts: env.STUCK_TASK_ATTEMPTS,
      quietMinutes: env.STUCK_QUIET_MINUTES,
      deadlineMarginHours: env.STUCK_DEADLINE_MARGIN_HOURS,
      scanCases: env.STUCK_SCAN_CASES,
      scanIntervalMs: env.STUCK_SCAN_INTERVAL_SECONDS * 1000,
    },
  }).start();
  const purging = createIdempotencyPurger({
    db,
    logger,
    settings: {
      ttlMs: env.IDEMPOTENCY_KEY_TTL_HOURS * 3_600_000,
      leaseMs: DEFAULT_IDEMPOTENCY.leaseMs,
      intervalMs: env.IDEMPOTENCY_PURGE_INTERVAL_MINUTES * 60_000,
    },
  }).start();
  // Uploads no filing or supplement named, past UPLOAD_TTL_HOURS: their rows and bytes.
  const purgingUploads = createUploadPurger({
    db,
    storage: attachments.storage,
    logger,
    intervalMs: env.UPLOAD_PURGE_INTERVAL_MINUTES * 60_000,
  }).start();
  // Notices recorded but not yet heard by every open case of their years (the API died between
  // storing and signalling, a case was busy or appeared late): sent until each case has it.
  const delivering = createCalendarDelivery({ temporal, db, logger }).start();
  // The audit chain's head, signed outside the database (db/audit-checkpoints.ts).
  const checkpoints = await checkpointStoreFromEnv(env);
  const anchoring =
    env.AUDIT_SIGNING_KEY_FILE && checkpoints
      ? createAuditAnchor({
          db,
          store: checkpoints,
          key: await readAuditSigningKey(env.AUDIT_SIGNING_KEY_FILE),
          logger,
          intervalMs: env.AUDIT_CHECKPOINT_INTERVAL_SECONDS * 1000,
        }).start()
      : undefined;
  if (!anchoring) logger.warn('AUDIT_SIGNING_KEY_FILE is unset: the audit chain is not anchored');
  // Cases filed whose workflow did not start when they were filed (an API died after its commit,
  // Temporal was unreachable): started from the filing outbox, longer after each failure.
  const relaying = createCaseStarter({ temporal, db, logger }).start();
  const scheduling = keepComplianceSchedule(temporal, logger);
  const stop = () => {
    logger.info('api stopping');
    stopFollowingToken();
    const background = Promise.all([
      scanning.stop(),
      purging.stop(),
      purgingUploads.stop(),
      delivering.stop(),
      anchoring?.stop(),
      relaying.stop(),
      scheduling.stop(),
    ]);
    server.close(
      () => void background.finally(() => void Promise.all([db.end(), connection.close()])),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
