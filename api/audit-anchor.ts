// Signs the audit chain's head into the checkpoint store every AUDIT_CHECKPOINT_INTERVAL_SECONDS
// (db/audit-checkpoints.ts says why), and once more as the API stops: rows are anchored outside the
// database within that interval of being written. A checkpoint is written only when the chain grew;
// several API processes each write their own, which verify the same.
import type { KeyObject } from 'node:crypto';
import type { Logger } from '../config/logger';
import { startPeriodic } from '../config/periodic';
import { writeCheckpoint, type CheckpointStore } from '../db/audit-checkpoints';
import type { Db } from '../db/pool';

export function createAuditAnchor(deps: {
  db: Db;
  store: CheckpointStore;
  key: KeyObject;
  logger: Logger;
  intervalMs: number;
}) {
  const { db, store, key, logger } = deps;
  /**
   * The row this process's last checkpoint named. The store is not read for it at start (it holds a
   * checkpoint a minute, for years): a process's first checkpoint may sign a head signed before,
   * which verifies the same.
   */
  let last: number | undefined;

  async function anchor(): Promise<void> {
    const written = await writeCheckpoint(db, store, key, last);
    if (written) last = written.seq;
  }
  const tryAnchor = () =>
    anchor().catch((err: unknown) => logger.warn({ err }, 'audit checkpoint not written; retried'));

  return {
    anchor,
    start() {
      const periodic = startPeriodic(tryAnchor, deps.intervalMs);
      return {
        stop: async () => {
          await periodic.stop();
          await tryAnchor();
        },
      };
    },
  };
}
