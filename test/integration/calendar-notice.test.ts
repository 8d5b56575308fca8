// A notice published while a case runs (issue 20, acceptance): recorded through the API, it reaches
// the running case, whose open step's due date and own deadline move; the case view names the
// notice. Real stack: workers, simulators, the API's database with migration 0015's notices.
import request from 'supertest';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { calendarFor } from '../../api/calendar-delivery';
import { vietnamDate } from '../../domain/calendar/vietnam';
import { deadlineAfter } from '../../domain/calendar/working-days';
import { GROUP_A_RULES } from '../../domain/procedures/birth-residence-insurance.rules';
import type { birthResidenceInsurance } from '../../workflows/birth-residence-insurance.workflow';
import { calendarChanged, getProcedureStatus } from '../../workflows/messages';
import { TASK_QUEUES, workflowIds } from '../../workflows/task-queues';
import { aTet2027Notice } from '../fixtures/calendar-notices';
import { aBirthApplication } from '../fixtures/birth-application';
import { ADMIN, tokenFor } from '../support/auth';
import { citizen, decide, file, stepOf, uniqueCertificate, waitForCase } from '../support/group-a';
import { recordHistories } from '../support/histories';
import { startTestStack, type TestStack } from '../support/stack';
import { advance } from '../support/time-skipping';

const at = (local: string) => Date.parse(`${local}+07:00`);
const iso = (ms: number) => new Date(ms).toISOString();

describe('a calendar notice published while a case runs', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('when the 2027 Tết notice is added through the API, then the open birth step’s due date and the case’s deadline move past the break, and the case view names the notice', async () => {
    // Arrange: a dossier received Thursday 04/02/2027 at 15:30, filed with the calendar the API
    // reads from the database (2027: the statute alone, provisional) — due Friday 12/02 at 17:00
    // (Labour Code 2019 Art. 111(3), 112: 10/02 and 11/02 compensate Tết's weekend days).
    const application = aBirthApplication(uniqueCertificate());
    const receivedAt = at('2027-02-04T15:30:00');
    const rules = GROUP_A_RULES[0] as never as Parameters<
      typeof birthResidenceInsurance
    >[0]['rules'];
    const calendar = await calendarFor(stack.database.appDb, 2027);
    const handle = await stack.client.workflow.start<typeof birthResidenceInsurance>(
      'birthResidenceInsurance',
      {
        taskQueue: TASK_QUEUES.orchestration,
        workflowId: workflowIds.birthResidenceInsurance(application.medicalBirthCertificate.number),
        args: [{ application, receivedAt, provinceCode: '001', rules, calendar }],
      },
    );
    const pin = application.applicant.pin;
    await waitForCase(stack.app, handle.workflowId, pin, (view) => {
      expect(stepOf(view, 'birth')).toMatchObject({
        state: 'in_review',
        deadline: iso(at('2027-02-12T17:00:00')),
      });
    });

    // Act: the ministry's notice (a test one) gives Thursday 04/02 – Sunday 14/02 off.
    const notice = aTet2027Notice();
    const recorded = await request(stack.app)
      .post('/v1/calendar/notices')
      .set('Authorization', `Bearer ${await tokenFor(ADMIN)}`)
      .send(notice);

    // Assert: counted from Monday 15/02, the first working day after the break.
    expect(recorded.status).toBe(201);
    expect(recorded.body.casesToTell).toBeGreaterThanOrEqual(1);
    const moved = await waitForCase(stack.app, handle.workflowId, pin, (view) => {
      expect(stepOf(view, 'birth').deadline).toBe(iso(at('2027-02-15T17:00:00')));
      expect(view.timeline).toContainEqual(
        expect.objectContaining({
          event: 'calendar_changed',
          detail: `${notice.number} (Bộ Nội vụ), 2027`,
        }),
      );
    });
    const now = await calendarFor(stack.database.appDb, 2027);
    expect(moved.deadline).toBe(
      iso(deadlineAfter(receivedAt, GROUP_A_RULES[0]?.deadlines.case ?? 0, now)),
    );
    expect(Date.parse(moved.deadline)).toBeGreaterThan(
      deadlineAfter(receivedAt, GROUP_A_RULES[0]?.deadlines.case ?? 0, calendar),
    );
    const supervisorInbox = await vi.waitFor(async () => {
      const token = await tokenFor({
        sub: 'sup-1',
        role: 'supervisor',
        jurisdiction: application.receivingCommune,
      });
      const inbox = await request(stack.app)
        .get('/v1/tasks')
        .set('Authorization', `Bearer ${token}`);
      const task = (inbox.body.items as { caseId: string; deadline: string }[]).find(
        (t) => t.caseId === handle.workflowId,
      );
      expect(Date.parse(task?.deadline ?? '')).toBe(at('2027-02-15T17:00:00'));
      return task;
    });
    expect(supervisorInbox).toBeDefined();

    // The same notice delivered again (a retried delivery) changes nothing.
    await stack.client.workflow.getHandle(handle.workflowId).signal(calendarChanged, {
      calendar: now,
      notice: { ...recorded.body.notice, provisional: false },
    });
    const withdrawn = await request(stack.app)
      .post(`/v1/cases/${encodeURIComponent(handle.workflowId)}/withdraw`)
      .set('Authorization', `Bearer ${await citizen(pin)}`)
      .send({ reason: 'nộp nhầm hồ sơ' });
    expect(withdrawn.status).toBe(200);
    const final = await handle.result();
    expect(final.timeline.filter((e) => e.event === 'calendar_changed')).toHaveLength(1);
    await recordHistories(stack.client, handle.workflowId, 'group-a-calendar-notice');
  });

  it('when a notice is added while one step has finished and another still waits on its agency, then only the waiting step’s due date moves, and a case filed through the API afterwards starts with the notice', async () => {
    // Arrange: filed through the API today; the civil-status officer approves the birth (finished),
    // the police are down, so the residence step waits on its agency with its clock running.
    stack.faults.set('police', { outageUntil: new Date(Date.now() + 10 * 60_000).toISOString() });
    const application = aBirthApplication(uniqueCertificate());
    const pin = application.applicant.pin;
    const filed = await file(stack.app, application);
    expect(filed.status).toBe(202);
    const caseId = filed.body.caseId as string;
    expect((await decide(stack.app, caseId, 'civil-status', { decision: 'approve' })).status).toBe(
      200,
    );
    const before = await waitForCase(stack.app, caseId, pin, (view) => {
      expect(stepOf(view, 'birth').status).toBe('completed');
      expect(stepOf(view, 'residence').state).toBe('waiting_agency');
    });

    // Act: a (test) notice gives today and the next days of this year off.
    const today = vietnamDate(Date.now());
    const year = Number(today.slice(0, 4));
    const daysOff = Array.from({ length: 12 }, (_, i) =>
      vietnamDate(Date.parse(`${today}T12:00:00+07:00`) + i * 86_400_000),
    ).filter((date) => date.startsWith(`${year}-`));
    const notice = {
      ...aTet2027Notice(),
      year,
      daysOff: daysOff.map((date) => ({ date, holiday: 'new-year' as const, name: 'test' })),
    };
    const recorded = await request(stack.app)
      .post('/v1/calendar/notices')
      .set('Authorization', `Bearer ${await tokenFor(ADMIN)}`)
      .send(notice);
    expect(recorded.status).toBe(201);

    // Assert: the finished birth step keeps its date; the residence step's moves past the days off.
    const lastOff = daysOff[daysOff.length - 1] ?? today;
    const after = await waitForCase(stack.app, caseId, pin, (view) => {
      expect(Date.parse(stepOf(view, 'residence').deadline ?? '')).toBeGreaterThan(
        Date.parse(`${lastOff}T17:00:00+07:00`),
      );
      expect(view.timeline.map((e) => e.event)).toContain('calendar_changed');
    });
    expect(stepOf(after, 'birth').deadline).toBe(stepOf(before, 'birth').deadline);
    // A new filing reads the calendar from the database: its birth step is due after the days off.
    const next = aBirthApplication(uniqueCertificate());
    const nextFiled = await file(stack.app, next);
    const nextView = await waitForCase(stack.app, nextFiled.body.caseId, next.applicant.pin, (v) =>
      expect(stepOf(v, 'birth').state).toBe('in_review'),
    );
    expect(Date.parse(stepOf(nextView, 'birth').deadline ?? '')).toBeGreaterThan(
      Date.parse(`${lastOff}T17:00:00+07:00`),
    );
    stack.faults.clear('police');
    await waitForCase(
      stack.app,
      caseId,
      pin,
      (view) => expect(view.status).toBe('completed'),
      120_000,
    );
  });
});

