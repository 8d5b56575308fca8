// The working calendar as the API shows it (GET /v1/calendar/{year}) and the notices admins add
// (POST /v1/calendar/notices); domain/calendar/notices.ts holds the notice's own schema.
import { z } from 'zod';
import { CalendarNoticeInput, Holiday } from '../../domain/calendar/notices';

export const CalendarYearParams = z.object({
  year: z.coerce.number().int().min(2013).max(2999).meta({ type: 'integer', example: 2026 }),
});

export const CalendarDayView = z
  .object({
    date: z.iso.date(),
    kind: z.enum(['day_off', 'working_day']).describe('a day off, or a weekend day worked'),
    name: z.string(),
    holiday: z.enum(Object.values(Holiday) as [Holiday, ...Holiday[]]).optional(),
    source: z
      .string()
      .describe('the law and article, or the notice (number, issuer, where to read it)'),
    provisional: z.boolean().describe('the statute’s placement; a notice may still move it'),
    noticeId: z.number().int().optional(),
  })
  .meta({ id: 'CalendarDay' });

export const CalendarNoticeView = z
  .object({
    id: z.number().int(),
    number: z.string().nullable(),
    issuer: z.string(),
    issuedOn: z.iso.date().nullable(),
    year: z.number().int(),
    provisional: z.boolean(),
    source: z.string(),
    recordedBy: z.string(),
    recordedAt: z.string(),
  })
  .meta({ id: 'CalendarNotice' });

const EXAMPLE_NOTICE = {
  id: 2,
  number: '9441/TB-BNV',
  issuer: 'Bộ Nội vụ',
  issuedOn: '2025-10-16',
  year: 2026,
  provisional: false,
  source: 'Thông báo 9441/TB-BNV (16/10/2025), DOMAIN.md §2D',
  recordedBy: 'seed',
  recordedAt: '2026-12-03T02:00:00.000Z',
};

export const CalendarYearView = z
  .object({
    year: z.number().int(),
    law: z.string().describe('the Labour Code in force that year, with its holiday articles'),
    days: z.array(CalendarDayView).describe('each day off and make-up working day, by date'),
    notices: z.array(CalendarNoticeView),
  })
  .meta({
    id: 'CalendarYear',
    examples: [
      {
        year: 2026,
        law: 'Bộ luật Lao động 2019 (45/2019/QH14), Art. 111(3), 112',
        days: [
          {
            date: '2026-02-16',
            kind: 'day_off',
            name: 'Tết Nguyên đán',
            holiday: 'tet',
            source: 'Thông báo 9441/TB-BNV (16/10/2025)',
            provisional: false,
            noticeId: 2,
          },
          {
            date: '2026-08-22',
            kind: 'working_day',
            name: 'làm bù cho thứ Hai 31/8',
            holiday: 'national-day',
            source: 'Thông báo 9441/TB-BNV (16/10/2025)',
            provisional: false,
            noticeId: 2,
          },
        ],
        notices: [EXAMPLE_NOTICE],
      },
    ],
  });

export const NewCalendarNotice = CalendarNoticeInput;

export const CalendarNoticeRecorded = z
  .object({
    notice: CalendarNoticeView,
    casesToTell: z.number().int().describe('open cases of its years that must hear of it'),
    casesTold: z
      .number()
      .int()
      .describe('of them (and any still owed earlier notices), signalled now'),
  })
  .meta({
    id: 'CalendarNoticeRecorded',
    examples: [{ notice: EXAMPLE_NOTICE, casesToTell: 12, casesTold: 12 }],
  });
