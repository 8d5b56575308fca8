// A step's legal clock in working days: it runs from the step's start, pauses while the citizen is asked
// for a supplement (which has its own deadline), and resumes with the days that were left.
//
// Drills (chaos runs on the real dev server, no time skipping) need the supplement window to close in
// seconds: `supplementReplyMs`, when given, replaces the working-day window. It comes from the workflow
// input, which is recorded in history, so no patched() guards it: every case started before the field
// existed has no such field and replays the working-day path unchanged (test/replay).
import {
  deadlineAfter,
  workingDaysLeft,
  type WorkingCalendar,
} from '../../domain/calendar/working-days';

const HOUR_MS = 3_600_000;

export type StepTimer = 'reminder' | 'deadline' | 'supplement';

export class StepClock {
  deadline: number | undefined;
  supplementDue: number | undefined;
  private daysLeft: number | undefined;

  constructor(
    private readonly calendar: WorkingCalendar,
    startedAt: number,
    workingDays: number,
    private readonly supplementReplyDays: number,
    private readonly reminderHours: number,
    /** Drill override: the supplement window in milliseconds instead of working days. */
    private readonly supplementReplyMs?: number,
  ) {
    this.deadline = deadlineAfter(startedAt, workingDays, calendar);
  }

  /** A review that needs verification allows more working days, counted from the same start. */
  extend(startedAt: number, workingDays: number): void {
    if (this.deadline !== undefined) {
      this.deadline = Math.max(this.deadline, deadlineAfter(startedAt, workingDays, this.calendar));
    }
  }

  pause(now: number): void {
    if (this.deadline !== undefined)
      this.daysLeft = workingDaysLeft(now, this.deadline, this.calendar);
    this.deadline = undefined;
    this.supplementDue =
      this.supplementReplyMs === undefined
        ? deadlineAfter(now, this.supplementReplyDays, this.calendar)
        : now + this.supplementReplyMs;
  }

  resume(now: number): void {
    this.deadline = deadlineAfter(now, this.daysLeft ?? 0, this.calendar);
    this.daysLeft = undefined;
    this.supplementDue = undefined;
  }

  /** The next timer to arm, given what has already fired and whether the clock is running. */
  next(state: {
    reminded: boolean;
    breached: boolean;
    awaitingSupplement: boolean;
  }): { timer: StepTimer; at: number } | undefined {
    const candidates: { timer: StepTimer; at: number }[] = [];
    if (state.awaitingSupplement && this.supplementDue !== undefined) {
      candidates.push({ timer: 'supplement', at: this.supplementDue });
    }
    if (!state.awaitingSupplement && this.deadline !== undefined) {
      if (!state.reminded)
        candidates.push({ timer: 'reminder', at: this.deadline - this.reminderHours * HOUR_MS });
      if (!state.breached) candidates.push({ timer: 'deadline', at: this.deadline });
    }
    return candidates.sort((a, b) => a.at - b.at)[0];
  }
}
