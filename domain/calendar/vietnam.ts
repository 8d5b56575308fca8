// Vietnam's working calendar: statutory public holidays from a maintained library (date-holidays,
// which knows the lunar dates of Tết and the Hùng Kings' day), the compensatory day for a holiday that
// falls on a weekend, plus each year's official days off and make-up working days, which the Ministry
// of Home Affairs announces yearly. That last part is configuration: add a year when its notice is out.
// Not for workflows (the library is large): the API builds a calendar snapshot into each case's input.
import Holidays from 'date-holidays';
import { nextWorkingDay, type IsoDate, type WorkingCalendar } from './working-days';

export interface OfficialYear {
  year: number;
  /** Extra days off on weekdays (the full Tết span, bridge days, the day adjacent to 2/9). */
  daysOff: IsoDate[];
  /** Saturdays or Sundays worked to make up for a bridge day. */
  makeUpWorkingDays: IsoDate[];
  /** Where the dates come from, and how sure we are (DOMAIN.md confidence marks). */
  source: string;
}

/** Official notices per year. (S): press reports of the notices; check against the notice itself. */
export const OFFICIAL_YEARS: readonly OfficialYear[] = [
  {
    year: 2025,
    daysOff: [
      ...range('2025-01-27', '2025-01-31'), // Tết Ất Tỵ: 25/01–02/02 with the weekends
      '2025-05-02', // bridge day after 30/4–1/5, made up on Saturday 26/04
      '2025-09-01', // the day adjacent to National Day
    ],
    makeUpWorkingDays: ['2025-04-26'],
    source: 'MOHA notices for 2025, as reported by the press (S)',
  },
  {
    year: 2026,
    daysOff: [...range('2026-02-16', '2026-02-20')], // Tết Bính Ngọ: 14/02–22/02 with the weekends
    makeUpWorkingDays: [],
    source: 'MOHA proposal for Tết 2026, as reported by the press (S)',
  },
];

/** Statutory Tết when no official notice is configured: New Year's Eve and the first 4 days (U). */
const DEFAULT_TET_DAYS_AFTER_NEW_YEAR = 3;

const CUTOFF_MINUTES = 15 * 60;
const CLOSING_MINUTES = 17 * 60;
const VIETNAM_UTC_OFFSET_MINUTES = 7 * 60;

function range(from: IsoDate, to: IsoDate): IsoDate[] {
  const days: IsoDate[] = [];
  for (
    let t = Date.parse(`${from}T00:00:00Z`);
    t <= Date.parse(`${to}T00:00:00Z`);
    t += 86_400_000
  ) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

function statutoryHolidays(year: number): { date: IsoDate; name: string }[] {
  return new Holidays('VN')
    .getHolidays(year)
    .filter((holiday) => holiday.type === 'public')
    .map((holiday) => ({ date: holiday.date.slice(0, 10), name: holiday.name }));
}

const isTet = (name: string) => name.includes('Tết Nguyên Đán');

/** The local (Vietnam) date at `instantMs`. */
export const vietnamDate = (instantMs: number): IsoDate =>
  new Date(instantMs + VIETNAM_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);

/** The working calendar for `years`, from statutory holidays and the official notices given. */
export function vietnamCalendar(
  years: readonly number[],
  official: readonly OfficialYear[] = OFFICIAL_YEARS,
): WorkingCalendar {
  const daysOff = new Set<IsoDate>();
  const makeUp = new Set<IsoDate>();
  const compensable: IsoDate[] = [];
  for (const year of years) {
    const notice = official.find((o) => o.year === year);
    const statutory = statutoryHolidays(year);
    statutory.forEach((h) => daysOff.add(h.date));
    if (notice) {
      notice.daysOff.forEach((d) => daysOff.add(d));
      notice.makeUpWorkingDays.forEach((d) => makeUp.add(d));
    } else {
      const newYear = statutory.find((h) => h.name === 'Tết Nguyên Đán');
      if (newYear) {
        range(newYear.date, addDays(newYear.date, DEFAULT_TET_DAYS_AFTER_NEW_YEAR)).forEach((d) =>
          daysOff.add(d),
        );
      }
    }
    // A notice already places the whole Tết span; other holidays still compensate a lost weekend.
    compensable.push(...statutory.filter((h) => !(notice && isTet(h.name))).map((h) => h.date));
  }
  const base: WorkingCalendar = {
    utcOffsetMinutes: VIETNAM_UTC_OFFSET_MINUTES,
    cutoffMinutes: CUTOFF_MINUTES,
    closingMinutes: CLOSING_MINUTES,
    daysOff: [...daysOff].sort(),
    workingWeekendDays: [...makeUp].sort(),
  };
  // A holiday on a Saturday or Sunday gives a compensatory day off on the next working day.
  const compensatory = compensable.filter(isWeekend).map((d) => nextWorkingDay(d, base));
  return { ...base, daysOff: [...new Set([...base.daysOff, ...compensatory])].sort() };
}

function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function isWeekend(date: IsoDate): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}
