// Operators' synthetic transaction: proves API → Temporal → worker → PostgreSQL → API end to end.
import { randomUUID } from 'node:crypto';
import { WorkflowIdReusePolicy } from '@temporalio/client';
import { findSelfCheck } from '../../db/queries/self-check.queries';
import { Role } from '../../domain/principal';
import { TASK_QUEUES, workflowIds } from '../../workflows/task-queues';
import type { selfCheck } from '../../workflows/self-check.workflow';
import type { ApiDeps } from '../deps';
import { jsonContent } from '../schemas/content';
import { defineRoute, type RouteDefinition } from '../route';
import { problemResponse } from '../schemas/problem.schemas';
import { SelfCheckParams, SelfCheckView } from '../schemas/self-check.schemas';

export function selfCheckRoutes({ temporal, db }: ApiDeps): RouteDefinition[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/self-checks',
      operationId: 'startSelfCheck',
      summary: 'start a self-check round trip',
      tags: ['operations'],
      access: [Role.admin],
      idempotent: true,
      responses: { 202: { description: 'started', content: jsonContent(SelfCheckView) } },
      handle: async ({ principal }) => {
        const checkId = randomUUID();
        const workflowId = workflowIds.selfCheck(checkId);
        await temporal.workflow.start<typeof selfCheck>('selfCheck', {
          taskQueue: TASK_QUEUES.orchestration,
          workflowId,
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          args: [{ checkId, requestedBy: principal.sub, requestedAt: new Date().toISOString() }],
        });
        return {
          status: 202,
          headers: { Location: `/v1/self-checks/${checkId}` },
          body: { checkId, workflowId, status: 'running' },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/self-checks/{checkId}',
      operationId: 'getSelfCheck',
      summary: 'read a self-check',
      tags: ['operations'],
      access: [Role.admin],
      request: { params: SelfCheckParams },
      responses: {
        200: { description: 'the check', content: jsonContent(SelfCheckView) },
        404: problemResponse('No such check.'),
      },
      handle: async ({ params }) => {
        const row = await findSelfCheck(db, params.checkId);
        if (row) {
          const body = {
            checkId: row.check_id,
            workflowId: row.workflow_id,
            status: 'recorded',
            recordedAt: row.recorded_at,
          };
          return { status: 200, body };
        }
        const workflowId = workflowIds.selfCheck(params.checkId);
        // Not recorded yet: it exists only if Temporal knows the workflow (else WorkflowNotFoundError → 404).
        await temporal.workflow.getHandle(workflowId).describe();
        return { status: 200, body: { checkId: params.checkId, workflowId, status: 'running' } };
      },
    }),
  ];
}
