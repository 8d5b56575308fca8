// A step's legal clock in working days: it runs from the step's start, pauses while the citizen is asked
// for a supplement (which has its own deadline), and resumes with the days that were left.
//
// Drills (chaos runs on the real dev server, no time skipping) need the supplement window to close in
// seconds: `supplementReplyMs`, when given, replaces the working-day window. It comes from the workflow
// input, which is recorded in history, so no patched() guards it: every case started before the field
// existed has no such field and replays the working-day path unchanged (test/replay).
//
// An official notice published while the step runs (issue 20) brings a new calendar: `recalendar`
// counts the same working days from the same instants again, so the dates it arms move with the
// notice. It runs only when the case hears `calendarChanged`, a signal no earlier history holds, so
// the path of every recorded run is unchanged and no patched() is needed.
import {
  deadlineAfter,
  workingDaysLeft,
  type WorkingCalendar,
} from '../../domain/calendar/working-days';

const HOUR_MS = 3_600_000;

export type StepTimer = 'reminder' | 'deadline' | 'supplement';

/** A clock's date as the working days counted from an instant, so a new calendar can count again. */
interface Counted {
  from: number;
  days: number;
}

export class StepClock {
  deadline: number | undefined;
  supplementDue: number | undefined;
  private daysLeft: number | undefined;
  /** The running deadline's count, and a review's longer one from the same start (extend). */
  private counted: Counted[];
  private pausedAt: number | undefined;

  constructor(
    private calendar: WorkingCalendar,
    startedAt: number,
    workingDays: number,
    private readonly supplementReplyDays: number,
    private readonly reminderHours: number,
    /** Drill override: the supplement window in milliseconds instead of working days. */
    private readonly supplementReplyMs?: number,
  ) {
    this.counted = [{ from: startedAt, days: workingDays }];
    this.deadline = deadlineAfter(startedAt, workingDays, calendar);
  }

  /** A review that needs verification allows more working days, counted from the same start. */
  extend(startedAt: number, workingDays: number): void {
    if (this.deadline !== undefined) {
      this.counted.push({ from: startedAt, days: workingDays });
      this.deadline = Math.max(this.deadline, deadlineAfter(startedAt, workingDays, this.calendar));
    }
  }

  pause(now: number): void {
    if (this.deadline !== undefined)
      this.daysLeft = workingDaysLeft(now, this.deadline, this.calendar);
    this.deadline = undefined;
    this.pausedAt = now;
    this.supplementDue =
      this.supplementReplyMs === undefined
        ? deadlineAfter(now, this.supplementReplyDays, this.calendar)
        : now + this.supplementReplyMs;
  }

  resume(now: number): void {
    this.deadline = deadlineAfter(now, this.daysLeft ?? 0, this.calendar);
    this.counted = [{ from: now, days: this.daysLeft ?? 0 }];
    this.daysLeft = undefined;
    this.pausedAt = undefined;
    this.supplementDue = undefined;
  }

  /**
   * Takes a newer calendar (a notice published while the step runs) and counts its dates again:
   * the running deadline, or — while paused for a supplement — the days that were left at the pause
   * and the supplement's own window. False (nothing changes) for a calendar not newer than this one.
   */
  recalendar(calendar: WorkingCalendar): boolean {
    if ((calendar.revision ?? 0) <= (this.calendar.revision ?? 0)) return false;
    this.calendar = calendar;
    const counted = Math.max(...this.counted.map((c) => deadlineAfter(c.from, c.days, calendar)));
    if (this.pausedAt === undefined) {
      if (this.deadline !== undefined) this.deadline = counted;
    } else {
      if (this.daysLeft !== undefined)
        this.daysLeft = workingDaysLeft(this.pausedAt, counted, calendar);
      if (this.supplementReplyMs === undefined)
        this.supplementDue = deadlineAfter(this.pausedAt, this.supplementReplyDays, calendar);
    }
    return true;
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
