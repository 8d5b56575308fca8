// What the stuck-case scan found in Temporal (migration 0010), written by the API's scan: the API's
// own operational record, like its audit log, not procedure state.
import type { Db } from './pool';

export interface TaskFinding {
  workflowId: string;
  caseId: string;
  /** The pending workflow task's attempt; 0 without one. */
  attempt: number;
  /** Past the threshold: Temporal keeps failing it. */
  failing: boolean;
}

/**
 * Keeps the failing workflows (a new attempt count, the first time found kept) and forgets those
 * found going again, in one statement.
 */
export async function saveTaskFindings(db: Db, findings: readonly TaskFinding[]): Promise<void> {
  if (findings.length === 0) return;
  await db.query(
    `WITH f AS (
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::bool[])
                AS f(workflow_id, case_id, attempt, failing)
     ), going AS (
       DELETE FROM workflow_task_failures w USING f
        WHERE w.workflow_id = f.workflow_id AND NOT f.failing
     )
     INSERT INTO workflow_task_failures (workflow_id, case_id, attempt)
     SELECT workflow_id, case_id, attempt FROM f WHERE failing
     ON CONFLICT (workflow_id) DO UPDATE SET attempt = EXCLUDED.attempt, checked_at = now()`,
    [
      findings.map((f) => f.workflowId),
      findings.map((f) => f.caseId),
      findings.map((f) => f.attempt),
      findings.map((f) => f.failing),
    ],
  );
}
