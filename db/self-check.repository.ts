import type { Db } from './pool';

export interface NewSelfCheck {
  checkId: string;
  workflowId: string;
  requestedBy: string;
  requestedAt: string;
}

/** Idempotent: a retried activity finds the row already there and changes nothing. */
export async function recordSelfCheck(db: Db, check: NewSelfCheck): Promise<void> {
  await db.query(
    `INSERT INTO self_checks (check_id, workflow_id, requested_by, requested_at)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (check_id) DO NOTHING`,
    [check.checkId, check.workflowId, check.requestedBy, check.requestedAt],
  );
}
