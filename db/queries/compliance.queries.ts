// The supervisors' compliance figures (issue 22, item 8), computed in PostgreSQL from the steps' own
// times (migration 0028) for any period: per agency and step, how many were decided in the period and
// how many of those before their deadline, the median and 90th percentile of the time they took, and
// how many were still open — and past their deadline — at the period's end (or now, if sooner); and
// the monthly reports kept (db/compliance-reports.repository.ts), each commune's part.
import { z } from 'zod';
import type { Month } from '../../domain/reporting-period';
import type { Queryable } from '../pool';

/** The states a step is decided in (compensated: decided, then undone by an annulment). */
const DECIDED = `state IN ('completed', 'rejected', 'compensated')`;

export interface ComplianceScope {
  /** The period: [from, to). */
  from: Date;
  to: Date;
  /** Communes (task jurisdictions) to count; all when absent. */
  communes?: readonly string[];
  agency?: string;
}

const count = z.coerce.number().int();
const hours = z.coerce
  .number()
  .nullable()
  .transform((h) => (h === null ? null : Math.round(h * 10) / 10));

export const ComplianceFigures = z.object({
  agency: z.string(),
  step: z.string(),
  decided: count,
  onTime: count,
  /** Hours from the step's start to its decision; null when none was decided in the period. */
  medianHours: hours,
  p90Hours: hours,
  open: count,
  overdue: count,
});
export type ComplianceFigures = z.infer<typeof ComplianceFigures>;

export const CommuneComplianceFigures = ComplianceFigures.extend({ commune: z.string() });
export type CommuneComplianceFigures = z.infer<typeof CommuneComplianceFigures>;

export const DailyDecisions = z.object({
  day: z.string(),
  agency: z.string(),
  decided: count,
  onTime: count,
});
export type DailyDecisions = z.infer<typeof DailyDecisions>;

/**
 * The steps in scope that matter to the period — decided in it, or begun before its end and not yet
 * ended then — with `decided_in` and `open_then` for each. $1 from, $2 to, $3 communes, $4 agency.
 * "Then" is the period's end or now, whichever is sooner; overdue is open then with the deadline as
 * it stands now already passed then (a paused clock has none: not overdue).
 */
const STEPS_OF_PERIOD = `
  WITH bounds AS (SELECT $1::timestamptz AS from_at, least($2::timestamptz, now()) AS then_at,
                         $2::timestamptz AS to_at)
  SELECT t.jurisdiction, t.agency, t.step, t.breached, t.deadline, t.ended_at,
         extract(epoch FROM t.ended_at - t.started_at) / 3600 AS hours,
         (t.ended_at >= b.from_at AND t.ended_at < b.to_at AND t.${DECIDED}) AS decided_in,
         (t.started_at < b.then_at AND (t.ended_at IS NULL OR t.ended_at >= b.then_at)) AS open_then,
         b.then_at
    FROM tasks t, bounds b
   WHERE ($3::text[] IS NULL OR t.jurisdiction = ANY($3))
     AND ($4::text IS NULL OR t.agency = $4)
     AND ((t.ended_at >= b.from_at AND t.ended_at < b.to_at)
          OR (t.started_at < b.then_at AND t.ended_at IS NULL)
          OR (t.started_at < b.then_at AND t.ended_at >= b.then_at))`;

/** The figures grouped by `group`, selected as `columns` (the same columns, perhaps renamed). */
const figures = (columns: string, group: string) => `
  SELECT ${columns},
         count(*) FILTER (WHERE decided_in) AS decided,
         count(*) FILTER (WHERE decided_in AND NOT breached) AS "onTime",
         percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) FILTER (WHERE decided_in) AS "medianHours",
         percentile_cont(0.9) WITHIN GROUP (ORDER BY hours) FILTER (WHERE decided_in) AS "p90Hours",
         count(*) FILTER (WHERE open_then) AS open,
         count(*) FILTER (WHERE open_then AND deadline < then_at) AS overdue
    FROM (${STEPS_OF_PERIOD}) s
   GROUP BY ${group}
   ORDER BY ${group}`;

const parameters = ({ from, to, communes, agency }: ComplianceScope) => [
  from,
  to,
  communes ?? null,
  agency ?? null,
];

/** Figures per agency and step over the whole scope. */
export async function complianceFigures(
  db: Queryable,
  scope: ComplianceScope,
): Promise<ComplianceFigures[]> {
  const { rows } = await db.query(figures('agency, step', 'agency, step'), parameters(scope));
  return rows.map((row) => ComplianceFigures.parse(row));
}

/** Figures per commune, agency and step: the monthly report, which each commune reads its part of. */
export async function complianceFiguresByCommune(
  db: Queryable,
  scope: ComplianceScope,
): Promise<CommuneComplianceFigures[]> {
  const { rows } = await db.query(
    figures('jurisdiction AS commune, agency, step', 'jurisdiction, agency, step'),
    parameters(scope),
  );
  return rows.map((row) => CommuneComplianceFigures.parse(row));
}

/** Steps decided per day (in Vietnam) and agency in the period, and how many on time: the chart. */
export async function dailyDecisions(
  db: Queryable,
  scope: ComplianceScope,
): Promise<DailyDecisions[]> {
  const { rows } = await db.query(
    `SELECT to_char(ended_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS day, agency,
            count(*) AS decided, count(*) FILTER (WHERE NOT breached) AS "onTime"
       FROM (${STEPS_OF_PERIOD}) s
      WHERE decided_in
      GROUP BY 1, 2
      ORDER BY 1, 2`,
    parameters(scope),
  );
  return rows.map((row) => DailyDecisions.parse(row));
}

export interface MonthlyReport {
  month: Month;
  producedAt: string;
  rows: CommuneComplianceFigures[];
}

/** The months produced, latest first. */
export async function listMonthlyReports(db: Queryable): Promise<Omit<MonthlyReport, 'rows'>[]> {
  const { rows } = await db.query<{ month: string; produced_at: string }>(
    'SELECT month, produced_at FROM compliance_reports ORDER BY month DESC',
  );
  return rows.map((row) => ({ month: row.month, producedAt: row.produced_at }));
}

/** A month's report, only the rows of `communes` (all when absent). */
export async function findMonthlyReport(
  db: Queryable,
  month: Month,
  communes?: readonly string[],
): Promise<MonthlyReport | undefined> {
  const { rows } = await db.query<{ produced_at: string; rows: unknown[] }>(
    `SELECT produced_at,
            coalesce((SELECT jsonb_agg(r) FROM jsonb_array_elements(rows) r
                       WHERE $2::text[] IS NULL OR r->>'commune' = ANY($2)), '[]') AS rows
       FROM compliance_reports WHERE month = $1`,
    [month, communes ?? null],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    month,
    producedAt: row.produced_at,
    rows: z.array(CommuneComplianceFigures).parse(row.rows),
  };
}
