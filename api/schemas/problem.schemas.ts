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
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

/** An OpenAPI response whose body is a problem. */
export const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});
