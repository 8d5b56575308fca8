// Issue 20, Group A's time limits enforced, on Temporal's time-skipping server with the real workers,
// simulators and read model: the whole case's legal deadline (DOMAIN.md §2A: ≤ 3 working days, ≤ 5
// with verification [S1][S2]) reminds, then escalates and records its breach for the supervisor; and
// an agency's window to reject an invalid file (BHXH: 1 working day from receipt, §2A [S18]) closes.
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { requestAction } from '../../api/action-requests';
import type { BirthApplication } from '../../domain/BirthApplication';
import { deadlineAfter } from '../../domain/calendar/working-days';
import { vietnamCalendar } from '../../domain/calendar/vietnam';
import { GROUP_A_RULES } from '../../domain/procedures/birth-residence-insurance.rules';
import type { CaseView, StepView } from '../../domain/procedures/views';
import type { birthResidenceInsurance } from '../../workflows/birth-residence-insurance.workflow';
import { birthRequest } from '../../workflows/birth-residence-insurance.requests';
import { decideStep, getProcedureStatus, getStepStatus } from '../../workflows/messages';
import type { agencyStep } from '../../workflows/steps/agency-step.workflow';
import { TASK_QUEUES, workflowIds } from '../../workflows/task-queues';
import { aBirthApplication } from '../fixtures/birth-application';
import { tokenFor } from '../support/auth';
import { stepOf, uniqueCertificate } from '../support/group-a';
import { startTestStack, type TestStack } from '../support/stack';
import { advance } from '../support/time-skipping';

const calendar = vietnamCalendar([2026, 2027]);
const HOUR_MS = 3_600_000;
const rules = GROUP_A_RULES[0] as (typeof GROUP_A_RULES)[number];

