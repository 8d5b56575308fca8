// The monthly compliance reports (migration 0028): produced by the scheduled workflow for every
// commune, replaced if the month is produced again (read by db/queries/compliance.queries.ts).
import type { Month } from '../domain/reporting-period';
import type { Db } from './pool';
import { complianceFiguresByCommune, type ComplianceScope } from './queries/compliance.queries';

/** Computes `month`'s figures for every commune and keeps them; how many rows it kept. */
export async function produceMonthlyReport(
  db: Db,
  month: Month,
  period: Pick<ComplianceScope, 'from' | 'to'>,
): Promise<number> {
  const rows = await complianceFiguresByCommune(db, period);
  await db.query(
    `INSERT INTO compliance_reports (month, rows) VALUES ($1, $2)
     ON CONFLICT (month) DO UPDATE SET rows = EXCLUDED.rows, produced_at = now()`,
    [month, JSON.stringify(rows)],
  );
  return rows.length;
}
