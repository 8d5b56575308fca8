// The plain, serialisable views a procedure shows: one step, one case with its timeline. Workflows
// return them from their single query; the read model stores them; the API documents and serves them.
import { z } from 'zod';
import { Agency } from '../principal';
import { OfficerDecision, StepStatus } from './agency-step.machine';
import { CaseStatus } from './case-status';

const values = <T extends Record<string, string>>(o: T) =>
  Object.values(o) as [T[keyof T], ...T[keyof T][]];
const Instant = z.iso.datetime({ offset: true });

/** The documents' example: a Group A case whose birth is registered, the other two steps under way. */
const CASE_ID = 'birth-residence-insurance:CS-2026-000001';
const BIRTH_STEP = {
  step: 'birth',
  agency: 'civil-status',
  workflowId: `${CASE_ID}:birth`,
  status: 'completed',
  state: 'completed',
  resent: 0,
  reminded: false,
  breached: false,
  result: { pin: '001226000123', extractNumber: 'KS-00004-2026-000042' },
  version: 4,
} as const;
const RESIDENCE_STEP = {
  step: 'residence',
  agency: 'police',
  workflowId: `${CASE_ID}:residence`,
  status: 'in_review',
  state: 'in_review',
  deadline: '2026-11-27T10:00:00.000Z',
  resent: 0,
  reminded: false,
  breached: false,
  version: 2,
} as const;
const INSURANCE_STEP = {
  step: 'insurance',
  agency: 'social-insurance',
  workflowId: `${CASE_ID}:insurance`,
  status: 'waiting_agency',
  state: 'waiting_agency',
  deadline: '2026-11-25T10:00:00.000Z',
  resent: 0,
  reminded: false,
  breached: false,
  version: 2,
} as const;
const TIMELINE = [
  { at: '2026-11-20T02:15:00.000Z', event: 'received' },
  { at: '2026-11-20T02:15:01.000Z', event: 'in_review', step: 'birth' },
  { at: '2026-11-20T03:40:12.000Z', event: 'completed', step: 'birth' },
  { at: '2026-11-20T03:40:13.000Z', event: 'in_review', step: 'residence' },
  { at: '2026-11-20T03:40:13.000Z', event: 'waiting_agency', step: 'insurance' },
] as const;

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
    reasonCode: z
      .string()
      .optional()
      .describe('why the step ended without its result: an agency’s or the engine’s code'),
    reason: z.string().optional().describe('the words of whoever refused, returned or failed it'),
    decisions: z
      .array(z.enum(OfficerDecision))
      .optional()
      .describe('the decisions an officer may take now (none unless the step is in review)'),
    missing: z.array(z.string()).optional().describe('what the citizen must still supply'),
    supplementDue: Instant.optional(),
    rejectBy: Instant.optional().describe(
      'the agency may reject the file as invalid until then (BHXH: 1 working day, DOMAIN.md §2A)',
    ),
    startedAt: Instant.optional().describe(
      'when the step began; absent on views projected before the field existed',
    ),
    endedAt: Instant.optional().describe(
      'when the step reached its end (decided, cancelled, skipped); absent while it runs',
    ),
    version: z.number().int().describe('increases with every change'),
  })
  .meta({ id: 'StepView', examples: [BIRTH_STEP, RESIDENCE_STEP] });
export type StepView = z.infer<typeof StepView>;

export const TimelineEntry = z
  .object({
    at: Instant,
    event: z.string(),
    step: z.string().optional(),
    detail: z.string().optional(),
  })
  .meta({ id: 'TimelineEntry', examples: [TIMELINE[2]] });
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const PayeeConfirmations = z
  .object({
    payeePin: z.string().describe('the one relative to be paid'),
    required: z.array(z.string()).describe('PINs of the adult relatives who must confirm'),
    confirmed: z.array(z.string()),
    declaration: z
      .string()
      .optional()
      .describe('Form 09-HSB (a document reference), in review or replacing the confirmations'),
    declarationReview: z
      .object({
        state: z.enum(['in_review', 'approved', 'rejected']),
        reason: z.string().optional().describe('why the officer rejected it'),
      })
      .optional()
      .describe(
        'a BHXH officer verifies the declaration before it replaces the confirmations; ' +
          'absent on a declaration accepted before that review existed',
      ),
    due: Instant,
    state: z
      .enum(['awaiting', 'confirmed', 'expired', 'closed'])
      .describe('closed: the case ended before the payee mattered'),
  })
  .meta({
    id: 'PayeeConfirmations',
    examples: [
      {
        payeePin: '001162000111',
        required: ['001162000111', '001090000222'],
        confirmed: ['001162000111'],
        due: '2026-12-15T10:00:00.000Z',
        state: 'awaiting',
      },
    ],
  });
export type PayeeConfirmations = z.infer<typeof PayeeConfirmations>;

export const CaseView = z
  .object({
    caseId: z.string(),
    caseCode: z
      .string()
      .optional()
      .describe(
        'human-readable code on the desk receipt, e.g. KS-00004-2612-000123 (absent on cases filed before it was given)',
      ),
    procedure: z.string(),
    status: z.enum(values(CaseStatus)),
    receivedAt: Instant,
    commune: z.string(),
    deadline: Instant.describe('legal deadline of the whole case'),
    deadlineStatus: z
      .enum(['on_time', 'at_risk', 'breached'])
      .optional()
      .describe(
        'the whole case against its legal deadline (Group A, DOMAIN.md §2A): at_risk once the ' +
          'reminder went out, breached (escalated to the supervisor) once it passed undecided; ' +
          'absent on cases filed before it was kept',
      ),
    steps: z.array(StepView),
    timeline: z.array(TimelineEntry),
    payee: PayeeConfirmations.optional().describe('lump-sum survivor allowance only'),
    reason: z
      .object({ code: z.string(), reason: z.string() })
      .optional()
      .describe('why the case ended without its first record (rejected), or was withdrawn'),
    annulment: z
      .object({ ruling: z.string(), court: z.string(), date: z.iso.date(), reason: z.string() })
      .optional()
      .describe('the court ruling that annulled the declaration of death'),
    version: z.number().int(),
  })
  .meta({
    id: 'CaseView',
    examples: [
      {
        caseId: CASE_ID,
        procedure: 'birth-residence-insurance',
        status: 'in_progress',
        receivedAt: '2026-11-20T02:15:00.000Z',
        commune: '00004',
        deadline: '2026-11-27T10:00:00.000Z',
        steps: [BIRTH_STEP, RESIDENCE_STEP, INSURANCE_STEP],
        timeline: TIMELINE,
        version: 8,
      },
    ],
  });
export type CaseView = z.infer<typeof CaseView>;
