// A case as its people see it, from the read model alone: the case's own latest projection, with each
// step at the newest version either the case or the step itself has projected (steps project every
// change; the case projects when it moves on). Serving views from here keeps reads off the workflows.
import { toCaseStatus } from '../../domain/procedures/case-status';
import { CaseView, StepView } from '../../domain/procedures/views';
import type { Db } from '../pool';

const FINAL = new Set(['completed', 'partially_completed', 'rejected', 'withdrawn', 'annulled']);

export async function readCaseView(db: Db, caseId: string): Promise<CaseView | undefined> {
  const { rows } = await db.query<{ view: unknown; steps: unknown[] | null }>(
    `SELECT c.view, (SELECT array_agg(t.view) FROM tasks t WHERE t.case_id = c.case_id) AS steps
       FROM cases c WHERE c.case_id = $1`,
    [caseId],
  );
  const row = rows[0];
  if (!row) return undefined;
  const view = CaseView.parse(row.view);
  const newest = new Map(view.steps.map((s) => [s.step, s]));
  for (const step of (row.steps ?? []).map((s) => StepView.parse(s))) {
    const known = newest.get(step.step);
    if (!known || known.version < step.version) newest.set(step.step, step);
  }
  const steps = [...newest.values()];
  // A case at rest shows its final status; otherwise the status follows its steps' latest states.
  const status = FINAL.has(view.status)
    ? view.status
    : toCaseStatus(
        view.status,
        steps.map((s) => s.status),
      );
  return { ...view, status, steps };
}
