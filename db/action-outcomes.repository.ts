// The outcomes of people's requests to workflows (migration 0020), written once by the workflow's
// activity (the API reads them: db/queries/action-outcomes.queries.ts). The first outcome of a
// request stands: a retried write changes nothing.
import type { Db } from './pool';
import type { FinalOutcome } from '../workflows/messages';

export interface RecordedOutcome {
  workflowId: string;
  requestId: string;
  outcome: FinalOutcome;
}

export async function insertActionOutcome(
  db: Db,
  { workflowId, requestId, outcome }: RecordedOutcome,
): Promise<void> {
  await db.query(
    `INSERT INTO action_outcomes (workflow_id, request_id, state, message, value)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (workflow_id, request_id) DO NOTHING`,
    [
      workflowId,
      requestId,
      outcome.state,
      outcome.state === 'refused' ? outcome.message : null,
      // JSON text, not the value: node-postgres would send a string value as text, not jsonb.
      outcome.state === 'done' ? JSON.stringify(outcome.value ?? null) : null,
    ],
  );
}