describe('Group A time limits (time-skipping)', { retry: 1 }, () => {
  let stack: TestStack;
  beforeEach(async () => {
    stack = await startTestStack({ timeSkipping: true });
  });
  afterEach(async () => {
    await stack?.stop();
  });

  const now = async () => (await stack.env?.currentTimeMs()) ?? Date.now();
  const caseView = (caseId: string) =>
    stack.client.workflow.getHandle(caseId).query(getProcedureStatus);

  async function startCase(application: BirthApplication, receivedAt: number) {
    return stack.client.workflow.start<typeof birthResidenceInsurance>('birthResidenceInsurance', {
      taskQueue: TASK_QUEUES.orchestration,
      workflowId: workflowIds.birthResidenceInsurance(application.medicalBirthCertificate.number),
      args: [{ application, receivedAt, provinceCode: '001', rules, calendar }],
    });
  }

  it('when the case is still open at its 3-working-day deadline (NĐ 63/2024, DOMAIN.md §2A), then it is reminded before, escalated at it, and the supervisor reads the breach', async () => {
    // Arrange: the birth waits for its officer (the simulator's default review), so the case stays open.
    const receivedAt = await now();
    const handle = await startCase(aBirthApplication(uniqueCertificate()), receivedAt);
    const open = await vi.waitFor(
      async () => {
        const view = await caseView(handle.workflowId);
        expect(stepOf(view, 'birth').state).toBe('in_review');
        return view;
      },
      { timeout: 20_000, interval: 100 },
    );
    expect(open.deadline).toBe(
      new Date(deadlineAfter(receivedAt, rules.deadlines.case, calendar)).toISOString(),
    );
    expect(open.deadlineStatus).toBe('on_time');

    // Act: to an hour before the deadline (the reminder is 4 hours before), then past it.
    const deadline = Date.parse(open.deadline);
    await advance(stack.env, deadline - (await now()) - HOUR_MS);
    const atRisk = await caseView(handle.workflowId);
    await advance(stack.env, 2 * HOUR_MS);
    const breached = await caseView(handle.workflowId);

    // Assert
    expect(atRisk.deadlineStatus).toBe('at_risk');
    expect(atRisk.timeline.map((e) => e.event)).toContain('deadline_at_risk');
    expect(breached.deadlineStatus).toBe('breached');
    const entry = breached.timeline.find((e) => e.event === 'deadline_breached');
    expect(Date.parse(entry?.at ?? '') - deadline).toBeGreaterThanOrEqual(0);
    expect(Date.parse(entry?.at ?? '') - deadline).toBeLessThan(HOUR_MS);
    const supervisor = await tokenFor({ sub: 'sup-1', role: 'supervisor', jurisdiction: '00004' });
    await vi.waitFor(
      async () => {
        const response = await request(stack.app)
          .get(`/v1/cases/${encodeURIComponent(handle.workflowId)}`)
          .set('Authorization', `Bearer ${supervisor}`);
        expect(response.status).toBe(200);
        expect((response.body as CaseView).deadlineStatus).toBe('breached');
        const list = await request(stack.app)
          .get('/v1/cases?breached=true')
          .set('Authorization', `Bearer ${supervisor}`);
        expect(list.body.items).toEqual([
          expect.objectContaining({ caseId: handle.workflowId, breached: true }),
        ]);
      },
      { timeout: 20_000, interval: 200 },
    );
  });

  it('when an officer rejects a file after the agency’s 1-working-day rejection window (BHXH, QĐ 976/QĐ-BHXH, DOMAIN.md §2A), then the rejection is refused and no longer offered; within it, it is recorded', async () => {
    // Arrange: two steps in review with BHXH's rejection window, run on their own (no case).
    const application = aBirthApplication(uniqueCertificate());
    const startStep = async (name: string) => {
      const handle = await stack.client.workflow.start<typeof agencyStep>('agencyStep', {
        taskQueue: TASK_QUEUES.orchestration,
        workflowId: `${workflowIds.birthResidenceInsurance(name)}:birth`,
        args: [
          {
            caseId: workflowIds.birthResidenceInsurance(name),
            jurisdiction: '00004',
            agency: 'civil-status',
            queue: 'civil-status',
            request: birthRequest(
              {
                ...application,
                medicalBirthCertificate: { ...application.medicalBirthCertificate, number: name },
              },
              '001',
            ),
            returnable: false,
            startedAt: await now(),
            workingDays: 2,
            rejectWithinWorkingDays: rules.deadlines.insuranceRejection,
            calendar,
            supplementReplyDays: 7,
            reminderHours: 4,
            contact: { phone: application.applicant.phone, language: 'vi' },
            summary: {},
          },
        ],
      });
      return vi.waitFor(
        async () => {
          const view: StepView = await handle.query(getStepStatus);
          expect(view.state).toBe('in_review');
          return { handle, view };
        },
        { timeout: 20_000, interval: 100 },
      );
    };
    const late = await startStep(uniqueCertificate());
    const inTime = await startStep(uniqueCertificate());
    expect(late.view.decisions).toContain('reject');
    const rejectBy = Date.parse(late.view.rejectBy ?? '');

    // Act: one rejected at once; the clock moved past the window, the other rejected then.
    const recorded = await requestAction(stack.database.appDb, inTime.handle, decideStep, {
      decision: 'reject',
      reason: 'hồ sơ không hợp lệ',
      officer: 'o-1',
    });
    await advance(stack.env, rejectBy - (await now()) + HOUR_MS);
    const after: StepView = await late.handle.query(getStepStatus);
    const refused = requestAction(stack.database.appDb, late.handle, decideStep, {
      decision: 'reject',
      reason: 'hồ sơ không hợp lệ',
      officer: 'o-1',
    });

    // Assert
    expect(recorded.state).toBe('rejected');
    expect(after.state).toBe('in_review');
    expect(after.decisions).not.toContain('reject');
    expect(after.decisions).toContain('approve');
    await expect(refused).rejects.toThrow(/window to reject an invalid file closed/);
  });

  it('when a Group A case issues the card, then its step carries BHXH’s 1-working-day rejection window', async () => {
    const receivedAt = await now();
    const handle = await startCase(aBirthApplication(uniqueCertificate()), receivedAt);
    const birth = await vi.waitFor(
      async () => {
        const view = await caseView(handle.workflowId);
        expect(stepOf(view, 'birth').state).toBe('in_review');
        return stepOf(view, 'birth');
      },
      { timeout: 20_000, interval: 100 },
    );
    await requestAction(
      stack.database.appDb,
      stack.client.workflow.getHandle(birth.workflowId),
      decideStep,
      {
        decision: 'approve',
        officer: 'o-1',
      },
    );
    const insurance = await vi.waitFor(
      async () => {
        const view = await caseView(handle.workflowId);
        const step = stepOf(view, 'insurance');
        expect(step.rejectBy).toBeDefined();
        return step;
      },
      { timeout: 20_000, interval: 100 },
    );
    // Started the moment birth was registered: one working day on from then, never more.
    expect(Date.parse(insurance.rejectBy ?? '')).toBeLessThanOrEqual(
      deadlineAfter(await now(), rules.deadlines.insuranceRejection, calendar),
    );
    expect(stepOf(await caseView(handle.workflowId), 'residence').rejectBy).toBeUndefined();
  });
});
