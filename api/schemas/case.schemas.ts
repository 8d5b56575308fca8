import { z } from 'zod';
import { CaseStatus } from '../../domain/procedures/case-status';

export const CaseParams = z.object({
  caseId: z
    .string()
    .regex(
      /^[a-z-]+:[A-Z0-9/.-]{4,30}$/,
      'a case id such as birth-residence-insurance:CS-2026-000001',
    )
    .describe('case id, returned when the application was filed'),
});

export const FiledCase = z
  .object({ caseId: z.string(), status: z.literal('submitted') })
  .meta({ id: 'FiledCase' });

export const Withdrawal = z
  .object({ reason: z.string().trim().min(3).max(500) })
  .meta({ id: 'Withdrawal' });

export const Supplement = z
  .object({
    documents: z
      .array(
        z.string().trim().min(1).max(300).describe('name or reference of an uploaded document'),
      )
      .min(1)
      .max(20),
  })
  .meta({ id: 'Supplement' });

const statuses = Object.values(CaseStatus) as [CaseStatus, ...CaseStatus[]];

export const CaseSearch = z.object({
  procedure: z.string().optional(),
  status: z.enum(statuses).optional(),
  commune: z
    .string()
    .regex(/^\d{5}$/)
    .optional(),
  overdue: z.enum(['true', 'false']).optional().describe('only cases past their legal deadline'),
  from: z.iso.date().optional().describe('received on or after'),
  to: z.iso.date().optional().describe('received before'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const CaseSummary = z
  .object({
    caseId: z.string(),
    procedure: z.string(),
    status: z.enum(statuses),
    commune: z.string(),
    receivedAt: z.string(),
    deadline: z.string(),
    overdue: z.boolean(),
  })
  .meta({ id: 'CaseSummary' });

export const CaseList = z
  .object({ total: z.number().int(), items: z.array(CaseSummary) })
  .meta({ id: 'CaseList' });

export const TaskParams = z.object({ taskId: z.string().min(3).max(200) });

export const Task = z
  .object({
    taskId: z.string(),
    caseId: z.string(),
    step: z.string(),
    agency: z.string(),
    jurisdiction: z.string(),
    state: z.string(),
    deadline: z.string().nullable(),
    overdue: z.boolean(),
    atRisk: z.boolean().describe('close to its deadline (officers reminded), not yet breached'),
    breached: z.boolean(),
    summary: z.record(z.string(), z.unknown()).describe('what the agency needs to decide'),
  })
  .meta({ id: 'Task' });

export const Decision = z
  .discriminatedUnion('decision', [
    z.object({ decision: z.literal('approve') }),
    z.object({ decision: z.literal('reject'), reason: z.string().trim().min(3).max(500) }),
    z.object({
      decision: z.literal('request_supplement'),
      missing: z.array(z.string().trim().min(2).max(200)).min(1).max(20),
    }),
    z.object({ decision: z.literal('return'), reason: z.string().trim().min(3).max(500) }),
  ])
  .meta({ id: 'Decision' });
