// The monthly compliance report (issue 22, item 8), started by a Temporal Schedule on the first of
// each month (api/compliance-schedule.ts): the month before, for every commune, kept for download.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { monthBefore, type Month } from '../domain/reporting-period';
import { ACTIVITY_OPTIONS } from './activity-options';

const { produceComplianceReport } = proxyActivities<Activities>(ACTIVITY_OPTIONS.report);

/** `month`: the one to produce (an operator's rerun); by default the month before today's. */
export async function monthlyComplianceReport(
  input: { month?: Month } = {},
): Promise<{ month: Month; rows: number }> {
  const month = input.month ?? monthBefore(Date.now());
  const { rows } = await produceComplianceReport({ month });
  return { month, rows };
}
