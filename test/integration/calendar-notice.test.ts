// A notice published while a case runs (issue 20, acceptance): recorded through the API, it reaches
// the running case, whose open step's due date and own deadline move; the case view names the
// notice. Real stack: workers, simulators, the API's database with migration 0015's notices.
import request from 'supertest';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { calendarFor } from '../../api/calendar-delivery';
import { versionInForce } from '../../domain/rule-versions';
import { deathCaseId } from '../../api/filing';
import type { DeathApplication } from '../../domain/DeathApplication';
import { GROUP_B_RULES } from '../../domain/procedures/death-residence-funeral.rules';
import type { deathResidenceFuneral } from '../../workflows/death-residence-funeral.workflow';
import { participant } from '../../agencies/simulators/admin.client';
import { addDeceased, aDeathApplication } from '../support/group-b';
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

  // 2026 as Thông báo 9441/TB-BNV (Bộ Nội vụ, 16/10/2025; migration 0015, DOMAIN.md §2D) has it:
  // Tết Mon 16/02 – Fri 20/02; National Day Sat 29/08 – Wed 02/09, Mon 31/08 swapped for a make-up
  // working Saturday 22/08. A case filed that year gets the calendar the API reads (statute + stored
  // notices). Each row: the dossier's arrival (after the 15:00 cut-off: counted from the next
  // working day, NĐ 61/2018 Art. 20, DOMAIN.md §2A), the birth step's same-day due date, the case's
  // 3-working-day deadline. These dates are past, so the time-skipping server (whose clock starts
  // today and cannot go back) cannot show their timers; Tết 2027's are shown there
  // (birth-deadlines.test.ts, and below).
  it.each([
    [
      'Tết 2026: Friday 13/02 at 15:30 counts from Monday 23/02, after the break and its weekends',
      '2026-02-13T15:30:00',
      '2026-02-23T17:00:00',
      '2026-02-26T17:00:00',
    ],
    [
      'National Day 2026: Friday 28/08 at 15:30 counts from Thursday 03/09, not Monday 31/08 (the statute’s, swapped by the notice)',
      '2026-08-28T15:30:00',
      '2026-09-03T17:00:00',
      '2026-09-08T17:00:00',
    ],
    [
      'the make-up Saturday 22/08/2026: Friday 21/08 at 15:30 counts from Saturday 22/08, a working day by the notice',
      '2026-08-21T15:30:00',
      '2026-08-22T17:00:00',
      '2026-08-26T17:00:00',
    ],
  ])(
    'when a dossier arrived on %s, then the birth step and the case are due to the working day, and breached once past',
    async (_when, receivedLocal, birthDue, caseDue) => {
      const application = aBirthApplication(uniqueCertificate());
      const handle = await stack.client.workflow.start<typeof birthResidenceInsurance>(
        'birthResidenceInsurance',
        {
          taskQueue: TASK_QUEUES.orchestration,
          workflowId: workflowIds.birthResidenceInsurance(
            application.medicalBirthCertificate.number,
          ),
          args: [
            {
              application,
              receivedAt: at(receivedLocal),
              provinceCode: '001',
              rules: GROUP_A_RULES[0] as never,
              calendar: await calendarFor(stack.database.appDb, 2026),
            },
          ],
        },
      );
      const view = await waitForCase(stack.app, handle.workflowId, application.applicant.pin, (v) =>
        expect(stepOf(v, 'birth')).toMatchObject({ state: 'in_review', breached: true }),
      );
      expect(stepOf(view, 'birth').deadline).toBe(iso(at(birthDue)));
      expect(view.deadline).toBe(iso(at(caseDue)));
      await handle.terminate('test over');
    },
  );

  it('when a notice adds a day off inside a lump sum’s confirmation window, then the payee’s deadline moves by that day and the case view shows why', async () => {
    // Arrange: a death received Monday 19/04/2027 at 09:00; the adult relatives have 15 working
    // days to confirm the payee (GROUP_B_RULES, QĐ 1449/QĐ-BHXH). By the statute alone (Labour Code
    // 2019 Art. 111(3), 112: 30/04, 01/05, 03/05 compensating the Saturday) that is Wednesday 12/05.
    const receivedAt = at('2027-04-19T09:00:00');
    const deceased = await addDeceased(stack.simulatorsUrl, { insured: participant(14) });
    const base = aDeathApplication(deceased, '2027-04-19');
    const payeePin = base.relatives[0]?.pin ?? '';
    const application: DeathApplication = {
      ...base,
      components: { funeral: true, survivor: true },
      survivor: {
        kind: 'lump_sum',
        payeePin,
        payment: base.funeral?.payment ?? { postAddress: base.deceased.lastResidence },
      },
    };
    const handle = await stack.client.workflow.start<typeof deathResidenceFuneral>(
      'deathResidenceFuneral',
      {
        taskQueue: TASK_QUEUES.orchestration,
        workflowId: deathCaseId(deceased.pin),
        args: [
          {
            application,
            receivedAt,
            rules: versionInForce(GROUP_B_RULES, '2027-04-19'),
            calendar: await calendarFor(stack.database.appDb, 2027),
          },
        ],
      },
    );
    await waitForCase(stack.app, handle.workflowId, payeePin, (view) =>
      expect(view.payee).toMatchObject({ state: 'awaiting', due: iso(at('2027-05-12T17:00:00')) }),
    );

    // Act: a (test) notice gives Tuesday 04/05 off as well, with the Labour Day weekend.
    const notice = {
      ...aTet2027Notice(),
      daysOff: ['2027-05-01', '2027-05-02', '2027-05-03', '2027-05-04'].map((date) => ({
        date,
        holiday: 'labour' as const,
        name: 'Ngày Quốc tế Lao động (test)',
      })),
    };
    const recorded = await request(stack.app)
      .post('/v1/calendar/notices')
      .set('Authorization', `Bearer ${await tokenFor(ADMIN)}`)
      .send(notice);

    // Assert: one working day later, Thursday 13/05; the timeline names the notice.
    expect(recorded.status).toBe(201);
    const moved = await waitForCase(stack.app, handle.workflowId, payeePin, (view) => {
      expect(view.payee).toMatchObject({ state: 'awaiting', due: iso(at('2027-05-13T17:00:00')) });
      expect(view.timeline).toContainEqual(
        expect.objectContaining({
          event: 'calendar_changed',
          detail: `${notice.number} (Bộ Nội vụ), 2027`,
        }),
      );
    });
    expect(moved.status).not.toBe('completed');
    await recordHistories(stack.client, handle.workflowId, 'death-payee-recounted');
    await handle.terminate('test over');
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
