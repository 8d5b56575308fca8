// A case or a step as its workflow projects it into the read model (db/read-model.repository.ts), for
// tests that need cases and tasks in the inbox, the reports or the supervisor's page, with the
// application as filed where it matters, without running a case for each.
import { upsertCase, upsertStep } from '../../db/read-model.repository';
import type { Db } from '../../db/pool';
import type { CaseView, StepView } from '../../domain/procedures/views';

export interface TaskRow {
  caseId: string;
  /** The task's commune; 00004 unless said. */
  jurisdiction?: string;
  /** What differs from a birth registration in review, due in a day. */
  view?: Partial<StepView>;
  summary?: Record<string, unknown>;
}

/** A step of `caseId` in review, due in a day, with what differs in `view`. */
export function stepView(caseId: string, view: Partial<StepView> = {}): StepView {
  const step = view.step ?? 'birth';
  return {
    step,
    agency: 'civil-status',
    workflowId: `${caseId}:${step}`,
    status: 'in_review',
    state: 'in_review',
    deadline: new Date(Date.now() + 86_400_000).toISOString(),
    resent: 0,
    reminded: false,
    breached: false,
    version: 1,
    ...view,
  };
}

/** Projects one step (its workflow id: `<caseId>:<step>` unless `view.workflowId` says otherwise). */
export async function projectTask(
  db: Db,
  { caseId, jurisdiction = '00004', view = {}, summary = {} }: TaskRow,
): Promise<StepView> {
  const projected = stepView(caseId, view);
  await upsertStep(db, { caseId, jurisdiction, view: projected, summary });
  return projected;
}

/**
 * Projects a case of commune 00004 under way (its procedure: the id's prefix), with `partyPins`
 * (the applicant first) and its steps; and, given `application`, keeps it as filed.
 */
export async function projectCase(
  db: Db,
  {
    caseId,
    partyPins,
    steps = [],
    application,
  }: { caseId: string; partyPins: string[]; steps?: StepView[]; application?: object },
): Promise<void> {
  const view = {
    caseId,
    procedure: caseId.split(':')[0],
    status: 'in_progress',
    receivedAt: new Date().toISOString(),
    commune: '00004',
    deadline: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    steps,
    timeline: [],
    version: 1,
  } as CaseView;
  await upsertCase(db, { businessKey: caseId, partyPins, view });
  if (application)
    await db.query('INSERT INTO filed_applications (case_id, application) VALUES ($1, $2)', [
      caseId,
      application,
    ]);
}
