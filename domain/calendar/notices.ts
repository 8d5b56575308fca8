// An official notice on the year's days off for public offices (DOMAIN.md §2D): each year the
// ministry (MOLISA until 02/2025, Home Affairs since) places Tết and the National Day break, may swap a
// working day to join a holiday to a weekend, and names the Saturday on which it is made up. Notices
// are data (the API's `calendar_notices` table, migration 0015), added by an admin when published;
// the statutory rules they refine are in statutory.ts.
import { z } from 'zod';
import { rule, ruleIssue } from '../rule-texts';
import { refuseUnsafeCharacters } from '../safe-text';
import type { IsoDate, WorkingCalendar } from './working-days';

/** The statutory holidays a notice may place (Labour Code 2019 Art. 112(1)), and a swapped day. */
export const Holiday = {
  newYear: 'new-year',
  tet: 'tet',
  hungKings: 'hung-kings',
  reunification: 'reunification',
  labour: 'labour',
  nationalDay: 'national-day',
} as const;
export type Holiday = (typeof Holiday)[keyof typeof Holiday];
const holidays = Object.values(Holiday) as [Holiday, ...Holiday[]];

const CalendarDate = z.iso
  .date()
  .regex(/^2\d{3}-/, rule('yearFrom2000'))
  .meta({ format: 'date' });

export const NoticeDayOff = z.object({
  date: CalendarDate,
  holiday: z
    .enum(holidays)
    .describe(
      'the holiday this day belongs to: the notice replaces the statute’s placement of it ' +
        '(its days and its compensatory days) for the year',
    ),
  name: refuseUnsafeCharacters(z.string())
    .min(1)
    .max(200)
    .describe('as the notice says it (Vietnamese)'),
});

export const NoticeMakeUpDay = z.object({
  date: CalendarDate.describe('a Saturday or Sunday worked'),
  replaces: CalendarDate.describe('the weekday it makes up for (swapped to join a holiday)'),
});

/** A notice as an admin enters it (POST /v1/calendar/notices) and as the calendar reads it. */
export const CalendarNoticeInput = z
  .object({
    number: refuseUnsafeCharacters(z.string())
      .min(1)
      .max(100)
      .nullable()
      .describe('e.g. 9441/TB-BNV; null: no notice'),
    issuer: refuseUnsafeCharacters(z.string())
      .min(1)
      .max(200)
      .describe('the issuing body, e.g. Bộ Nội vụ'),
    issuedOn: CalendarDate.nullable().describe('the date the notice was issued'),
    year: z.number().int().min(2000).max(2999),
    provisional: z
      .boolean()
      .describe('true: no notice yet, the statutory rule applies and may still change'),
    source: refuseUnsafeCharacters(z.string())
      .min(1)
      .max(1000)
      .describe('where the notice can be read (a URL or citation)'),
    daysOff: z.array(NoticeDayOff).max(60),
    makeUpDays: z.array(NoticeMakeUpDay).max(20),
  })
  .superRefine((notice, ctx) => {
    const outside = (date: IsoDate, path: (string | number)[]) => {
      if (!date.startsWith(`${notice.year}-`))
        ctx.addIssue({
          code: 'custom',
          ...ruleIssue('noticeYear', { date, year: notice.year }),
          path,
        });
    };
    notice.daysOff.forEach((day, i) => outside(day.date, ['daysOff', i, 'date']));
    notice.makeUpDays.forEach((day, i) => {
      outside(day.date, ['makeUpDays', i, 'date']);
      const weekday = new Date(`${day.date}T00:00:00Z`).getUTCDay();
      if (weekday !== 0 && weekday !== 6)
        ctx.addIssue({
          code: 'custom',
          ...ruleIssue('makeUpWeekday', { date: day.date }),
          path: ['makeUpDays', i, 'date'],
        });
    });
  })
  .meta({
    id: 'CalendarNoticeInput',
    examples: [
      {
        number: '1234/TB-BNV',
        issuer: 'Bộ Nội vụ',
        issuedOn: '2026-10-20',
        year: 2027,
        provisional: false,
        source: 'ví dụ: thông báo của Bộ Nội vụ về lịch nghỉ Tết Âm lịch 2027 (example)',
        daysOff: [
          { date: '2027-02-05', holiday: 'tet', name: 'Tết Nguyên đán (29 tháng Chạp)' },
          { date: '2027-02-08', holiday: 'tet', name: 'Tết Nguyên đán (mùng 3)' },
        ],
        makeUpDays: [],
      },
    ],
  });
export type CalendarNoticeInput = z.infer<typeof CalendarNoticeInput>;

/** A notice as stored: `id` orders notices (a later one wins) and is the calendar's revision. */
export interface CalendarNotice extends CalendarNoticeInput {
  id: number;
}

/** What a running case hears when a notice for one of its years is published (workflows/messages). */
export interface CalendarChange {
  /** The case's calendar with the notice in it; `revision` says which notices it has. */
  calendar: WorkingCalendar;
  notice: Pick<CalendarNotice, 'id' | 'number' | 'issuer' | 'year' | 'provisional'>;
}
