import { z } from 'zod';
import { STUCK_REASONS } from '../../domain/stuck-cases';
import { EXAMPLE_CASE_ID, queryInteger, statuses } from './case.schemas';

export const StuckCaseQuery = z.object({
  commune: z
    .string()
    .regex(/^\d{5}$/)
    .optional()
    .describe('receiving commune (admins; supervisors see their own)')
    .meta({ example: '00004' }),
  limit: queryInteger(1, 100, 20, 'page size'),
  offset: queryInteger(0, 100_000, 0, 'cases to skip'),
});

const EXAMPLE = {
  caseId: EXAMPLE_CASE_ID,
  procedure: 'birth-residence-insurance',
  commune: '00004',
  status: 'in_progress',
  since: '2026-11-27T10:00:00.000Z',
  reasons: [
    {
      code: 'OVERDUE_NO_PROGRESS',
      since: '2026-11-27T10:00:00.000Z',
      detail:
        'legal deadline 2026-11-27T10:00:00.000Z passed; last progress 2026-11-20T03:40:13.000Z',
    },
    {
      code: 'TASK_FAILING',
      since: '2026-11-28T01:00:00.000Z',
      detail: `workflow ${EXAMPLE_CASE_ID}:residence: workflow task attempt 7`,
    },
  ],
} as const;

export const StuckCase = z
  .object({
    caseId: z.string(),
    procedure: z.string().nullable(),
    commune: z.string().nullable(),
    status: z.enum(statuses).nullable().describe('as the read model has it; null: never projected'),
    since: z.string().describe('when the earliest of its reasons began'),
    reasons: z
      .array(
        z.object({
          code: z
            .enum(STUCK_REASONS)
            .describe(
              'TASK_FAILING: Temporal keeps failing a workflow task of the case · ' +
                'OVERDUE_NO_PROGRESS: past its deadline plus the margin, nothing since the deadline · ' +
                'PROJECTION_REFUSED: PostgreSQL refused a projection of the case · ' +
                'NOT_STARTED: filed, its workflow not started for minutes',
            ),
          since: z.string(),
          detail: z.string().describe('ids, codes and times only: no personal data'),
        }),
      )
      .min(1),
  })
  .meta({ id: 'StuckCase', examples: [EXAMPLE] });

export const StuckCaseList = z
  .object({
    total: z.number().int().describe('stuck cases, over every page'),
    items: z.array(StuckCase),
  })
  .meta({ id: 'StuckCaseList', examples: [{ total: 1, items: [EXAMPLE] }] });
