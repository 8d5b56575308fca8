// Deadlines as people read them (issue 22): "còn N ngày làm việc", "quá hạn N ngày", or a clock paused
// while the citizen supplements — computed when a case or a task is read, with the working calendar
// the workflows count by (the statute and the official notices stored, domain/calendar/), so the
// pages never count days themselves.
import type { Db } from '../db/pool';
import { readDeadline, type DeadlineReading } from '../domain/calendar/working-days';
import { StepStatus } from '../domain/procedures/agency-step.machine';
import { isFinal } from '../domain/procedures/case-status';
import type { CaseView } from '../domain/procedures/views';
import { storedCalendar } from './calendar-delivery';

/** A step's state in which its clock stands still (the citizen is asked to supplement). */
const PAUSED_STATES = new Set(['awaiting_supplement']);

export type DeadlineClock = (
  deadline: string | null | undefined,
  state?: string,
) => DeadlineReading | undefined;

/**
 * Reads deadlines at `nowMs` with this year's calendar, the last and the next (a deadline passed in
 * January, or falling after New Year). Undefined for a step with no deadline and a clock running.
 */
export async function deadlineClock(db: Db, nowMs = Date.now()): Promise<DeadlineClock> {
  const year = new Date(nowMs).getUTCFullYear();
  const { calendar } = await storedCalendar(db, [year - 1, year, year + 1]);
  return (deadline, state) => {
    if (state !== undefined && PAUSED_STATES.has(state)) return { state: 'paused' };
    return deadline ? readDeadline(nowMs, Date.parse(deadline), calendar) : undefined;
  };
}

/** Steps whose clock still matters: not decided, ended or skipped. */
const OPEN_STEP_STATUSES = new Set<string>([
  StepStatus.pending,
  StepStatus.waiting_agency,
  StepStatus.in_review,
  StepStatus.awaiting_supplement,
]);

/** The clocks of a case as read: the whole case's while it is open, and each open step's. */
export function caseClocks(clock: DeadlineClock, view: CaseView) {
  const caseClock = isFinal(view.status) ? undefined : clock(view.deadline);
  return {
    ...(caseClock && { case: caseClock }),
    steps: Object.fromEntries(
      view.steps.flatMap((step) => {
        const reading = OPEN_STEP_STATUSES.has(step.status)
          ? clock(step.deadline, step.state)
          : undefined;
        return reading ? [[step.step, reading]] : [];
      }),
    ),
  };
}
