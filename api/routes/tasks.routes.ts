// Officers' inbox and decisions. A decision is an update on the step's workflow, whose validator
// refuses what the step's machine does not allow (422).
import { findTask, inbox, type TaskRow } from '../../db/queries/cases.queries';
import { delegationsInForce } from '../../db/delegations.repository';
import { communesServedBy } from '../../db/officers.repository';
import { vietnamDate } from '../../domain/calendar/vietnam-time';
import { ApiError } from '../../domain/errors';
import { Role, type Principal } from '../../domain/principal';
import { StepView } from '../../domain/procedures/views';
import { decideStep } from '../../workflows/messages';
import type { ApiDeps } from '../deps';
import { taskSummaryFor } from '../masking';
import { deadlineClock, type DeadlineClock } from '../deadline-clocks';
import { HttpProblem } from '../problem';
import { refusal } from '../../domain/procedures/refusals';
import { earlierOutcomeOrRefuse, requestAction } from '../action-requests';
import { jsonContent } from '../schemas/content';
import { defineRoute, type RouteDefinition } from '../route';
import { Decision, Inbox, InboxPage, Task, TaskParams } from '../schemas/case.schemas';
import { problemResponse } from '../schemas/problem.schemas';

/** Whom an officer stands in for today, by a supervisor's delegation (none for others). */
const standingInFor = (db: ApiDeps['db'], principal: Principal) =>
  principal.role === 'officer'
    ? delegationsInForce(db, principal.sub, vietnamDate(Date.now()))
    : Promise.resolve([]);

type StandsInFor = Awaited<ReturnType<typeof delegationsInForce>>;

/** Whether the task's assignment leaves its decision to `principal` (none: its agency's officers). */
const assignedTo = (row: TaskRow, principal: Principal, standsInFor: StandsInFor) =>
  row.assignee === null ||
  row.assignee === principal.sub ||
  standsInFor.some((d) => d.delegator === row.assignee && d.commune === row.jurisdiction);

/** A task row as `principal` sees it in an inbox. */
export function toTask(
  row: TaskRow,
  principal: Principal,
  clock: DeadlineClock,
  standsInFor: StandsInFor = [],
) {
  const reading = clock(row.deadline, row.state);
  return {
    taskId: row.task_id,
    caseId: row.case_id,
    ...(row.case_code && { caseCode: row.case_code }),
    step: row.step,
    agency: row.agency,
    jurisdiction: row.jurisdiction,
    state: row.state,
    deadline: row.deadline,
    overdue: row.deadline !== null && Date.parse(row.deadline) < Date.now(),
    ...(reading && { clock: reading }),
    atRisk: row.view.reminded === true && !row.breached,
    breached: row.breached,
    summary: taskSummaryFor(principal, row.summary),
    assignee: row.assignee,
    decisions: StepView.shape.decisions.safeParse(row.view.decisions).data ?? [],
    mayDecide: principal.role === 'officer' && row.open && assignedTo(row, principal, standsInFor),
  };
}

export function taskRoutes({ temporal, db }: ApiDeps): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/v1/tasks',
      operationId: 'listTasks',
      summary: 'open steps of my agency and jurisdiction, soonest deadline first',
      tags: ['tasks'],
      access: [Role.officer, Role.supervisor],
      request: { query: InboxPage },
      responses: {
        200: {
          description: 'the inbox',
          content: jsonContent(Inbox),
        },
      },
      handle: async ({ principal, query }) => {
        const [clock, communes, standsInFor] = await Promise.all([
          deadlineClock(db),
          principal.role === 'officer'
            ? communesServedBy(db, principal)
            : Promise.resolve([principal.jurisdiction]),
          standingInFor(db, principal),
        ]);
        const { rows, total } = await inbox(db, {
          communes,
          agency: principal.role === 'officer' ? principal.agency : undefined,
          procedure: query.procedure,
          state: query.state,
          overdue: query.overdue === 'true',
          assignee:
            query.assignedToMe === 'true' ? { officer: principal.sub, standsInFor } : undefined,
          limit: query.limit,
          offset: query.offset,
        });
        return {
          status: 200,
          body: { items: rows.map((row) => toTask(row, principal, clock, standsInFor)), total },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/tasks/{taskId}',
      operationId: 'readTask',
      summary:
        'one step of my agency and jurisdiction, open or decided, wherever it stands in the inbox',
      tags: ['tasks'],
      access: [Role.officer, Role.supervisor],
      request: { params: TaskParams },
      responses: {
        200: { description: 'the task', content: jsonContent(Task) },
        404: problemResponse('No such task of your agency and jurisdiction.'),
      },
      handle: async ({ params, principal }) => {
        const task = await findTask(db, params.taskId);
        const visible =
          task !== undefined &&
          (principal.role === 'officer'
            ? task.agency === principal.agency &&
              (await communesServedBy(db, principal)).includes(task.jurisdiction)
            : task.jurisdiction === principal.jurisdiction);
        if (!task || !visible) throw new HttpProblem(ApiError.NOT_FOUND);
        const [clock, standsInFor] = await Promise.all([
          deadlineClock(db),
          standingInFor(db, principal),
        ]);
        return { status: 200, body: toTask(task, principal, clock, standsInFor) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/tasks/{taskId}/decision',
      operationId: 'decideTask',
      summary: 'approve, reject, request a supplement, or return to the earlier agency',
      tags: ['tasks'],
      access: [Role.officer],
      idempotent: true,
      request: { params: TaskParams, body: Decision },
      responses: {
        200: {
          description: 'the step after the decision',
          content: jsonContent(StepView),
        },
        403: problemResponse('The task is assigned to another officer.'),
        404: problemResponse('No such task in your agency and jurisdiction.'),
        422: problemResponse('The step does not allow this decision now.'),
      },
      handle: async ({ params, body, principal, requestId }) => {
        const task = await findTask(db, params.taskId);
        if (
          !task ||
          task.agency !== principal.agency ||
          !(await communesServedBy(db, principal)).includes(task.jurisdiction)
        ) {
          throw new HttpProblem(ApiError.NOT_FOUND);
        }
        // Assigned: its assignee's alone — or the officer's standing in for them in its commune
        // today (a supervisor's delegation) — until a supervisor gives it to someone else.
        // Delegations are read only for a task given to someone else.
        const givenElsewhere = task.assignee !== null && task.assignee !== principal.sub;
        const standsInFor = givenElsewhere ? await standingInFor(db, principal) : [];
        if (!assignedTo(task, principal, standsInFor)) {
          throw new HttpProblem(ApiError.FORBIDDEN, {
            vi: `việc này đã được giao cho cán bộ ${task.assignee}: chỉ người được giao (hoặc người được ủy quyền thay) mới được quyết định, trừ khi lãnh đạo giao lại`,
            en: `this task is assigned to ${task.assignee}: only its assignee (or whoever stands in for them) decides it, unless a supervisor reassigns it`,
          });
        }
        const handle = temporal.workflow.getHandle(task.task_id);
        if (!task.open) {
          const earlier = await earlierOutcomeOrRefuse<StepView>(
            db,
            [handle],
            requestId,
            refusal('stepAlready', { state: task.state }),
          );
          return { status: 200, body: earlier, caseId: task.case_id };
        }
        const step = await requestAction(
          db,
          handle,
          decideStep,
          { ...body, officer: principal.sub },
          requestId,
        );
        return { status: 200, body: step, caseId: task.case_id };
      },
    }),
  ];
}
