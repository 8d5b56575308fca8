// The working calendar (issue 20): anyone may read a year's days off and make-up working days with
// the source of each; an admin records an official notice when it is published, and the open cases
// of its years hear of it (api/calendar-delivery.ts). Both calls are in the route table, so OpenAPI
// and the authorization matrix follow; the POST is audited and idempotent like the others.
import { listNotices, recordNotice, toNotice, type NoticeRow } from '../../db/calendar.repository';
import { STATUTORY_HOLIDAYS, calendarYear } from '../../domain/calendar/vietnam';
import { ApiError } from '../../domain/errors';
import { Role } from '../../domain/principal';
import { versionInForce } from '../../domain/rule-versions';
import { createCalendarDelivery } from '../calendar-delivery';
import type { ApiDeps } from '../deps';
import { HttpProblem } from '../problem';
import { defineRoute, type RouteDefinition } from '../route';
import {
  CalendarNoticeRecorded,
  CalendarYearParams,
  CalendarYearView,
  NewCalendarNotice,
} from '../schemas/calendar.schemas';
import { jsonContent } from '../schemas/content';
import { problemResponse } from '../schemas/problem.schemas';

const toNoticeView = (row: NoticeRow) => ({
  id: row.id,
  number: row.number,
  issuer: row.issuer,
  issuedOn: row.issued_on,
  year: row.year,
  provisional: row.provisional,
  source: row.source,
  recordedBy: row.recorded_by,
  recordedAt: row.recorded_at,
});

export function calendarRoutes(deps: ApiDeps): RouteDefinition[] {
  const { db } = deps;
  const delivery = createCalendarDelivery(deps);
  return [
    defineRoute({
      method: 'get',
      path: '/v1/calendar/{year}',
      operationId: 'getCalendarYear',
      summary:
        'a year’s days off and make-up working days for public offices, each with its source',
      description:
        'The statute (Labour Code, by article) with the official notices recorded for the year; ' +
        'a day the statute places and no notice has fixed yet is `provisional`.',
      tags: ['calendar'],
      access: 'public',
      request: { params: CalendarYearParams },
      responses: { 200: { description: 'by date', content: jsonContent(CalendarYearView) } },
      handle: async ({ params }) => {
        const rows = await listNotices(db, [params.year]);
        const law = versionInForce(STATUTORY_HOLIDAYS, `${params.year}-12-31`);
        return {
          status: 200,
          body: {
            year: params.year,
            law: `${law.source}: ${law.holidaysArticle}, ${law.compensationArticle}`,
            days: calendarYear(params.year, rows.map(toNotice)),
            notices: rows.map(toNoticeView),
          },
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/calendar/notices',
      operationId: 'recordCalendarNotice',
      summary: 'record an official notice on days off; the open cases of its years hear of it',
      description:
        'Each holiday the notice places replaces the statute’s days for it (list every day of ' +
        'the break, weekends included). Running cases count their pending deadlines again; ' +
        'finished steps keep their dates.',
      tags: ['calendar'],
      access: [Role.admin],
      idempotent: true,
      request: { body: NewCalendarNotice },
      responses: {
        201: { description: 'recorded', content: jsonContent(CalendarNoticeRecorded) },
        409: problemResponse('This issuer’s notice of this number is already recorded.'),
      },
      handle: async ({ body, principal }) => {
        const recorded = await recordNotice(db, body, principal.sub);
        if ('duplicate' in recorded)
          throw new HttpProblem(ApiError.CONFLICT, {
            vi: 'thông báo này của cơ quan ban hành đã được ghi nhận',
            en: 'this issuer’s notice of this number is already recorded',
          });
        // The first batch sent now; the rest, and what fails here, by the periodic delivery
        // (server.ts), never lost.
        const told = await delivery.deliver(1).catch((err: unknown) => {
          deps.logger.warn({ err }, 'calendar notice delivery failed; retried');
          return 0;
        });
        return {
          status: 201,
          body: {
            notice: toNoticeView(recorded.notice),
            casesToTell: recorded.cases,
            casesTold: told,
          },
        };
      },
    }),
  ];
}
