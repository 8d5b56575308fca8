// The Temporal Schedule that produces the monthly compliance report (issue 22, item 8): at 01:00 in
// Vietnam on the first of each month, for the month before (workflows/compliance-report.workflow.ts).
// Every API process makes sure it exists, at start and every hour: the first creates it, the others
// bring it in line with this definition (a changed time or queue reaches the running schedule).
import {
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleOptions,
} from '@temporalio/client';
import type { Logger } from '../config/logger';
import { startPeriodic } from '../config/periodic';
import { TASK_QUEUES } from '../workflows/task-queues';

export const COMPLIANCE_SCHEDULE_ID = 'monthly-compliance-report';

const definition = {
  spec: {
    calendars: [{ dayOfMonth: 1, hour: 1, comment: 'the month before, at 01:00 on the 1st' }],
    timezone: 'Asia/Ho_Chi_Minh',
  },
  action: {
    type: 'startWorkflow',
    workflowType: 'monthlyComplianceReport',
    workflowId: COMPLIANCE_SCHEDULE_ID,
    taskQueue: TASK_QUEUES.orchestration,
    args: [],
  },
  policies: {
    overlap: ScheduleOverlapPolicy.SKIP,
    // A cluster down on the 1st still produces the report when it returns within the week.
    catchupWindow: '7 days',
  },
} satisfies Omit<ScheduleOptions, 'scheduleId'>;

/** Creates the schedule, or updates it to this definition if it exists. */
export async function ensureComplianceSchedule(temporal: Client): Promise<void> {
  try {
    await temporal.schedule.create({ scheduleId: COMPLIANCE_SCHEDULE_ID, ...definition });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await temporal.schedule
      .getHandle(COMPLIANCE_SCHEDULE_ID)
      .update((previous) => ({ ...previous, ...definition }));
  }
}

/** How often each API makes sure again (a failed try, or a schedule deleted, is mended then). */
const ENSURE_INTERVAL_MS = 3_600_000;

/**
 * Keeps the schedule in line from this API process: at start and every hour, in the background
 * (config/periodic.ts). A failure is logged and tried again; the API serves on meanwhile.
 */
export function keepComplianceSchedule(temporal: Client, logger: Logger) {
  let scheduled = false;
  return startPeriodic(
    () =>
      ensureComplianceSchedule(temporal).then(
        () => {
          if (!scheduled)
            logger.info({ scheduleId: COMPLIANCE_SCHEDULE_ID }, 'monthly report scheduled');
          scheduled = true;
        },
        (err: unknown) => logger.warn({ err }, 'could not schedule the monthly compliance report'),
      ),
    ENSURE_INTERVAL_MS,
  );
}
