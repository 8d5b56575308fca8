// A person's request to a workflow as the API sent it, and the outcome the workflow recorded
// (migration 0020), for the API to answer with instead of querying the running workflow
// (workflows/action-requests.ts).
import { isRefused } from '../../domain/procedures/refusals';
import type { ActionRequest, FinalOutcome } from '../../workflows/messages';
import type { Db } from '../pool';

export type RecordedRequest =
  | (FinalOutcome & { workflowId: string })
  | { state: 'sent'; workflowId: string; request: ActionRequest };

/** The request `requestId` on one of `workflowIds` (answered first, else the first sent), or null. */
export async function findActionOutcome(
  db: Db,
  workflowIds: readonly string[],
  requestId: string,
): Promise<RecordedRequest | null> {
  const { rows } = await db.query<{
    workflow_id: string;
    state: 'sent' | 'done' | 'refused';
    action: string | null;
    input: unknown;
    message: string | null;
    value: unknown;
    refusal: unknown;
  }>(
    `SELECT workflow_id, state, action, input, message, value, refusal FROM action_outcomes
     WHERE workflow_id = ANY($1) AND request_id = $2
     ORDER BY state = 'sent', recorded_at LIMIT 1`,
    [workflowIds, requestId],
  );
  const row = rows[0];
  if (!row) return null;
  const workflowId = row.workflow_id;
  if (row.state === 'done') return { workflowId, state: 'done', value: row.value };
  if (row.state === 'refused')
    return {
      workflowId,
      state: 'refused',
      message: row.message ?? '',
      ...(isRefused(row.refusal) && { refusal: row.refusal }),
    };
  return {
    workflowId,
    state: 'sent',
    request: { requestId, action: row.action ?? '', input: row.input },
  };
}
