// People's requests to workflows and their outcomes (migration 0020). The API writes a request as
// `sent` before it signals the workflow; the workflow's activity writes the outcome over it. The first
// outcome of a request stands: a retried write changes nothing. Reads: db/queries/action-outcomes.queries.ts.
import { deleteInBatches, type Db } from './pool';
import type { ActionRequest, FinalOutcome } from '../workflows/messages';

export interface RecordedOutcome {
  workflowId: string;
  requestId: string;
  outcome: FinalOutcome;
}

/** The API is about to send `request` to `workflowId` (a request already written stays as it is). */
export async function recordSentRequest(
  db: Db,
  workflowId: string,
  { requestId, action, input }: ActionRequest,
): Promise<void> {
  await db.query(
    `INSERT INTO action_outcomes (workflow_id, request_id, state, action, input)
     VALUES ($1, $2, 'sent', $3, $4)
     ON CONFLICT (workflow_id, request_id) DO NOTHING`,
    [workflowId, requestId, action, JSON.stringify(input ?? null)],
  );
}

export async function insertActionOutcome(
  db: Db,
  { workflowId, requestId, outcome }: RecordedOutcome,
): Promise<void> {
  await db.query(
    `INSERT INTO action_outcomes (workflow_id, request_id, state, message, value, refusal)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (workflow_id, request_id) DO UPDATE
       SET state = EXCLUDED.state, message = EXCLUDED.message, value = EXCLUDED.value,
           refusal = EXCLUDED.refusal, recorded_at = now()
     WHERE action_outcomes.state = 'sent'`,
    [
      workflowId,
      requestId,
      outcome.state,
      outcome.state === 'refused' ? outcome.message : null,
      // JSON text, not the value: node-postgres would send a string value as text, not jsonb.
      outcome.state === 'done' ? JSON.stringify(outcome.value ?? null) : null,
      outcome.state === 'refused' && outcome.refusal ? JSON.stringify(outcome.refusal) : null,
    ],
  );
}

/**
 * Deletes requests and outcomes recorded more than `ttlMs` ago, `batch` rows at a time: a retry
 * under the same Idempotency-Key comes within the key's time to live, after which it is a new
 * request; a request sent without a key is read back only while it is answered.
 */
export async function purgeOldOutcomes(
  db: Db,
  { ttlMs, batch = 5_000 }: { ttlMs: number; batch?: number },
): Promise<number> {
  return deleteInBatches(
    db,
    `DELETE FROM action_outcomes WHERE ctid IN (
       SELECT ctid FROM action_outcomes
        WHERE recorded_at < clock_timestamp() - make_interval(secs => $1)
        LIMIT $2)`,
    [ttlMs / 1000],
    batch,
  );
}