// The moved date is the one the timers keep: on the time-skipping server, the reminder and the
// escalation fire at the notice's deadline, not the statute's. One retry on a fresh server, as in
// the deadline tests (the test server's defect, support/time-skipping.ts).
describe('a calendar notice and the step’s timers (time-skipping)', { retry: 1 }, () => {
  let stack: TestStack;
  beforeEach(async () => {
    stack = await startTestStack({ timeSkipping: true });
  });
  afterEach(async () => {
    await stack?.stop();
  });

  it('when the 2027 Tết notice moves the birth step from Friday 12/02 to Monday 15/02, then nothing is escalated on 12/02 and the step is reminded and breached on 15/02', async () => {
    const application = aBirthApplication(uniqueCertificate());
    const rules = GROUP_A_RULES[0] as never as Parameters<
      typeof birthResidenceInsurance
    >[0]['rules'];
    const handle = await stack.client.workflow.start<typeof birthResidenceInsurance>(
      'birthResidenceInsurance',
      {
        taskQueue: TASK_QUEUES.orchestration,
        workflowId: workflowIds.birthResidenceInsurance(application.medicalBirthCertificate.number),
        args: [
          {
            application,
            receivedAt: at('2027-02-04T15:30:00'),
            provinceCode: '001',
            rules,
            calendar: await calendarFor(stack.database.appDb, 2027),
          },
        ],
      },
    );
    const query = () =>
      stack.client.workflow.getHandle(handle.workflowId).query(getProcedureStatus);
    await vi.waitFor(
      async () => {
        expect(stepOf(await query(), 'birth').state).toBe('in_review');
        const row = await stack.database.db.query('SELECT 1 FROM cases WHERE case_id = $1', [
          handle.workflowId,
        ]);
        expect(row.rowCount).toBe(1);
      },
      { timeout: 20_000, interval: 100 },
    );

    const recorded = await request(stack.app)
      .post('/v1/calendar/notices')
      .set('Authorization', `Bearer ${await tokenFor(ADMIN)}`)
      .send(aTet2027Notice());
    expect(recorded.status).toBe(201);
    await vi.waitFor(
      async () =>
        expect(stepOf(await query(), 'birth').deadline).toBe(iso(at('2027-02-15T17:00:00'))),
      { timeout: 20_000, interval: 100 },
    );

    const serverNow = (await stack.env?.currentTimeMs()) ?? Date.now();
    await advance(stack.env, at('2027-02-12T18:00:00') - serverNow);
    expect(stepOf(await query(), 'birth')).toMatchObject({ reminded: false, breached: false });

    await advance(stack.env, at('2027-02-15T18:00:00') - at('2027-02-12T18:00:00'));
    expect(stepOf(await query(), 'birth')).toMatchObject({ reminded: true, breached: true });
  });
});
