import { z } from 'zod';
import { GROUP_A_PROCEDURE } from '../../domain/BirthApplication';
import { GROUP_B_PROCEDURE } from '../../domain/DeathApplication';
import { Attachments } from '../../domain/application-fields';
import { parseCaseCode } from '../../domain/case-code';
import { OfficerDecision } from '../../domain/procedures/agency-step.machine';
import { CaseStatus } from '../../domain/procedures/case-status';
import { readAs, safeText } from './text';
import { rule } from '../../domain/rule-texts';

/** The case of the documents' example application (EXAMPLE_BIRTH_APPLICATION). */
export const EXAMPLE_CASE_ID = 'birth-residence-insurance:CS-2026-000001';
const EXAMPLE_TASK_ID = `${EXAMPLE_CASE_ID}:birth`;

// A business key's later filings (after a withdrawal or rejection) are `<first id>~<n>` (api/filing.ts).
export const CaseParams = z.object({
  caseId: z
    .string()
    .regex(/^[a-z-]+:[A-Z0-9/.-]{4,30}(~[1-9]\d{0,3})?$/, rule('caseId'))
    .describe('case id, returned when the application was filed')
    .meta({ example: EXAMPLE_CASE_ID }),
});

export const FiledCase = z
  .object({
    caseId: z.string(),
    caseCode: z
      .string()
      .describe('the code on the desk receipt, to quote and search by (KS-00004-2612-000123)'),
    status: z.literal('submitted'),
    previousCaseId: z
      .string()
      .optional()
      .describe('a refiling: the earlier case of the same business key, withdrawn or rejected'),
  })
  .meta({
    id: 'FiledCase',
    examples: [{ caseId: EXAMPLE_CASE_ID, caseCode: 'KS-00004-2612-000123', status: 'submitted' }],
  });

export const Withdrawal = z
  .object({ reason: safeText(3, 500, 'several lines') })
  .meta({ id: 'Withdrawal', examples: [{ reason: 'the family will file at another commune' }] });

export const Supplement = z
  .object({
    documents: z
      .array(safeText(1, 300).describe('a document the answer names (or says it brings)'))
      .max(20)
      .default([]),
    attachments: Attachments.optional(),
  })
  .refine((answer) => answer.documents.length > 0 || answer.attachments !== undefined, {
    message: rule('documentOrFile'),
    path: ['documents'],
  })
  .meta({
    id: 'Supplement',
    examples: [
      { documents: ['giay-chung-sinh-ban-sao.pdf'] },
      {
        documents: ['Bản sao giấy chứng sinh'],
        attachments: [{ uploadId: '0b7d3c1e-6a7f-4a39-9d5e-2f4b8c1a9e60' }],
      },
    ],
  });

export const statuses = Object.values(CaseStatus) as [CaseStatus, ...CaseStatus[]];

/** A whole number in a query string, documented as the integer it is (not `integer | null`). */
export const queryInteger = (
  minimum: number,
  maximum: number,
  fallback: number,
  description: string,
) =>
  z.coerce
    .number()
    .int()
    .min(minimum)
    .max(maximum)
    .default(fallback)
    // zod-to-openapi calls a field nullable when `null` parses, which coercion makes true for 0.
    .meta({ type: 'integer', minimum, maximum, default: fallback, description });

/** A calendar day PostgreSQL can compare with (it has no year 0). */
const SearchDate = z.iso
  .date()
  .regex(/^(19|2\d)\d\d-/, rule('yearFrom1900'))
  .meta({ format: 'date' });

export const CaseSearch = z.object({
  procedure: z
    .enum([GROUP_A_PROCEDURE, GROUP_B_PROCEDURE])
    .optional()
    .describe('procedure id')
    .meta({ example: GROUP_A_PROCEDURE }),
  status: z.enum(statuses).optional().meta({ example: 'in_progress' }),
  commune: z
    .string()
    .regex(/^\d{5}$/)
    .optional()
    .describe('receiving commune (admins; others see their own)')
    .meta({ example: '00004' }),
  overdue: z.enum(['true', 'false']).optional().describe('only cases past their legal deadline'),
  breached: z
    .enum(['true', 'false'])
    .optional()
    .describe('only cases whose legal deadline passed before they ended (recorded, kept after)'),
  from: SearchDate.optional().describe('received on or after').meta({ example: '2026-11-01' }),
  to: SearchDate.optional().describe('received before').meta({ example: '2026-12-01' }),
  code: z
    .string()
    .max(40)
    .transform(readAs(parseCaseCode, rule('caseCode')))
    .optional()
    .describe('the code on the desk receipt (any letter case)')
    .meta({ example: 'KS-00004-2612-000123' }),
  q: safeText(2, 100)
    .optional()
    .describe(
      'one box: a personal ID number (anyone the case names), a case code, or part of a name — ' +
        'accents and letter case ignored ("nguyen van a" finds "Nguyễn Văn A")',
    )
    .meta({ example: 'nguyen minh an' }),
  limit: queryInteger(1, 100, 20, 'page size'),
  offset: queryInteger(0, 100_000, 0, 'cases to skip'),
});

const EXAMPLE_SUMMARY = {
  caseId: EXAMPLE_CASE_ID,
  procedure: 'birth-residence-insurance',
  status: 'in_progress',
  commune: '00004',
  receivedAt: '2026-11-20T02:15:00.000Z',
  deadline: '2026-11-27T10:00:00.000Z',
  overdue: false,
  breached: false,
} as const;

