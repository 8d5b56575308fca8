// The public case status (DESIGN.md §4), derived from the case machine's state and its steps' statuses,
// never stored beside them (STYLE rule 19).
import type { StepStatus } from './agency-step.machine';

export const CaseStatus = {
  submitted: 'submitted',
  in_progress: 'in_progress',
  awaiting_supplement: 'awaiting_supplement',
  completed: 'completed',
  partially_completed: 'partially_completed',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
  annulled: 'annulled',
} as const;
export type CaseStatus = (typeof CaseStatus)[keyof typeof CaseStatus];

const FINAL = {
  completed: CaseStatus.completed,
  partially_completed: CaseStatus.partially_completed,
  rejected: CaseStatus.rejected,
  withdrawn: CaseStatus.withdrawn,
  annulled: CaseStatus.annulled,
} as const;

/** Statuses after which a case changes no more (but by an annulment). */
export const FINAL_STATUSES: readonly CaseStatus[] = Object.values(FINAL);
export const isFinal = (status: string): boolean => status in FINAL;

/** `machineState` is the case machine's state; `steps` the statuses of the steps it runs. */
export function toCaseStatus(machineState: string, steps: readonly StepStatus[]): CaseStatus {
  if (machineState in FINAL) return FINAL[machineState as keyof typeof FINAL];
  if (steps.includes('awaiting_supplement')) return CaseStatus.awaiting_supplement;
  if (steps.every((s) => s === 'pending' || s === 'skipped')) return CaseStatus.submitted;
  return CaseStatus.in_progress;
}
