// The plain, serialisable views a procedure shows: one step, one case with its timeline. Workflows
// return them from their single query; the read model stores them; the API documents and serves them.
import { z } from 'zod';
import { Agency } from '../principal';
import { StepStatus } from './agency-step.machine';
import { CaseStatus } from './case-status';

const values = <T extends Record<string, string>>(o: T) =>
  Object.values(o) as [T[keyof T], ...T[keyof T][]];
const Instant = z.iso.datetime({ offset: true });

export const StepView = z
  .object({
    step: z
      .string()
      .describe(
        'birth · residence · insurance; death · residence-removal · funeral · survivor · pension-stop',
      ),
    agency: z.enum(values(Agency)),
    workflowId: z.string().describe('the step’s own workflow'),
    status: z.enum(values(StepStatus)),
    state: z.enum([
      'pending',
      'waiting_agency',
      'in_review',
      'awaiting_supplement',
      'returned',
      'completed',
      'rejected',
      'cancelled',
      'skipped',
      'compensated',
    ]),
    deadline: Instant.optional().describe('legal deadline; absent while the clock is paused'),
    resent: z.number().int().describe('times the step was sent again after a return'),
    reminded: z.boolean().describe('the deadline is near: officers were reminded (at risk)'),
    breached: z.boolean().describe('the deadline passed before the step was decided'),
    result: z
      .record(z.string(), z.string())
      .optional()
      .describe('PIN, extract number, card number…'),
    reason: z.string().optional(),
    missing: z.array(z.string()).optional().describe('what the citizen must still supply'),
    supplementDue: Instant.optional(),
    version: z.number().int().describe('increases with every change'),
  })
  .meta({ id: 'StepView' });
export type StepView = z.infer<typeof StepView>;

export const TimelineEntry = z
  .object({
    at: Instant,
    event: z.string(),
    step: z.string().optional(),
    detail: z.string().optional(),
  })
  .meta({ id: 'TimelineEntry' });
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const PayeeConfirmations = z
  .object({
    payeePin: z.string().describe('the one relative to be paid'),
    required: z.array(z.string()).describe('PINs of the adult relatives who must confirm'),
    confirmed: z.array(z.string()),
    declaration: z.string().optional().describe('Form 09-HSB, instead of the confirmations'),
    due: Instant,
    state: z.enum(['awaiting', 'confirmed', 'expired']),
  })
  .meta({ id: 'PayeeConfirmations' });
export type PayeeConfirmations = z.infer<typeof PayeeConfirmations>;

export const CaseView = z
  .object({
    caseId: z.string(),
    procedure: z.string(),
    status: z.enum(values(CaseStatus)),
    receivedAt: Instant,
    commune: z.string(),
    deadline: Instant.describe('legal deadline of the whole case'),
    steps: z.array(StepView),
    timeline: z.array(TimelineEntry),
    payee: PayeeConfirmations.optional().describe('lump-sum survivor allowance only'),
    annulment: z
      .object({ ruling: z.string(), court: z.string(), date: z.iso.date(), reason: z.string() })
      .optional()
      .describe('the court ruling that annulled the declaration of death'),
    version: z.number().int(),
  })
  .meta({ id: 'CaseView' });
export type CaseView = z.infer<typeof CaseView>;
