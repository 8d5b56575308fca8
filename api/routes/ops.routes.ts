// Operations: the cases no person on them can move (domain/stuck-cases.ts), for administrators
// everywhere and supervisors in their commune. The list is read from PostgreSQL: overdue cases and
// refused projections directly, failing workflow tasks as the background scan found them
// (api/stuck-scan.ts) — a request never describes workflows itself.
import { stuckCases, type StuckRow } from '../../db/queries/stuck-cases.queries';
import { ApiError } from '../../domain/errors';
import { Role } from '../../domain/principal';
import { StuckReason } from '../../domain/stuck-cases';
import type { ApiDeps } from '../deps';
import { HttpProblem, ONLY_OWN_COMMUNE } from '../problem';
import { jsonContent } from '../schemas/content';
import { problemResponse } from '../schemas/problem.schemas';
import { defineRoute, type RouteDefinition } from '../route';
import { StuckCaseList, StuckCaseQuery } from '../schemas/stuck.schemas';
import { DEFAULT_STUCK_SETTINGS } from '../stuck-scan';

type Facts = StuckRow['reasons'][number]['facts'];

const instant = (value: Facts[string] | undefined) =>
  typeof value === 'string' ? new Date(value).toISOString() : 'unknown';

/** One line per reason from its facts: ids, codes and times, nothing people typed. */
const DETAIL: Record<StuckReason, (facts: Facts) => string> = {
  [StuckReason.TASK_FAILING]: (f) =>
    `workflow ${String(f.workflowId)}: workflow task attempt ${String(f.attempt)}`,
  [StuckReason.OVERDUE_NO_PROGRESS]: (f) =>
    `legal deadline ${instant(f.deadline)} passed; last progress ${instant(f.lastProgress)}`,
  [StuckReason.PROJECTION_REFUSED]: (f) =>
    `${String(f.kind)} of ${String(f.workflowId)} refused ${String(f.count)} time(s), ` +
    `SQLSTATE ${String(f.sqlstate)}, last ${instant(f.lastSeen)}`,
  [StuckReason.NOT_STARTED]: (f) =>
    `workflow not started after ${String(f.attempts)} attempt(s); next ${instant(f.nextAttempt)}`,
};

const toStuckCase = (row: StuckRow) => ({
  caseId: row.case_id,
  procedure: row.procedure,
  commune: row.commune,
  status: row.status,
  since: row.since,
  reasons: row.reasons.map((r) => ({
    code: r.reason,
    since: r.since,
    detail: DETAIL[r.reason](r.facts),
  })),
});

export function opsRoutes({ db, stuckDeadlineMarginHours }: ApiDeps): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/v1/ops/stuck-cases',
      operationId: 'listStuckCases',
      summary: 'cases that are stuck, with why and since when',
      description:
        'A case is stuck when Temporal keeps failing one of its workflow tasks (TASK_FAILING, ' +
        'found by a background scan of quiet cases), when it is past its deadline plus a margin ' +
        'with no progress since the deadline (OVERDUE_NO_PROGRESS), or when PostgreSQL refused a ' +
        'projection of it (PROJECTION_REFUSED), or when it was filed but its workflow has not ' +
        'started for minutes (NOT_STARTED). Longest stuck first.',
      tags: ['operations'],
      access: [Role.supervisor, Role.admin],
      request: { query: StuckCaseQuery },
      responses: {
        200: { description: 'longest stuck first', content: jsonContent(StuckCaseList) },
        403: problemResponse('A supervisor sees only their own commune.'),
      },
      handle: async ({ query, principal }) => {
        const commune = principal.role === 'admin' ? query.commune : principal.jurisdiction;
        if (query.commune && commune !== query.commune)
          throw new HttpProblem(ApiError.FORBIDDEN, ONLY_OWN_COMMUNE);
        const { total, items } = await stuckCases(db, {
          deadlineMarginHours:
            stuckDeadlineMarginHours ?? DEFAULT_STUCK_SETTINGS.deadlineMarginHours,
          commune,
          limit: query.limit,
          offset: query.offset,
        });
        return { status: 200, body: { total, items: items.map(toStuckCase) } };
      },
    }),
  ];
}
