import { produceMonthlyReport } from '../db/compliance-reports.repository';
import type { Db } from '../db/pool';
import { periodOfMonth, type Month } from '../domain/reporting-period';

export function reportActivities({ db }: { db: Db }) {
  return {
    /** The month's compliance figures for every commune, kept for download (a rerun replaces). */
    async produceComplianceReport({ month }: { month: Month }): Promise<{ rows: number }> {
      return { rows: await produceMonthlyReport(db, month, periodOfMonth(month)) };
    },
  };
}
