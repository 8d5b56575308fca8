// The compliance figures through the real stack (issue 22, item 8): a case's step times as its
// workflows record them, the API's schedule on the Temporal dev server, a run of it producing the month before's report for every commune by the
// worker, and a supervisor downloading their commune's part.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { COMPLIANCE_SCHEDULE_ID, ensureComplianceSchedule } from '../../api/compliance-schedule';
import { complianceFiguresByCommune } from '../../db/queries/compliance.queries';
import { monthBefore, periodOfDays, periodOfMonth } from '../../domain/reporting-period';
import type { Principal } from '../../domain/principal';
import { vietnamDate } from '../../domain/calendar/vietnam';
import { aBirthApplication } from '../fixtures/birth-application';
import { tokenFor } from '../support/auth';
import { decide, file, uniqueCertificate, waitForCase } from '../support/group-a';
import { recordHistory } from '../support/histories';
import { startTestStack, type TestStack } from '../support/stack';
import { projectTask } from '../support/tasks';

const SUPERVISOR: Principal = { sub: 'lanh-dao', role: 'supervisor', jurisdiction: '00004' };

describe('the monthly compliance report’s schedule', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.client.schedule
      .getHandle(COMPLIANCE_SCHEDULE_ID)
      .delete()
      .catch(() => undefined);
    await stack?.stop();
  });

  it('when a case runs, then each step’s start and end reach the read model from the workflow, and today’s report counts its decision', async () => {
    const application = {
      ...aBirthApplication(uniqueCertificate()),
      components: { residence: false, insurance: true },
    };
    const filed = await file(stack.app, application);
    const caseId = filed.body.caseId as string;
    await decide(stack.app, caseId, 'civil-status', { decision: 'approve' });
    const view = await waitForCase(stack.app, caseId, application.applicant.pin, (v) =>
      expect(v.status).toBe('completed'),
    );
    const { rows } = await stack.database.db.query<{
      step: string;
      started_at: string;
      ended_at: string;
    }>('SELECT step, started_at, ended_at FROM tasks WHERE case_id = $1 ORDER BY step', [caseId]);
    expect(rows.map((r) => r.step)).toEqual(['birth', 'insurance']);
    for (const row of rows) {
      // The workflow's own times: the step began before the case recorded it (the case hears late).
      const entries = view.timeline.filter((e) => e.step === row.step);
      expect(Date.parse(row.started_at)).toBeLessThanOrEqual(Date.parse(entries[0]?.at ?? ''));
      expect(Date.parse(row.started_at)).toBeGreaterThanOrEqual(Date.parse(view.receivedAt));
      // The step's end, as the step saw it: before its case heard of it, after it began.
      const completed = Date.parse(entries.find((e) => e.event === 'completed')?.at ?? '');
      expect(Date.parse(row.ended_at)).toBeLessThanOrEqual(completed);
      expect(Date.parse(row.ended_at)).toBeGreaterThan(Date.parse(row.started_at));
    }
    // Today's report counts it among the commune's births decided today (the namespace's other
    // workflows, of files run before this one, may add theirs: counted from the tasks themselves).
    const today = vietnamDate(Date.now());
    const report = await request(stack.app)
      .get(`/v1/reports/compliance?from=${today}&to=${today}&agency=civil-status`)
      .set('Authorization', `Bearer ${await tokenFor(SUPERVISOR)}`);
    const { from, to } = periodOfDays(today, today);
    const decidedToday = await stack.database.db.query<{ task_id: string }>(
      `SELECT task_id FROM tasks WHERE agency = 'civil-status' AND step = 'birth'
          AND jurisdiction = '00004' AND state IN ('completed', 'rejected', 'compensated')
          AND ended_at >= $1 AND ended_at < $2`,
      [from, to],
    );
    expect(decidedToday.rows.map((r) => r.task_id)).toContain(`${caseId}:birth`);
    expect(report.body.rows).toContainEqual(
      expect.objectContaining({
        agency: 'civil-status',
        step: 'birth',
        decided: decidedToday.rows.length,
      }),
    );
  });

  it('when the API ensures it twice, then one schedule fires at 01:00 on the 1st in Vietnam', async () => {
    await ensureComplianceSchedule(stack.client);
    await ensureComplianceSchedule(stack.client);
    const schedule = await stack.client.schedule.getHandle(COMPLIANCE_SCHEDULE_ID).describe();
    expect(schedule.spec.timezone).toBe('Asia/Ho_Chi_Minh');
    expect(schedule.spec.calendars).toEqual([
      expect.objectContaining({
        dayOfMonth: [{ start: 1, end: 1, step: 1 }],
        hour: [{ start: 1, end: 1, step: 1 }],
        minute: [{ start: 0, end: 0, step: 1 }],
      }),
    ]);
    expect(schedule.action).toMatchObject({ workflowType: 'monthlyComplianceReport' });
    // Its next run is on a 1st, at 01:00 in Vietnam (18:00 UTC the day before).
    const next = schedule.info.nextActionTimes[0] as Date;
    expect(new Date(next.getTime() + 7 * 3_600_000).toISOString()).toMatch(/-01T01:00:00/);
  });

  it('when it runs, then the month before is kept for every commune, with the figures of the read model, and a supervisor downloads their part as CSV', async () => {
    const month = monthBefore(Date.now());
    const { from } = periodOfMonth(month);
    const at = (hours: number) => new Date(from.getTime() + hours * 3_600_000).toISOString();
    // 10 and 20 hours in 00004 (the second late), 30 in 00070.
    for (const [n, jurisdiction] of ['00004', '00004', '00070'].entries())
      await projectTask(stack.database.appDb, {
        caseId: `birth-residence-insurance:SCHEDULED-${n}`,
        jurisdiction,
        view: {
          state: 'completed',
          status: 'completed',
          startedAt: at(24),
          endedAt: at(24 + 10 * (n + 1)),
          breached: n === 1,
        },
      });

    await ensureComplianceSchedule(stack.client);
    await stack.client.schedule.getHandle(COMPLIANCE_SCHEDULE_ID).trigger();

    const kept = async () =>
      (
        await stack.database.db.query<{ rows: unknown[] }>(
          'SELECT rows FROM compliance_reports WHERE month = $1',
          [month],
        )
      ).rows[0]?.rows;
    await vi.waitFor(async () => expect(await kept()).toBeDefined(), {
      timeout: 30_000,
      interval: 200,
    });
    // The run the schedule started (its id: the schedule's, with the time it was started for).
    const { info } = await stack.client.schedule.getHandle(COMPLIANCE_SCHEDULE_ID).describe();
    const run = info.recentActions.at(-1)?.action.workflow.workflowId as string;
    await expect(stack.client.workflow.getHandle(run).result()).resolves.toEqual({
      month,
      rows: 2,
    });
    await recordHistory(stack.client, run, 'monthly-compliance-report');
    expect(await kept()).toEqual(
      await complianceFiguresByCommune(stack.database.db, periodOfMonth(month)),
    );
    expect(await kept()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ commune: '00004', decided: 2, onTime: 1, medianHours: 15 }),
        expect.objectContaining({ commune: '00070', decided: 1, onTime: 1 }),
      ]),
    );

    const csv = await request(stack.app)
      .get(`/v1/reports/compliance/monthly/${month}`)
      .set('Authorization', `Bearer ${await tokenFor(SUPERVISOR)}`)
      .set('Accept', 'text/csv');
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('00004,civil-status,birth,2,1,0.5,15,');
    expect(csv.text).not.toContain('00070');
  });
});
