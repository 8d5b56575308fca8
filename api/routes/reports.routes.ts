// Supervisors' compliance reports (issue 22, item 8): figures computed in PostgreSQL for any period
// (db/queries/compliance.queries.ts), and the monthly reports the schedule keeps (migration 0028) —
// as JSON, or as CSV for a spreadsheet (`Accept: text/csv`). A supervisor sees their commune only.
import type { Request } from 'express';
import { stringify } from 'csv-stringify/sync';
import {
  complianceFigures,
  dailyDecisions,
  findMonthlyReport,
  listMonthlyReports,
  type ComplianceFigures,
} from '../../db/queries/compliance.queries';
import { ApiError } from '../../domain/errors';
import { Role, type Principal } from '../../domain/principal';
import { periodOfDays } from '../../domain/reporting-period';
import type { ApiDeps } from '../deps';
import { HttpProblem } from '../problem';
import { defineRoute, type Reply, type RouteDefinition } from '../route';
import { jsonContent } from '../schemas/content';
import { problemResponse } from '../schemas/problem.schemas';
import {
  ComplianceQuery,
  ComplianceReport,
  MonthlyReport,
  MonthlyReportList,
  MonthlyReportQuery,
  MonthParams,
} from '../schemas/report.schemas';

const CSV = 'text/csv';

/** The figures with their on-time rate. */
const withRate = <F extends ComplianceFigures>(figures: F) => ({
  ...figures,
  onTimeRate: figures.decided === 0 ? null : figures.onTime / figures.decided,
});

const COLUMNS = [
  ['agency', 'agency'],
  ['step', 'step'],
  ['decided', 'decided'],
  ['onTime', 'on_time'],
  ['onTimeRate', 'on_time_rate'],
  ['medianHours', 'median_hours'],
  ['p90Hours', 'p90_hours'],
  ['open', 'open'],
  ['overdue', 'overdue'],
] as const;

/** One line per row, named columns first; codes and numbers only (nothing a spreadsheet runs). */
function csv(rows: readonly Record<string, unknown>[], withCommune: boolean): string {
  const columns = [...(withCommune ? [['commune', 'commune'] as const] : []), ...COLUMNS];
  return stringify(rows as Record<string, unknown>[], {
    header: true,
    columns: columns.map(([key, header]) => ({ key, header })),
    cast: { number: (n) => String(Math.round(n * 1000) / 1000) },
  });
}

const wantsCsv = (req: Request) => req.accepts(['application/json', CSV]) === CSV;

/** The communes the caller may report on: a supervisor's own; an admin's choice, or all. */
function communesOf(
  principal: Extract<Principal, { role: 'supervisor' | 'admin' }>,
  asked?: string,
) {
  if (principal.role === 'admin') return asked === undefined ? undefined : [asked];
  if (asked !== undefined && asked !== principal.jurisdiction)
    throw new HttpProblem(ApiError.FORBIDDEN, {
      vi: 'lãnh đạo chỉ xem báo cáo của xã mình',
      en: 'a supervisor reports on their own commune only',
    });
  return [principal.jurisdiction];
}

const reportContent = (schema: Parameters<typeof jsonContent>[0], example: string) => ({
  ...jsonContent(schema),
  [CSV]: { schema: { type: 'string' as const, example } },
});

export function reportRoutes({ db }: ApiDeps): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/v1/reports/compliance',
      operationId: 'complianceReport',
      summary: 'deadline compliance for a period: on-time rate, time per step, open and overdue',
      description:
        'Computed from every step in the read model. `Accept: text/csv` gives the rows as CSV ' +
        '(a download named after the period).',
      tags: ['reports'],
      access: [Role.supervisor, Role.admin],
      request: { query: ComplianceQuery },
      responses: {
        200: {
          description: 'per agency and step',
          content: reportContent(ComplianceReport, 'agency,step,decided,on_time,…'),
        },
        403: problemResponse('Another commune than the supervisor’s.'),
      },
      handle: async ({ query, principal, req }): Promise<Reply> => {
        const communes = communesOf(principal, query.commune);
        const period = periodOfDays(query.from, query.to);
        const scope = { ...period, communes, agency: query.agency };
        const [figures, days] = await Promise.all([
          complianceFigures(db, scope),
          dailyDecisions(db, scope),
        ]);
        const rows = figures.map(withRate);
        if (wantsCsv(req))
          return {
            status: 200,
            contentType: `${CSV}; charset=utf-8`,
            headers: {
              'Content-Disposition': `attachment; filename="compliance-${query.from}-${query.to}.csv"`,
            },
            body: csv(rows, false),
          };
        return {
          status: 200,
          body: {
            from: query.from,
            to: query.to,
            asOf: new Date(Math.min(period.to.getTime(), Date.now())).toISOString(),
            commune: communes?.[0] ?? null,
            agency: query.agency ?? null,
            rows,
            days,
          },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/reports/compliance/monthly',
      operationId: 'listMonthlyReports',
      summary: 'the monthly compliance reports produced so far',
      tags: ['reports'],
      access: [Role.supervisor, Role.admin],
      responses: { 200: { description: 'latest first', content: jsonContent(MonthlyReportList) } },
      handle: async () => ({ status: 200, body: { items: await listMonthlyReports(db) } }),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/reports/compliance/monthly/{month}',
      operationId: 'getMonthlyReport',
      summary: 'a monthly compliance report, as the schedule produced it',
      description: 'A supervisor gets their commune’s rows; `Accept: text/csv` gives them as CSV.',
      tags: ['reports'],
      access: [Role.supervisor, Role.admin],
      request: { params: MonthParams, query: MonthlyReportQuery },
      responses: {
        200: {
          description: 'per commune, agency and step',
          content: reportContent(MonthlyReport, 'commune,agency,step,decided,…'),
        },
        403: problemResponse('Another commune than the supervisor’s.'),
        404: problemResponse('The month has not been produced.'),
      },
      handle: async ({ params, query, principal, req }): Promise<Reply> => {
        const report = await findMonthlyReport(
          db,
          params.month,
          communesOf(principal, query.commune),
        );
        if (!report) throw new HttpProblem(ApiError.NOT_FOUND);
        const rows = report.rows.map(withRate);
        if (wantsCsv(req))
          return {
            status: 200,
            contentType: `${CSV}; charset=utf-8`,
            headers: {
              'Content-Disposition': `attachment; filename="compliance-${params.month}.csv"`,
            },
            body: csv(rows, true),
          };
        return { status: 200, body: { ...report, rows } };
      },
    }),
  ];
}
