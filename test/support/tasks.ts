// A step as its workflow projects it into the read model (db/read-model.repository.ts), for tests that
// need tasks in the inbox, the reports or the supervisor's page without running a case for each.
import { upsertStep } from '../../db/read-model.repository';
import type { Db } from '../../db/pool';
import type { StepView } from '../../domain/procedures/views';

export interface TaskRow {
  caseId: string;
  /** The task's commune; 00004 unless said. */
  jurisdiction?: string;
  /** What differs from a birth registration in review, due in a day. */
  view?: Partial<StepView>;
  summary?: Record<string, unknown>;
}

/** Projects one step (its workflow id: `<caseId>:<step>` unless `view.workflowId` says otherwise). */
export async function projectTask(
  db: Db,
  { caseId, jurisdiction = '00004', view = {}, summary = {} }: TaskRow,
): Promise<StepView> {
  const step = view.step ?? 'birth';
  const projected: StepView = {
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
  await upsertStep(db, { caseId, jurisdiction, view: projected, summary });
  return projected;
}
