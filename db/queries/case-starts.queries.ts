// Reads of the filing outbox (migration 0025, db/case-starts.repository.ts).
import type { Db } from '../pool';

/** Whether `caseId` was filed through the outbox — not one the migration found already running. */
export async function filedThroughOutbox(db: Db, caseId: string): Promise<boolean> {
  const { rows } = await db.query(
    'SELECT 1 FROM case_starts WHERE case_id = $1 AND through_outbox',
    [caseId],
  );
  return rows.length > 0;
}
