// Working-day arithmetic for legal deadlines (DOMAIN.md §2): weekends and official days off do not
// count, and a dossier received at or after the 15:00 cut-off counts from the next working day.
// Pure and deterministic: workflows use it for their timers, with a calendar snapshot in their input.

/** A local (Vietnam) calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

export interface WorkingCalendar {
  /** Offset of local time from UTC in minutes (Asia/Ho_Chi_Minh: +420, no daylight saving). */
  utcOffsetMinutes: number;
  /** Minutes after local midnight from which a dossier counts from the next working day (15:00). */
  cutoffMinutes: number;
  /** Minutes after local midnight at which offices close: a deadline falls then on its last day. */
  closingMinutes: number;
  /** Weekdays that are not working days: public holidays, official bridge and compensatory days. */
  daysOff: readonly IsoDate[];
  /** Saturdays and Sundays that are working days (official make-up days). */
  workingWeekendDays: readonly IsoDate[];
  /**
   * The latest official notice in it (its id in `calendar_notices`); absent: the statute alone, or a
   * case filed before notices were data. A running case takes a new calendar only with a higher one.
   */
  revision?: number;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

const sets = new WeakMap<WorkingCalendar, { off: Set<IsoDate>; on: Set<IsoDate> }>();
function lookup(calendar: WorkingCalendar) {
  let found = sets.get(calendar);
  if (!found) {
    found = { off: new Set(calendar.daysOff), on: new Set(calendar.workingWeekendDays) };
    sets.set(calendar, found);
  }
  return found;
}

const dayNumber = (date: IsoDate): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const fromDayNumber = (day: number): IsoDate => new Date(day * DAY_MS).toISOString().slice(0, 10);

export function toLocalDate(instantMs: number, calendar: WorkingCalendar): IsoDate {
  return fromDayNumber(Math.floor((instantMs + calendar.utcOffsetMinutes * MINUTE_MS) / DAY_MS));
}

/** The instant of `minutes` after local midnight on `date`. */
export function localInstant(date: IsoDate, minutes: number, calendar: WorkingCalendar): number {
  return dayNumber(date) * DAY_MS + (minutes - calendar.utcOffsetMinutes) * MINUTE_MS;
}

export function isWorkingDay(date: IsoDate, calendar: WorkingCalendar): boolean {
  const { off, on } = lookup(calendar);
  if (on.has(date)) return true;
  const weekday = new Date(dayNumber(date) * DAY_MS).getUTCDay(); // 0 Sunday … 6 Saturday
  return weekday !== 0 && weekday !== 6 && !off.has(date);
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: IsoDate, calendar: WorkingCalendar): IsoDate {
  let day = dayNumber(date) + 1;
  while (!isWorkingDay(fromDayNumber(day), calendar)) day += 1;
  return fromDayNumber(day);
}

/** The `count`-th working day after `date` (0 → `date` itself). */
export function addWorkingDays(date: IsoDate, count: number, calendar: WorkingCalendar): IsoDate {
  let result = date;
  for (let i = 0; i < count; i += 1) result = nextWorkingDay(result, calendar);
  return result;
}

/** The working day from which a dossier received at `receivedAtMs` is counted (15:00 cut-off). */
export function countingDay(receivedAtMs: number, calendar: WorkingCalendar): IsoDate {
  const date = toLocalDate(receivedAtMs, calendar);
  const minutes = (receivedAtMs - localInstant(date, 0, calendar)) / MINUTE_MS;
  return isWorkingDay(date, calendar) && minutes < calendar.cutoffMinutes
    ? date
    : nextWorkingDay(date, calendar);
}

/**
 * The deadline of a step allowed `workingDays` working days from receipt: offices' closing time on the
 * `workingDays`-th working day after the counting day (0 → the same working day).
 */
export function deadlineAfter(
  receivedAtMs: number,
  workingDays: number,
  calendar: WorkingCalendar,
): number {
  const last = addWorkingDays(countingDay(receivedAtMs, calendar), workingDays, calendar);
  return localInstant(last, calendar.closingMinutes, calendar);
}

/**
 * Working days still available at `atMs` before `deadlineMs`, for clocks that pause (a request for
 * supplement) and resume later with what was left: `deadlineAfter(resumedAt, left)`.
 */
export function workingDaysLeft(
  atMs: number,
  deadlineMs: number,
  calendar: WorkingCalendar,
): number {
  const last = toLocalDate(deadlineMs, calendar);
  let day = countingDay(atMs, calendar);
  let left = 0;
  while (dayNumber(day) < dayNumber(last)) {
    day = nextWorkingDay(day, calendar);
    left += 1;
  }
  return left;
}

/** Working days strictly after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysAfter(from: IsoDate, to: IsoDate, calendar: WorkingCalendar): number {
  let count = 0;
  for (let day = dayNumber(from) + 1; day <= dayNumber(to); day += 1)
    if (isWorkingDay(fromDayNumber(day), calendar)) count += 1;
  return count;
}

/**
 * A deadline as people read it at `nowMs` (issue 22: "còn N ngày làm việc" / "quá hạn N ngày"):
 * `open` with the working days left after today (0: the last day is today), `overdue` with the
 * working days gone by since the last day (0: it passed today, or on days off since), or `paused`
 * — a clock stopped while the citizen supplements, with no deadline until it resumes.
 */
export type DeadlineReading =
  | { state: 'open'; workingDays: number }
  | { state: 'overdue'; workingDays: number }
  | { state: 'paused' };

export function readDeadline(
  nowMs: number,
  deadlineMs: number,
  calendar: WorkingCalendar,
): DeadlineReading {
  const today = toLocalDate(nowMs, calendar);
  const last = toLocalDate(deadlineMs, calendar);
  return nowMs <= deadlineMs
    ? { state: 'open', workingDays: workingDaysAfter(today, last, calendar) }
    : { state: 'overdue', workingDays: workingDaysAfter(last, today, calendar) };
}
