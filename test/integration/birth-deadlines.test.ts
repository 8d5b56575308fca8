// Group A's legal clocks on Temporal's time-skipping server, with the real workers, simulators and
// read model: days pass in seconds, and each deadline fires at the instant the rules say.
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BirthApplication } from '../../domain/BirthApplication';
import { deadlineAfter } from '../../domain/calendar/working-days';
import { vietnamCalendar } from '../../domain/calendar/vietnam';
import { GROUP_A_RULES } from '../../domain/procedures/birth-residence-insurance.rules';
import type { CaseView } from '../../domain/procedures/views';
import type { birthResidenceInsurance } from '../../workflows/birth-residence-insurance.workflow';
import { requestAction } from '../../api/action-requests';
import { decideStep, getProcedureStatus } from '../../workflows/messages';
import { TASK_QUEUES, workflowIds } from '../../workflows/task-queues';
import { aBirthApplication } from '../fixtures/birth-application';
import { stepOf, uniqueCertificate } from '../support/group-a';
import { recordHistories } from '../support/histories';
import { startTestStack, type TestStack } from '../support/stack';
import { advance, resultAdvancing } from '../support/time-skipping';
import { tokenFor } from '../support/auth';

const calendar = vietnamCalendar([2026, 2027]);
const at = (local: string) => Date.parse(`${local}+07:00`);
const HOUR_MS = 3_600_000;

// One retry on a fresh server, as in death-deadlines.test.ts (the test server's defect).
describe('Group A deadlines (time-skipping)', { retry: 1 }, () => {
  // A fresh time-skipping server per test: each test needs the clock where it left it. The clock is
  // moved an hour at a time (support/time-skipping.ts says why), never left to run on its own.
  let stack: TestStack;
  beforeEach(async () => {
    stack = await startTestStack({ timeSkipping: true });
  });
  afterEach(async () => {
    await stack?.stop();
  });

  async function startCase(application: BirthApplication, receivedAt: number) {
    return stack.client.workflow.start<typeof birthResidenceInsurance>('birthResidenceInsurance', {
      taskQueue: TASK_QUEUES.orchestration,
      workflowId: workflowIds.birthResidenceInsurance(application.medicalBirthCertificate.number),
      args: [
        {
          application,
          receivedAt,
          provinceCode: '001',
          rules: GROUP_A_RULES[0] as never,
          calendar,
        },
      ],
    });
  }

  async function birthInReview(caseId: string): Promise<CaseView> {
    return vi.waitFor(
      async () => {
        const view = await stack.client.workflow.getHandle(caseId).query(getProcedureStatus);
        expect(stepOf(view, 'birth').state).toBe('in_review');
        return view;
      },
      { timeout: 20_000, interval: 100 },
    );
  }

  it('when the citizen does not answer a request for supplement in 7 working days, then the birth step is rejected when the window closes', async () => {
    // Arrange
    const handle = await startCase(aBirthApplication(uniqueCertificate()), Date.now());
    const view = await birthInReview(handle.workflowId);
    const birthWorkflow = stepOf(view, 'birth').workflowId;

    // Act
    const asked = await requestAction(
      stack.database.appDb,
      stack.client.workflow.getHandle(birthWorkflow),
      decideStep,
      {
        decision: 'request_supplement',
        missing: ['giấy chứng sinh bản điện tử'],
        officer: 'o-1',
      },
    );
    const result = await resultAdvancing(stack.env, handle);

    // Assert
    expect(asked.state).toBe('awaiting_supplement');
    const due = asked.supplementDue ?? '';
    const requestedAt = result.timeline.find((e) => e.event === 'awaiting_supplement')?.at ?? '';
    expect(due).toBe(new Date(deadlineAfter(Date.parse(requestedAt), 7, calendar)).toISOString());
    expect(result.status).toBe('rejected');
    expect(stepOf(result, 'birth')).toMatchObject({
      status: 'rejected',
      reason: 'SUPPLEMENT.TIMEOUT',
    });
    // Recorded by the case when the step reports back: at the window's close, give or take processing.
    const rejected = result.timeline.find((e) => e.event === 'rejected' && e.step === 'birth');
    const lag = Date.parse(rejected?.at ?? '') - Date.parse(due);
    expect(lag).toBeGreaterThanOrEqual(0);
    expect(lag).toBeLessThan(60_000);
    await recordHistories(stack.client, handle.workflowId, 'group-a-supplement-timeout');
  });

  it('when an officer does not act by the deadline, then the step is breached and the supervisor sees it escalated', async () => {
    const handle = await startCase(aBirthApplication(uniqueCertificate()), Date.now());
    const view = await birthInReview(handle.workflowId);
    expect(stepOf(view, 'birth').breached).toBe(false);

    // To an hour past its deadline, whatever day and hour the test runs (a Friday afternoon's
    // filing counts from Monday: three days later is not yet late).
    const deadline = Date.parse(stepOf(view, 'birth').deadline ?? '');
    const serverNow = (await stack.env?.currentTimeMs()) ?? Date.now();
    await advance(stack.env, deadline - serverNow + HOUR_MS);

    const after = await stack.client.workflow
      .getHandle(handle.workflowId)
      .query(getProcedureStatus);
    expect(stepOf(after, 'birth').breached).toBe(true);
    const supervisor = await tokenFor({ sub: 'sup-1', role: 'supervisor', jurisdiction: '00004' });
    const inbox = await vi.waitFor(async () => {
      const response = await request(stack.app)
        .get('/v1/tasks')
        .set('Authorization', `Bearer ${supervisor}`);
      const task = (response.body.items as { caseId: string; breached: boolean }[]).find(
        (t) => t.caseId === handle.workflowId,
      );
      expect(task?.breached).toBe(true);
      return task;
    });
    expect(inbox).toMatchObject({ step: 'birth', breached: true });
    await recordHistories(stack.client, handle.workflowId, 'group-a-breached');
  });

  it('when a dossier arrives after 15:00 on the eve of Tết 2027, then its same-day deadline lands on Friday 12/02, the first working day after the holiday and its compensatory days (Labour Code 2019 Art. 111(3), 112), with a reminder before it', async () => {
    // Thursday 04/02/2027 at 15:30: counts from the next working day. No notice for 2027 yet, so the
    // statute (DOMAIN.md §2D): Tết's 5 days are New Year's Eve (Fri 05/02) and the first four days
    // (06–09/02); the first and second days fall on Saturday 06/02 and Sunday 07/02 and are
    // compensated on the next working days, Wednesday 10/02 and Thursday 11/02. (v1.0.0 expected
    // 11/02: it compensated only the first day.)
    const handle = await startCase(
      aBirthApplication(uniqueCertificate()),
      at('2027-02-04T15:30:00'),
    );
    const view = await birthInReview(handle.workflowId);
    const deadline = stepOf(view, 'birth').deadline ?? '';
    expect(deadline).toBe(new Date(at('2027-02-12T17:00:00')).toISOString());

    const serverNow = (await stack.env?.currentTimeMs()) ?? Date.now();
    await advance(stack.env, Date.parse(deadline) - serverNow - HOUR_MS);
    const before = await stack.client.workflow
      .getHandle(handle.workflowId)
      .query(getProcedureStatus);
    expect(stepOf(before, 'birth')).toMatchObject({ reminded: true, breached: false }); // at risk

    await advance(stack.env, 2 * HOUR_MS);
    const after = await stack.client.workflow
      .getHandle(handle.workflowId)
      .query(getProcedureStatus);
    expect(stepOf(after, 'birth').breached).toBe(true);
  });
});
