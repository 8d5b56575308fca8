// The supervisors' compliance reports as the API shows them (api/routes/reports.routes.ts).
import { z } from 'zod';
import { LocalDate } from '../../domain/application-fields';
import { Agency, CommuneCode } from '../../domain/principal';
import { rule } from '../../domain/rule-texts';

const agencies = Object.values(Agency) as [Agency, ...Agency[]];

export const ComplianceQuery = z
  .object({
    from: LocalDate.describe('the first day counted (Vietnam), YYYY-MM-DD'),
    to: LocalDate.describe('the last day counted (Vietnam), YYYY-MM-DD'),
    agency: z.enum(agencies).optional().describe('one agency’s steps only'),
    commune: CommuneCode.optional().describe(
      'one commune (a supervisor: their own, the default); all communes by default for an admin',
    ),
  })
  .refine((q) => q.from <= q.to, { message: rule('periodOrder'), path: ['to'] });

const EXAMPLE_ROW = {
  agency: 'civil-status',
  step: 'birth',
  decided: 412,
  onTime: 398,
  onTimeRate: 0.966,
  medianHours: 5.5,
  p90Hours: 27.2,
  open: 17,
  overdue: 2,
};

const hours = z.number().nullable().describe('hours, one decimal; null when none was decided');

export const ComplianceRow = z
  .object({
    agency: z.string(),
    step: z.string(),
    decided: z.number().int().describe('steps decided (approved or rejected) in the period'),
    onTime: z.number().int().describe('of those, decided before their deadline'),
    onTimeRate: z.number().nullable().describe('onTime / decided, 0–1; null when none decided'),
    medianHours: hours.describe('median time from the step’s start to its decision'),
    p90Hours: hours.describe('90th percentile of that time'),
    open: z.number().int().describe('steps under way at the period’s end (or now, if sooner)'),
    overdue: z.number().int().describe('of those, past their deadline then'),
  })
  .meta({ id: 'ComplianceRow', examples: [EXAMPLE_ROW] });

export const ComplianceReport = z
  .object({
    from: LocalDate,
    to: LocalDate,
    asOf: z.iso.datetime().describe('when open and overdue were counted: the period’s end or now'),
    commune: CommuneCode.nullable().describe('null: every commune'),
    agency: z.string().nullable(),
    rows: z.array(ComplianceRow).describe('per agency and step'),
    days: z
      .array(
        z.object({
          day: LocalDate,
          agency: z.string(),
          decided: z.number().int(),
          onTime: z.number().int(),
        }),
      )
      .describe('decisions per day (Vietnam) and agency: the chart'),
  })
  .meta({
    id: 'ComplianceReport',
    description: 'deadline compliance for a period, computed from every step (not a sample)',
    examples: [
      {
        from: '2026-11-01',
        to: '2026-11-30',
        asOf: '2026-11-30T17:00:00.000Z',
        commune: '00004',
        agency: null,
        rows: [EXAMPLE_ROW],
        days: [{ day: '2026-11-02', agency: 'civil-status', decided: 14, onTime: 14 }],
      },
    ],
  });

export const MonthParams = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, rule('month'))
    .describe('YYYY-MM')
    .meta({ example: '2026-11' }),
});

export const MonthlyReportList = z
  .object({
    items: z.array(z.object({ month: z.string(), producedAt: z.iso.datetime({ offset: true }) })),
  })
  .meta({
    id: 'MonthlyReportList',
    description: 'months produced, latest first',
    examples: [{ items: [{ month: '2026-11', producedAt: '2026-11-30T18:00:03.512Z' }] }],
  });

export const MonthlyReport = z
  .object({
    month: z.string(),
    producedAt: z.iso.datetime({ offset: true }),
    rows: z.array(ComplianceRow.extend({ commune: CommuneCode })),
  })
  .meta({
    id: 'MonthlyReport',
    description: 'the report the monthly schedule produced: the caller’s communes’ rows',
    examples: [
      {
        month: '2026-11',
        producedAt: '2026-11-30T18:00:03.512Z',
        rows: [{ commune: '00004', ...EXAMPLE_ROW }],
      },
    ],
  });

export const MonthlyReportQuery = z.object({
  commune: CommuneCode.optional().describe('an admin’s choice of one commune'),
});
