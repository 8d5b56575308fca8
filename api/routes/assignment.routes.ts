// Supervisors give an open task of their jurisdiction to one officer (DESIGN.md §3: reassignment),
// who must be an active officer of the task's agency and jurisdiction in the officer directory
// (migration 0012). The assignee is kept in the read model beside the step's projection, and only
// they may then decide the task (api/routes/tasks.routes.ts) until a supervisor reassigns it; the
// step's workflow is not told, since who decides does not change what may be decided.
import { z } from 'zod';
import { isOfficerOf } from '../../db/officers.repository';
import { assignTask, assignTasks, findTask, findTasks } from '../../db/queries/cases.queries';
import { ApiError } from '../../domain/errors';
import { Role } from '../../domain/principal';
import type { ApiDeps } from '../deps';
import { deadlineClock } from '../deadline-clocks';
import { refusal, refusalWords } from '../../domain/procedures/refusals';
import { HttpProblem } from '../problem';
import { jsonContent } from '../schemas/content';
import { defineRoute, type RouteDefinition } from '../route';
import { EXAMPLE_TASK, Task, TaskParams } from '../schemas/case.schemas';
import { problemResponse } from '../schemas/problem.schemas';
import { safeWord } from '../schemas/text';
import { toTask } from './tasks.routes';
import { rule } from '../../domain/rule-texts';

export const Assignment = z
  .object({
    officer: safeWord(200).describe('the officer’s `sub`, as in their token'),
  })
  .meta({ id: 'Assignment', examples: [{ officer: 'officer-civil-status-2' }] });

export const AssignedTask = Task.extend({
  assignee: z.string().describe('the officer now responsible for the task'),
  assignedBy: z.string().describe('the supervisor who assigned it'),
  assignedAt: z.iso.datetime({ offset: true }),
}).meta({
  id: 'AssignedTask',
  examples: [
    {
      ...EXAMPLE_TASK,
      assignee: 'officer-civil-status-2',
      assignedBy: 'supervisor-00004',
      assignedAt: '2026-11-22T03:00:00.000Z',
    },
  ],
});

export const BulkAssignment = z
  .object({
    officer: safeWord(200).describe('the officer’s `sub`, as in their token'),
    taskIds: z
      .array(safeWord(300))
      .min(1)
      .max(100)
      .refine((ids) => new Set(ids).size === ids.length, rule('eachTaskOnce'))
      .describe('open tasks of my commune, all given to the officer or none'),
  })
  .meta({
    id: 'BulkAssignment',
    examples: [
      {
        officer: 'officer-civil-status-2',
        taskIds: ['birth-residence-insurance:CS-1:birth', 'birth-residence-insurance:CS-2:birth'],
      },
    ],
  });

export const AssignedTasks = z.object({ items: z.array(AssignedTask) }).meta({
  id: 'AssignedTasks',
  description: 'every task given, with its new assignee',
  examples: [
    {
      items: [
        {
          ...EXAMPLE_TASK,
          assignee: 'officer-civil-status-2',
          assignedBy: 'supervisor-00004',
          assignedAt: '2026-11-22T03:00:00.000Z',
        },
      ],
    },
  ],
});

