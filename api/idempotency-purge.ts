// Replies kept under an Idempotency-Key are replayed for their time to live, then deleted by this job
// (in the API process, every IDEMPOTENCY_PURGE_INTERVAL_MINUTES), with reservations their holders
// left behind when they died, and the requests' outcomes kept for a retry under a key (for as long).
// Without it the tables only grow: a key past its time to live is reused in place, but most keys are
// never sent again.
import type { Logger } from '../config/logger';
import { purgeOldOutcomes } from '../db/action-outcomes.repository';
import { purgeExpiredKeys } from '../db/idempotency.repository';
import type { Db } from '../db/pool';
import type { IdempotencySettings } from './idempotency';
import { startPeriodic } from '../config/periodic';

export interface PurgeSettings extends Pick<IdempotencySettings, 'ttlMs' | 'leaseMs'> {
  intervalMs: number;
}

export function createIdempotencyPurger({
  db,
  logger,
  settings,
}: {
  db: Db;
  logger: Logger;
  settings: PurgeSettings;
}) {
  const purgeOnce = async () =>
    (await purgeExpiredKeys(db, settings)) + (await purgeOldOutcomes(db, settings));

  const start = () =>
    startPeriodic(
      () =>
        purgeOnce().then(
          (purged) => logger.debug({ purged }, 'idempotency keys and outcomes purged'),
          (error: unknown) => logger.warn({ err: error }, 'idempotency key purge failed'),
        ),
      settings.intervalMs,
    );

  return { purgeOnce, start };
}
