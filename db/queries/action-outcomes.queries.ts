// The outcome a workflow recorded for a person's request (migration 0020), for the API to answer
// with instead of querying the running workflow (workflows/action-requests.ts).
import type { FinalOutcome } from '../../workflows/messages';
import type { Db } from '../pool';

/** The recorded outcome of `requestId` on one of `workflowIds` (the first found), or null. */
export async function findActionOutcome(
  db: Db,
  workflowIds: readonly string[],
  requestId: string,
): Promise<(FinalOutcome & { workflowId: string }) | null> {
  const { rows } = await db.query<{
    workflow_id: string;
    state: 'done' | 'refused';
    message: string | null;
    value: unknown;
  }>(
    `SELECT workflow_id, state, message, value FROM action_outcomes
     WHERE workflow_id = ANY($1) AND request_id = $2
     ORDER BY recorded_at LIMIT 1`,
    [workflowIds, requestId],
  );
  const row = rows[0];
  if (!row) return null;
  return row.state === 'done'
    ? { workflowId: row.workflow_id, state: 'done', value: row.value }
    : { workflowId: row.workflow_id, state: 'refused', message: row.message ?? '' };
}