export const CaseSummary = z
  .object({
    caseId: z.string(),
    caseCode: z.string().optional().describe('the code on the desk receipt'),
    name: z
      .string()
      .optional()
      .describe('whom the case is about: the child, the deceased (cases filed before: absent)'),
    procedure: z.string(),
    status: z.enum(statuses),
    commune: z.string(),
    receivedAt: z.string(),
    deadline: z.string(),
    overdue: z.boolean(),
    breached: z
      .boolean()
      .describe('its legal deadline passed before it ended: escalated to the supervisor, recorded'),
  })
  .meta({ id: 'CaseSummary', examples: [EXAMPLE_SUMMARY] });

export const CaseList = z
  .object({
    total: z.number().int().describe('cases matching, over every page'),
    items: z.array(CaseSummary),
  })
  .meta({ id: 'CaseList', examples: [{ total: 1, items: [EXAMPLE_SUMMARY] }] });

export const TaskParams = z.object({
  taskId: z
    .string()
    .regex(/^[a-z-]+:[A-Z0-9/.-]{4,30}(~[1-9]\d{0,3})?:[a-z-]+$/, rule('taskId'))
    .describe('task id, as listed in the inbox: the step’s own workflow, `<caseId>:<step>`')
    .meta({ example: EXAMPLE_TASK_ID }),
});

export const EXAMPLE_TASK = {
  taskId: EXAMPLE_TASK_ID,
  caseId: EXAMPLE_CASE_ID,
  step: 'birth',
  agency: 'civil-status',
  jurisdiction: '00004',
  state: 'in_review',
  deadline: '2026-11-24T10:00:00.000Z',
  overdue: false,
  atRisk: false,
  breached: false,
  summary: {
    certificateNumber: 'CS-2026-000001',
    child: { fullName: 'Nguyễn Minh An', dateOfBirth: '2026-11-18', sex: 'male' },
    motherName: 'Trần Thị Mai',
    address: { commune: '00004', line: '12 Phố Đội Cấn' },
  },
  assignee: null,
  decisions: ['approve', 'reject', 'request_supplement', 'return'],
  mayDecide: true,
};

/** A deadline as people read it (api/deadline-clocks.ts), in working days by the official calendar. */
export const DeadlineClock = z
  .discriminatedUnion('state', [
    z.object({
      state: z.literal('open'),
      workingDays: z
        .number()
        .int()
        .describe('working days left after today (0: today is the last)'),
    }),
    z.object({
      state: z.literal('overdue'),
      workingDays: z
        .number()
        .int()
        .describe('working days gone by since the last day (0: it passed today or on days off)'),
    }),
    z.object({ state: z.literal('paused').describe('stopped while the citizen supplements') }),
  ])
  .meta({ id: 'DeadlineClock', example: { state: 'open', workingDays: 2 } });

export const Task = z
  .object({
    taskId: z.string(),
    caseId: z.string(),
    caseCode: z
      .string()
      .optional()
      .describe('the case’s readable code (cases filed before it: none)'),
    step: z.string(),
    agency: z.string(),
    jurisdiction: z.string(),
    state: z.string(),
    deadline: z.string().nullable(),
    overdue: z.boolean(),
    clock: DeadlineClock.optional().describe('its deadline in working days; absent: none'),
    atRisk: z.boolean().describe('close to its deadline (officers reminded), not yet breached'),
    breached: z.boolean(),
    summary: z.record(z.string(), z.unknown()).describe('what the agency needs to decide'),
    assignee: z.string().nullable().describe('the officer a supervisor gave it to, if any'),
    decisions: z
      .array(z.enum(OfficerDecision))
      .describe('the decisions the step allows now (no return on a procedure’s first step)'),
    mayDecide: z
      .boolean()
      .describe(
        'the caller may decide it now: an officer of it, open, and not given to someone else ' +
          'they do not stand in for (a supervisor’s delegation)',
      ),
  })
  .meta({ id: 'Task', examples: [EXAMPLE_TASK] });

/** One page of an inbox: soonest deadline first. */
export const InboxPage = z.object({
  limit: queryInteger(1, 200, 50, 'page size'),
  offset: queryInteger(0, 100_000, 0, 'tasks to skip'),
  procedure: z
    .enum([GROUP_A_PROCEDURE, GROUP_B_PROCEDURE])
    .optional()
    .describe('tasks of this procedure’s cases only'),
  state: z
    .enum(['pending', 'waiting_agency', 'in_review', 'awaiting_supplement'])
    .optional()
    .describe('tasks whose step is in this state only'),
  overdue: z.enum(['true', 'false']).optional().describe('true: only tasks past their deadline'),
  assignedToMe: z
    .enum(['true', 'false'])
    .optional()
    .describe('true: only tasks a supervisor gave the caller'),
});

export const Inbox = z
  .object({
    items: z.array(Task),
    total: z.number().int().describe('how many tasks the filters find, on every page'),
  })
  .meta({
    id: 'Inbox',
    description: 'open steps, soonest deadline first',
    examples: [{ items: [EXAMPLE_TASK], total: 1 }],
  });

export const Decision = z
  .discriminatedUnion('decision', [
    z.object({ decision: z.literal('approve') }),
    z.object({ decision: z.literal('reject'), reason: safeText(3, 500, 'several lines') }),
    z.object({
      decision: z.literal('request_supplement'),
      missing: z.array(safeText(2, 200)).min(1).max(20),
    }),
    z.object({ decision: z.literal('return'), reason: safeText(3, 500, 'several lines') }),
  ])
  .meta({
    id: 'Decision',
    examples: [
      { decision: 'approve' },
      { decision: 'request_supplement', missing: ['bản sao giấy chứng sinh có chữ ký số'] },
    ],
  });
