// Vietnam's working calendar for public offices, day by day with the source of each: the statutory
// public holidays (the Labour Code in force that year; lunar dates from the maintained date-holidays
// library), the compensatory day for a holiday on a weekly rest day, and the year's official notices
// (notices.ts), which place Tết and the National Day break and swap working days. Notices are data in
// PostgreSQL (migration 0015); this file only knows the statute.
// Not for workflows (the library is large): the API builds a calendar snapshot into each case's input,
// and sends running cases a new one when a notice is published (api/calendar-delivery.ts).
import Holidays from 'date-holidays';
import { versionInForce, type Versioned } from '../rule-versions';
import { Holiday, type CalendarNotice } from './notices';
import { VIETNAM_UTC_OFFSET_MINUTES } from './vietnam-time';
import type { IsoDate, WorkingCalendar } from './working-days';

export { vietnamDate, vietnamDateTime } from './vietnam-time';

/** The Labour Code's holiday rules, by the date each took effect (DOMAIN.md §2D). */
export interface StatutoryHolidays extends Versioned {
  /** Article listing the public holidays. */
  holidaysArticle: string;
  /** Article compensating a holiday that falls on a weekly rest day with the next working day. */
  compensationArticle: string;
  /** Tết Nguyên đán: days off (the eve and the days after it when no notice places them). */
  tetDays: number;
  /** National Day: 2 September alone, or with one adjacent day. */
  nationalDayDays: 1 | 2;
}

export const STATUTORY_HOLIDAYS: readonly StatutoryHolidays[] = [
  {
    // Bộ luật Lao động 10/2012/QH13, in force 01/05/2013 (Art. 115: Tết 5 days, 2/9 one day).
    effectiveFrom: '2013-05-01',
    source: 'Bộ luật Lao động 10/2012/QH13',
    holidaysArticle: 'Art. 115(1)',
    compensationArticle: 'Art. 115(3)',
    tetDays: 5,
    nationalDayDays: 1,
  },
  {
    // DOMAIN.md §2D (C): 2 September plus one day immediately before or after it, since 01/01/2021.
    effectiveFrom: '2021-01-01',
    source: 'Bộ luật Lao động 45/2019/QH14',
    holidaysArticle: 'Art. 112(1)',
    compensationArticle: 'Art. 111(3)',
    tetDays: 5,
    nationalDayDays: 2,
  },
];

/** One day of the year that is not as the week would have it, and why. */
export interface CalendarDay {
  date: IsoDate;
  kind: 'day_off' | 'working_day';
  name: string;
  holiday?: Holiday;
  /** The law (with article) or the notice (number, issuer, where to read it) it comes from. */
  source: string;
  /** Not yet fixed by a notice: the statutory rule's placement, which a notice may still move. */
  provisional: boolean;
  /** The notice it comes from (its id), when it comes from one. */
  noticeId?: number;
}

const CUTOFF_MINUTES = 15 * 60;
const CLOSING_MINUTES = 17 * 60;
const DAY_MS = 86_400_000;

const addDays = (date: IsoDate, days: number): IsoDate =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const weekday = (date: IsoDate) => new Date(`${date}T00:00:00Z`).getUTCDay();
const isWeekend = (date: IsoDate) => weekday(date) === 0 || weekday(date) === 6;

/** The lunar holidays' solar dates: the first day of Tết and the Hùng Kings' day. */
interface LunarDates {
  tet: IsoDate;
  hungKings: IsoDate;
}

/**
 * Each year's lunar dates, worked out once per process: the library's lunar conversion costs tens of
 * milliseconds a year, and every filing builds a calendar of two years (the API's filing p99 at
 * 20/s was 10 s while it ran per filing). A year's lunar dates never change.
 */
const lunarYears = new Map<number, LunarDates>();

/** The lunar holidays' solar dates of `year`. */
function lunarDates(year: number): LunarDates {
  const known = lunarYears.get(year);
  if (known) return known;
  const found = new Holidays('VN').getHolidays(year).filter((h) => h.type === 'public');
  const named = (name: string) => found.find((h) => h.name === name)?.date.slice(0, 10);
  const tet = named('Tết Nguyên Đán');
  const hungKings = named('Giỗ tổ Hùng Vương');
  if (!tet || !hungKings) throw new RangeError(`no lunar holidays known for ${year}`);
  const dates = { tet, hungKings };
  lunarYears.set(year, dates);
  return dates;
}

/**
 * The day adjacent to 2 September when no notice names it: the weekday beside it that joins the break
 * to a weekend (Monday or Friday), else the day before. It matches every notice from 2021 to 2026
 * (2021: Fri 3/9; 2022: Thu 1/9; 2023: Fri 1/9; 2024: Tue 3/9; 2025: Mon 1/9; 2026: Tue 1/9).
 */
function nationalDayNeighbour(year: number): IsoDate {
  const day = `${year}-09-02`;
  const [before, after] = [addDays(day, -1), addDays(day, 1)];
  const weekdays = [before, after].filter((d) => !isWeekend(d));
  const bridging = weekdays.find((d) => weekday(d) === 1 || weekday(d) === 5);
  return bridging ?? weekdays[0] ?? before;
}

