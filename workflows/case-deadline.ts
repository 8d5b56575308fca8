// The whole case's legal deadline, kept: a reminder before it (the case is at risk), and when it passes
// with the case still open, escalation to the supervisor — the breach recorded in the timeline and the
// case view (DOMAIN.md §2A: Group A ≤ 3 working days, ≤ 5 with verification [S1][S2]; §9 item 3;
// DESIGN.md §1 "SLA"). Until issue 20 the deadline was only displayed.
//
// The deadline itself is asked each time (it grows when the case needs verification, and the working
// calendar is the case's own), so the timers follow it; a breach, once recorded, stands.
import { patched } from '@temporalio/workflow';
import type { TimelineEntry } from '../domain/procedures/views';

/**
 * Patch: a Group A case arms timers for its own deadline (CHANGELOG, issue 20). Asked once, as the
 * case starts, before any projection (workflows/projections.ts says why).
 */
export const CASE_DEADLINE_PATCH = 'case-deadline';

const HOUR_MS = 3_600_000;

export type DeadlineStatus = 'on_time' | 'at_risk' | 'breached';

export class CaseDeadline {
  private reminded = false;
  private breached = false;

  private constructor(
    private readonly deadline: () => number,
    private readonly reminderHours: number,
    private readonly record: (entry: TimelineEntry) => void,
  ) {}

  /** The case's deadline keeper, or undefined for a case started before the patch (no timers). */
  static ofThisRun(
    deadline: () => number,
    reminderHours: number,
    record: (entry: TimelineEntry) => void,
  ): CaseDeadline | undefined {
    return patched(CASE_DEADLINE_PATCH)
      ? new CaseDeadline(deadline, reminderHours, record)
      : undefined;
  }

  get status(): DeadlineStatus {
    return this.breached ? 'breached' : this.reminded ? 'at_risk' : 'on_time';
  }

  /** The next timer the open case arms for its deadline, and what it records when it fires. */
  next(): { at: number; fire: () => Promise<void> } | undefined {
    const deadline = this.deadline();
    const detail = `legal deadline ${new Date(deadline).toISOString()}`;
    if (!this.reminded)
      return {
        at: deadline - this.reminderHours * HOUR_MS,
        fire: () => {
          this.reminded = true;
          this.record({ at: new Date().toISOString(), event: 'deadline_at_risk', detail });
          return Promise.resolve();
        },
      };
    if (!this.breached)
      return {
        at: deadline,
        fire: () => {
          this.breached = true;
          // Escalated: the supervisor's case list and the case view show the breach from now on.
          this.record({ at: new Date().toISOString(), event: 'deadline_breached', detail });
          return Promise.resolve();
        },
      };
    return undefined;
  }
}
