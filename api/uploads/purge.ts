// Uploads nobody attached expire (UPLOAD_TTL_HOURS): this job, in the API process every
// UPLOAD_PURGE_INTERVAL_MINUTES, deletes each one's row and then its bytes. The row goes first: a
// row never names bytes that are gone, and bytes whose deletion failed are only space, not a
// dangling attachment. An upload attached meanwhile is kept (the database refuses its delete).
import type { Logger } from '../../config/logger';
import type { Db } from '../../db/pool';
import { deleteExpiredUpload, expiredUploads } from '../../db/uploads.repository';
import { startPeriodic } from '../../config/periodic';
import type { FileStorage } from './storage';

/** Uploads looked at in one run; the next run takes the rest. */
const BATCH = 500;

export function createUploadPurger({
  db,
  storage,
  logger,
  intervalMs,
}: {
  db: Db;
  storage: FileStorage;
  logger: Logger;
  intervalMs: number;
}) {
  const purgeOnce = async (): Promise<number> => {
    let purged = 0;
    for (const upload of await expiredUploads(db, BATCH)) {
      if (!(await deleteExpiredUpload(db, upload.upload_id))) continue;
      await storage
        .delete(upload.storage_key)
        .catch((error: unknown) =>
          logger.warn(
            { err: error, uploadId: upload.upload_id },
            'expired upload bytes not deleted',
          ),
        );
      purged += 1;
    }
    return purged;
  };

  const start = () =>
    startPeriodic(
      () =>
        purgeOnce().then(
          (purged) => logger.debug({ purged }, 'expired uploads purged'),
          (error: unknown) => logger.warn({ err: error }, 'upload purge failed'),
        ),
      intervalMs,
    );

  return { purgeOnce, start };
}
