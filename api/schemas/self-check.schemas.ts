import { z } from 'zod';

export const SelfCheckParams = z.object({
  checkId: z.uuid().describe('id returned when the check started'),
});

export const SelfCheckView = z
  .object({
    checkId: z.uuid(),
    workflowId: z.string(),
    status: z
      .enum(['running', 'recorded'])
      .describe('recorded once the worker’s activity has written the row to PostgreSQL'),
    recordedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .meta({ id: 'SelfCheck' });
