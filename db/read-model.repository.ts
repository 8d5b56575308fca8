// Writes of the read model, from activities — and a case's first row (version 0, received) from the
// API that files it (db/case-starts.repository.ts). Every upsert is guarded by the view's version, so
// retries and out-of-order deliveries are harmless.
import type { Db, Queryable } from './pool';
import type { CaseView, StepView } from '../domain/procedures/views';

export interface CaseProjection {
  view: CaseView;
  businessKey: string;
  partyPins: string[];
}

export async function upsertCase(
  db: Queryable,
  { view, businessKey, partyPins }: CaseProjection,
): Promise<void> {
  await db.query(
    `INSERT INTO cases (case_id, procedure, business_key, status, commune, party_pins, received_at, deadline, view, version, breached)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (case_id) DO UPDATE
       SET status = EXCLUDED.status, deadline = EXCLUDED.deadline, view = EXCLUDED.view,
           version = EXCLUDED.version, breached = EXCLUDED.breached, updated_at = now()
     WHERE cases.version < EXCLUDED.version`,
    [
      view.caseId,
      view.procedure,
      businessKey,
      view.status,
      view.commune,
      partyPins,
      view.receivedAt,
      view.deadline,
      view,
      view.version,
      view.deadlineStatus === 'breached',
    ],
  );
}

export interface StepProjection {
  caseId: string;
  jurisdiction: string;
  view: StepView;
  /** What the agency's officer needs to decide, shown in the inbox. */
  summary: Record<string, unknown>;
  /**
   * The case's last word on a step whose workflow ended without telling it (failed or stopped):
   * written over any version, and never written over.
   */
  final?: boolean;
}

/** Open while a person must act: an officer reviewing, or a citizen supplying documents. */
const OPEN_STATES = new Set(['in_review', 'awaiting_supplement']);

export async function upsertStep(
  db: Db,
  { caseId, jurisdiction, view, summary, final = false }: StepProjection,
): Promise<void> {
  await db.query(
    `INSERT INTO tasks (task_id, case_id, step, agency, jurisdiction, state, open, deadline, breached, view, summary, version, final, started_at, ended_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
     ON CONFLICT (task_id) DO UPDATE
       SET state = EXCLUDED.state, open = EXCLUDED.open, deadline = EXCLUDED.deadline,
           breached = EXCLUDED.breached, view = EXCLUDED.view, final = EXCLUDED.final,
           started_at = COALESCE(EXCLUDED.started_at, tasks.started_at),
           ended_at = COALESCE(tasks.ended_at, EXCLUDED.ended_at),
           version = GREATEST(tasks.version, EXCLUDED.version), updated_at = now()
     WHERE NOT tasks.final AND (tasks.version < EXCLUDED.version OR EXCLUDED.final)`,
    [
      view.workflowId,
      caseId,
      view.step,
      view.agency,
      jurisdiction,
      view.state,
      OPEN_STATES.has(view.state),
      view.deadline ?? null,
      view.breached,
      view,
      summary,
      view.version,
      final,
      view.startedAt ?? null,
      view.endedAt ?? null,
    ],
  );
}