export function assignmentRoutes({ db }: ApiDeps): RouteDefinition[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/tasks/assignments',
      operationId: 'assignTasks',
      summary: 'give several open tasks of my jurisdiction to one officer, all or none',
      description:
        'For an officer who is away, or a backlog to share out: every task must be open, of my ' +
        'commune, and of an agency the officer serves there in the directory; otherwise none is ' +
        'given and 422 names each task refused and why.',
      tags: ['tasks'],
      access: [Role.supervisor],
      idempotent: true,
      request: { body: BulkAssignment },
      responses: {
        200: {
          description: 'every task with its new assignee',
          content: jsonContent(AssignedTasks),
        },
        422: problemResponse(
          'Some task is not open, not of your commune, or not the officer’s agency.',
        ),
      },
      handle: async ({ body, principal }) => {
        const found = new Map(
          (await findTasks(db, body.taskIds)).map((task) => [task.task_id, task]),
        );
        const agencies = [...new Set([...found.values()].map((task) => task.agency))];
        const serves = new Map(
          await Promise.all(
            agencies.map(
              async (agency) =>
                [
                  agency,
                  await isOfficerOf(db, body.officer, {
                    agency,
                    jurisdiction: principal.jurisdiction,
                  }),
                ] as const,
            ),
          ),
        );
        const refusals = body.taskIds.flatMap((taskId, i) => {
          const task = found.get(taskId);
          const why =
            !task || task.jurisdiction !== principal.jurisdiction
              ? { vi: 'không có việc này ở xã/phường của bạn', en: 'no such task in your commune' }
              : !task.open
                ? refusalWords(refusal('stepAlready', { state: task.state }))
                : !serves.get(task.agency)
                  ? {
                      vi: `'${body.officer}' không phải cán bộ đang công tác của ${task.agency} tại đây`,
                      en: `'${body.officer}' is not an active ${task.agency} officer here`,
                    }
                  : undefined;
          return why ? [{ in: 'body' as const, pointer: `/taskIds/${i}`, detail: why }] : [];
        });
        const assigned =
          refusals.length === 0
            ? await assignTasks(db, {
                taskIds: body.taskIds,
                jurisdiction: principal.jurisdiction,
                officer: body.officer,
                by: principal.sub,
              })
            : undefined;
        if (!assigned)
          throw new HttpProblem(
            ApiError.UNPROCESSABLE,
            {
              vi: 'không giao việc nào: có việc không giao được',
              en: 'no task was given: some cannot be',
            },
            { errors: refusals },
          );
        const clock = await deadlineClock(db);
        return {
          status: 200,
          body: {
            items: assigned.map((task) => ({
              ...toTask(task, principal, clock),
              assignee: body.officer,
              assignedBy: principal.sub,
              assignedAt: task.assigned_at,
            })),
          },
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/tasks/{taskId}/assignment',
      operationId: 'assignTask',
      summary: 'give an open task of my jurisdiction to an officer',
      description:
        'The task stays in its agency’s inbox, marked with its assignee; assigning again replaces ' +
        'the assignee. Only open tasks (in review, or awaiting a supplement) can be assigned.',
      tags: ['tasks'],
      access: [Role.supervisor],
      idempotent: true,
      request: { params: TaskParams, body: Assignment },
      responses: {
        200: { description: 'the task with its new assignee', content: jsonContent(AssignedTask) },
        404: problemResponse('No such task in your jurisdiction.'),
        422: problemResponse(
          'The task is closed, or the officer is not an active officer of its agency and ' +
            'jurisdiction in the directory.',
        ),
      },
      handle: async ({ params, body, principal }) => {
        const task = await findTask(db, params.taskId);
        if (!task || task.jurisdiction !== principal.jurisdiction)
          throw new HttpProblem(ApiError.NOT_FOUND);
        if (!(await isOfficerOf(db, body.officer, task))) {
          throw new HttpProblem(ApiError.UNPROCESSABLE, {
            vi: `'${body.officer}' không phải cán bộ đang công tác của ${task.agency} tại ${task.jurisdiction} trong danh bạ cán bộ`,
            en: `'${body.officer}' is not an active ${task.agency} officer of ${task.jurisdiction} in the officer directory`,
          });
        }
        const assigned = await assignTask(db, {
          taskId: task.task_id,
          jurisdiction: principal.jurisdiction,
          officer: body.officer,
          by: principal.sub,
        });
        // Closed before, or between the read and the write.
        if (!assigned)
          throw new HttpProblem(
            ApiError.UNPROCESSABLE,
            refusalWords(refusal('stepAlready', { state: task.state })),
          );
        return {
          status: 200,
          caseId: assigned.case_id,
          body: {
            ...toTask(assigned, principal, await deadlineClock(db)),
            assignee: body.officer,
            assignedBy: principal.sub,
            assignedAt: assigned.assigned_at,
          },
        };
      },
    }),
  ];
}
