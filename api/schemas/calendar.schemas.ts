// The working calendar as the API shows it (GET /v1/calendar/{year}) and the notices admins add
// (POST /v1/calendar/notices); domain/calendar/notices.ts holds the notice's own schema.
import { z } from 'zod';
import { CalendarNoticeInput, Holiday } from '../../domain/calendar/notices';

export const CalendarYearParams = z.object({
  year: z.coerce.number().int().min(2013).max(2999).meta({ type: 'integer' }),
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

export const CalendarYearView = z
  .object({
    year: z.number().int(),
    law: z.string().describe('the Labour Code in force that year, with its holiday articles'),
    days: z.array(CalendarDayView).describe('each day off and make-up working day, by date'),
    notices: z.array(CalendarNoticeView),
  })
  .meta({ id: 'CalendarYear' });

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
  .meta({ id: 'CalendarNoticeRecorded' });
