import { z } from 'zod';

export const SelfCheckParams = z.object({
  checkId: z
    .uuid()
    .describe('id returned when the check started')
    .meta({ example: '6f1c0b8e-3b5e-4a57-9d7e-1c2b3a4d5e6f' }),
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
  .meta({
    id: 'SelfCheck',
    examples: [
      {
        checkId: '6f1c0b8e-3b5e-4a57-9d7e-1c2b3a4d5e6f',
        workflowId: 'self-check:6f1c0b8e-3b5e-4a57-9d7e-1c2b3a4d5e6f',
        status: 'recorded',
        recordedAt: '2026-11-22T09:00:01.250Z',
      },
    ],
  });
