// Supervisors give an open task of their jurisdiction to one officer (DESIGN.md §3: reassignment),
// who must be an active officer of the task's agency and jurisdiction in the officer directory
// (migration 0012). The assignee is kept in the read model beside the step's projection, and only
// they may then decide the task (api/routes/tasks.routes.ts) until a supervisor reassigns it; the
// step's workflow is not told, since who decides does not change what may be decided.
import { z } from 'zod';
import { isOfficerOf } from '../../db/officers.repository';
import { assignTask, findTask } from '../../db/queries/cases.queries';
import { ApiError } from '../../domain/errors';
import { Role } from '../../domain/principal';
import type { ApiDeps } from '../deps';
import { deadlineClock } from '../deadline-clocks';
import { HttpProblem } from '../problem';
import { jsonContent } from '../schemas/content';
import { defineRoute, type RouteDefinition } from '../route';
import { EXAMPLE_TASK, Task, TaskParams } from '../schemas/case.schemas';
import { problemResponse } from '../schemas/problem.schemas';
import { safeWord } from '../schemas/text';
import { toTask } from './tasks.routes';

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

export function assignmentRoutes({ db }: ApiDeps): RouteDefinition[] {
  return [
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
        if (!assigned) throw new HttpProblem(ApiError.UNPROCESSABLE, `the step is ${task.state}`);
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
