// Why a case counts as stuck (GET /v1/ops/stuck-cases, the lien_thong_stuck_cases gauge, the
// supervisor's page). Each is something no person in the procedure can resolve by acting on the
// case: an operator has to look.
export const StuckReason = {
  /** Temporal keeps failing a workflow task of the case (a bug or a nondeterminism): it cannot move. */
  TASK_FAILING: 'TASK_FAILING',
  /** Past its legal deadline plus a margin, and nothing happened since the deadline. */
  OVERDUE_NO_PROGRESS: 'OVERDUE_NO_PROGRESS',
  /** PostgreSQL refused a projection of the case: lists and inboxes show it wrong or not at all. */
  PROJECTION_REFUSED: 'PROJECTION_REFUSED',
  /**
   * Filed (the citizen holds its receipt) but its workflow not started for minutes: Temporal has
   * been unreachable or refusing since (api/case-starts.ts retries it).
   */
  NOT_STARTED: 'NOT_STARTED',
} as const;
export type StuckReason = (typeof StuckReason)[keyof typeof StuckReason];
export const STUCK_REASONS = Object.values(StuckReason) as [StuckReason, ...StuckReason[]];
