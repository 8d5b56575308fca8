// Reporting periods in Vietnam's days (UTC+7, no daylight saving): a report "for November" counts
// what happened from 1 November 00:00 to 1 December 00:00 in Vietnam, whatever the server's zone.
import type { IsoDate } from './calendar/working-days';
import { vietnamDate } from './calendar/vietnam-time';

export interface Period {
  /** The first instant in the period. */
  from: Date;
  /** The first instant after it. */
  to: Date;
}

/** `YYYY-MM`. */
export type Month = string;

const midnight = (date: IsoDate): Date => new Date(`${date}T00:00:00+07:00`);

const nextDay = (date: IsoDate): IsoDate =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** From the first day's start to the last day's end, both days included. */
export const periodOfDays = (first: IsoDate, last: IsoDate): Period => ({
  from: midnight(first),
  to: midnight(nextDay(last)),
});

const monthAfter = (month: Month): Month => {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
};

export const periodOfMonth = (month: Month): Period => ({
  from: midnight(`${month}-01`),
  to: midnight(`${monthAfter(month)}-01`),
});

/** The month before the one `instantMs` falls in, in Vietnam: the one a monthly report covers. */
export function monthBefore(instantMs: number): Month {
  const [year, m] = vietnamDate(instantMs).split('-').map(Number) as [number, number];
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}
