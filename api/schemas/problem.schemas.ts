import { z } from 'zod';
import { ApiError } from '../../domain/errors';

export const Problem = z
  .object({
    type: z.string().describe('URI reference naming the kind of problem'),
    title: z.string().describe('short summary, Vietnamese unless English was asked for'),
    status: z.number().int(),
    code: z.enum(Object.values(ApiError) as [ApiError, ...ApiError[]]),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z
      .array(
        z.object({
          in: z.enum(['body', 'query', 'params', 'headers']),
          pointer: z.string().describe('JSON pointer into that part of the request'),
          detail: z.string(),
        }),
      )
      .optional()
      .describe('every validation issue, for 400 responses'),
    caseId: z.string().optional().describe('the case that already exists, for 409 on filing'),
    maxBytes: z.number().int().optional().describe('the largest file accepted, for 413 on upload'),
  })
  .meta({
    id: 'Problem',
    description: 'RFC 9457 problem details',
    examples: [
      {
        type: '/problems/API.VALIDATION',
        title: 'Dữ liệu không hợp lệ',
        status: 400,
        code: 'API.VALIDATION',
        detail: '1 trường không hợp lệ',
        instance: '/v1/cases',
        requestId: '6f1c0b8e-3b5e-4a57-9d7e-1c2b3a4d5e6f',
        errors: [{ in: 'body', pointer: '/child/dateOfBirth', detail: 'is in the future' }],
      },
    ],
  });

/** An OpenAPI response whose body is a problem. */
export const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});
