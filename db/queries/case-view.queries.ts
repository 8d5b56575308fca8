// A case as its people see it, from the read model alone: the case's own latest projection, with each
// step at the newest version either the case or the step itself has projected. Serving views from
// here keeps reads off the workflows.
import { toCaseStatus } from '../../domain/procedures/case-status';
import { CaseView, StepView } from '../../domain/procedures/views';
import type { Db } from '../pool';
import type { CaseRow } from './cases.queries';

/** `row` is the case's row, already read (for the access check); only its steps are read here. */
export async function readCaseView(
  db: Db,
  row: Pick<CaseRow, 'case_id' | 'view'>,
): Promise<CaseView> {
  const { rows } = await db.query<{ view: unknown }>('SELECT view FROM tasks WHERE case_id = $1', [
    row.case_id,
  ]);
  const view = CaseView.parse(row.view);
  const newest = new Map(view.steps.map((s) => [s.step, s]));
  for (const step of rows.map((r) => StepView.parse(r.view))) {
    const known = newest.get(step.step);
    if (!known || known.version < step.version) newest.set(step.step, step);
  }
  const steps = [...newest.values()];
  // A final status stays as it is; otherwise the status follows the steps' latest states.
  const status = toCaseStatus(
    view.status,
    steps.map((s) => s.status),
  );
  return { ...view, status, steps };
}