/** The statute's days off for `year`, each with its holiday and article, before compensation. */
function statutoryDays(year: number, law: StatutoryHolidays): CalendarDay[] {
  const cite = `${law.source}, ${law.holidaysArticle}`;
  const fixed = (date: IsoDate, holiday: Holiday, name: string, provisional = false) => ({
    date,
    kind: 'day_off' as const,
    holiday,
    name,
    source: cite,
    provisional,
  });
  const { tet, hungKings } = lunarDates(year);
  // Tết: the eve and the days after it (as every notice since 2021 placed it), until a notice says.
  const tetSpan = Array.from({ length: law.tetDays }, (_, i) => addDays(tet, i - 1));
  return [
    fixed(`${year}-01-01`, Holiday.newYear, 'Tết Dương lịch'),
    ...tetSpan.map((d) => fixed(d, Holiday.tet, 'Tết Nguyên đán', true)),
    fixed(hungKings, Holiday.hungKings, 'Giỗ Tổ Hùng Vương (10/3 âm lịch)'),
    fixed(`${year}-04-30`, Holiday.reunification, 'Ngày Chiến thắng (30/4)'),
    fixed(`${year}-05-01`, Holiday.labour, 'Ngày Quốc tế Lao động (1/5)'),
    fixed(`${year}-09-02`, Holiday.nationalDay, 'Quốc khánh (2/9)'),
    ...(law.nationalDayDays === 2
      ? [fixed(nationalDayNeighbour(year), Holiday.nationalDay, 'Quốc khánh (ngày liền kề)', true)]
      : []),
  ];
}

/** Compensatory days: each holiday on a Saturday or Sunday gives the next working day off. */
function compensated(days: CalendarDay[], law: StatutoryHolidays): CalendarDay[] {
  const off = new Set(days.map((d) => d.date));
  const added: CalendarDay[] = [];
  for (const day of [...days].sort((a, b) => a.date.localeCompare(b.date))) {
    if (!isWeekend(day.date)) continue;
    let next = addDays(day.date, 1);
    while (isWeekend(next) || off.has(next)) next = addDays(next, 1);
    off.add(next);
    added.push({
      ...day,
      date: next,
      name: `Nghỉ bù ${day.name} (${day.date})`,
      source: `${law.source}, ${law.compensationArticle}`,
    });
  }
  return added;
}

/**
 * Every day off and make-up working day of `year`: the statute, then its notices in the order they
 * were recorded. A notice that places a holiday replaces the statute's days (and compensatory days)
 * for it — the notice already gives what a weekend cost; a later notice for the same holiday replaces
 * an earlier one, and a make-up day lasts as long as the day it makes up for is off.
 */
export function calendarYear(year: number, notices: readonly CalendarNotice[] = []): CalendarDay[] {
  const law = versionInForce(STATUTORY_HOLIDAYS, `${year}-12-31`);
  const ofYear = notices.filter((n) => n.year === year).sort((a, b) => a.id - b.id);
  const placedBy = new Map<Holiday, CalendarNotice>();
  for (const notice of ofYear) notice.daysOff.forEach((d) => placedBy.set(d.holiday, notice));

  const statute = statutoryDays(year, law);
  const days = [...statute, ...compensated(statute, law)].filter(
    (d) => d.holiday === undefined || !placedBy.has(d.holiday),
  );
  for (const [holiday, notice] of placedBy) {
    const source = noticeSource(notice);
    for (const d of notice.daysOff.filter((day) => day.holiday === holiday))
      days.push({
        ...d,
        kind: 'day_off',
        source,
        provisional: notice.provisional,
        noticeId: notice.id,
      });
  }
  // A make-up day stands while the day it makes up for is off (a later notice may undo the swap).
  const off = new Set(days.map((d) => d.date));
  for (const notice of ofYear)
    for (const d of notice.makeUpDays.filter((day) => off.has(day.replaces)))
      days.push({
        date: d.date,
        kind: 'working_day',
        name: `Làm bù cho ngày ${d.replaces}`,
        source: noticeSource(notice),
        provisional: notice.provisional,
        noticeId: notice.id,
      });
  return days.sort((a, b) => a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind));
}

const noticeSource = (n: CalendarNotice): string =>
  [n.number && `Thông báo ${n.number}`, n.issuer, n.issuedOn && `ngày ${n.issuedOn}`, n.source]
    .filter(Boolean)
    .join(', ');

/**
 * The working calendar for `years` from the statute and the notices given. Its `revision` is the
 * latest notice it was built with: a running case takes a calendar only newer than its own.
 */
export function vietnamCalendar(
  years: readonly number[],
  notices: readonly CalendarNotice[] = [],
): WorkingCalendar {
  const days = years.flatMap((year) => calendarYear(year, notices));
  const revision = Math.max(0, ...notices.map((n) => n.id));
  return {
    utcOffsetMinutes: VIETNAM_UTC_OFFSET_MINUTES,
    cutoffMinutes: CUTOFF_MINUTES,
    closingMinutes: CLOSING_MINUTES,
    daysOff: [...new Set(days.filter((d) => d.kind === 'day_off').map((d) => d.date))].sort(),
    workingWeekendDays: [
      ...new Set(days.filter((d) => d.kind === 'working_day').map((d) => d.date)),
    ].sort(),
    ...(revision > 0 && { revision }),
  };
}
