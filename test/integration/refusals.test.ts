// Every case reaches an end (issue 18) through the real stack: an agency that refuses for good, a
// payment refused everywhere, a step whose workflow is stopped, a return offered where there is no
// earlier agency — each ends the case (or the step) with a reason the citizen can read, or is
// refused at the door; nothing waits forever, and withdrawal of a case still under way answers 2xx.
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { vietnamDate } from '../../domain/calendar/vietnam';
import { workflowIds } from '../../workflows/task-queues';
import { aBirthApplication } from '../fixtures/birth-application';
import {
  cardRefusedFor,
  citizen,
  decide,
  file,
  officer,
  stepOf,
  uniqueCertificate,
  uniqueChildName,
  waitForCase,
} from '../support/group-a';
import { addDeceased, aDeathApplication, participant } from '../support/group-b';
import { recordHistories } from '../support/histories';
import { startTestStack, setCivilStatusReview, type TestStack } from '../support/stack';

describe('cases that meet a refusal or a failure reach an end with a reason', () => {
  let stack: TestStack;
  const today = vietnamDate(Date.now());
  beforeAll(async () => {
    stack = await startTestStack();
    // Deaths wait for the civil-status officer here, so a fault can be set between filing and approval.
    await setCivilStatusReview(stack.simulatorsUrl, '00004', 'officer');
  });
  afterAll(async () => {
    await stack?.stop();
  });
  // A test that fails before clearing its faults must not fail the next ones with them.
  afterEach(() => {
    for (const agency of ['civil-status', 'payments']) stack.faults.clear(agency);
  });

  const messagesFor = async (caseId: string) =>
    (
      await stack.database.db.query<{ template: string; text: string }>(
        'SELECT template, text FROM sim_notifications.messages WHERE reference = $1 ORDER BY message_id',
        [caseId],
      )
    ).rows;

  it('when the civil-status system refuses the birth registration as invalid (400), then the case is rejected with the reason, the citizen is told, and nothing waits', async () => {
    const application = aBirthApplication(uniqueCertificate());
    application.child.fullName = uniqueChildName();
    stack.faults.set('civil-status', {
      rules: [
        {
          path: 'child.fullName',
          equals: application.child.fullName,
          status: 400,
          body: { code: 'CIVIL_STATUS.INVALID_REQUEST', reason: 'the place of birth is unknown' },
        },
      ],
    });
    const filed = await file(stack.app, application);
    expect(filed.status).toBe(202);

    const view = await waitForCase(stack.app, filed.body.caseId, application.applicant.pin, (v) =>
      expect(v.status).toBe('rejected'),
    );
    expect(stepOf(view, 'birth')).toMatchObject({
      status: 'rejected',
      reasonCode: 'AGENCY.BAD_REQUEST',
    });
    expect(view.reason?.code).toBe('AGENCY.BAD_REQUEST');
    expect(view.steps.map((s) => s.step)).toEqual(['birth']);
    // Told after it is shown (the citizen's message leads to a page that already says so).
    const told = await vi.waitFor(
      async () => {
        const messages = await messagesFor(filed.body.caseId);
        expect(messages.map((m) => m.template)).toEqual([
          'case_received',
          'step_rejected',
          'case_finished',
        ]);
        return messages;
      },
      { timeout: 30_000, interval: 250 },
    );
    expect(told[1]?.text).toContain('hệ thống của cơ quan không chấp nhận yêu cầu');
    // Final: nothing left to withdraw (422), not a case stuck behind a failing task (503).
    const withdrawn = await request(stack.app)
      .post(`/v1/cases/${encodeURIComponent(filed.body.caseId)}/withdraw`)
      .set('Authorization', `Bearer ${await citizen(application.applicant.pin)}`)
      .send({ reason: 'thử rút' });
    expect(withdrawn.status).toBe(422);
    stack.faults.clear('civil-status');
    await recordHistories(stack.client, filed.body.caseId, 'group-a-agency-bad-request');
  });

  it('when an officer tries to return the first step, then the API answers 422 and the task does not offer it', async () => {
    const application = aBirthApplication(uniqueCertificate());
    const filed = await file(stack.app, application);
    await waitForCase(stack.app, filed.body.caseId, application.applicant.pin, (v) =>
      expect(stepOf(v, 'birth').state).toBe('in_review'),
    );
    const token = await officer('civil-status');
    const inbox = await request(stack.app).get('/v1/tasks').set('Authorization', `Bearer ${token}`);
    const task = (inbox.body.items as { caseId: string; decisions: string[] }[]).find(
      (t) => t.caseId === filed.body.caseId,
    );
    expect(task?.decisions).toEqual(['approve', 'reject', 'request_supplement']);

    const returned = await decide(stack.app, filed.body.caseId, 'civil-status', {
      decision: 'return',
      reason: 'trả lại cơ quan trước',
    });
    expect(returned.status).toBe(422);
    expect(returned.body.detail).toBe(
      'đây là bước đầu tiên: không có cơ quan nào trước để trả lại',
    );
    const view = await waitForCase(stack.app, filed.body.caseId, application.applicant.pin, (v) =>
      expect(stepOf(v, 'birth').state).toBe('in_review'),
    );
    expect(view.status).toBe('in_progress');
  });

  it('when the payments system refuses the funeral allowance at the bank and by post, then the step is rejected naming the decision, and nothing is paid', async () => {
    const deceased = await addDeceased(stack.simulatorsUrl, { insured: participant(14) });
    const application = aDeathApplication(deceased, today);
    const filed = await file(stack.app, application);
    expect(filed.status).toBe(202);
    const reference = `${filed.body.caseId}:funeral`;
    stack.faults.set('payments', {
      rules: [
        {
          path: 'reference',
          equals: reference,
          status: 422,
          body: { code: 'PAYMENTS.REFUSED', reason: 'the payee is under a court freeze' },
        },
      ],
    });
    expect(
      (await decide(stack.app, filed.body.caseId, 'civil-status', { decision: 'approve' })).status,
    ).toBe(200);

    const view = await waitForCase(stack.app, filed.body.caseId, application.applicant.pin, (v) =>
      expect(v.status).toBe('partially_completed'),
    );
    const funeral = stepOf(view, 'funeral');
    expect(funeral).toMatchObject({ status: 'rejected', reasonCode: 'PAYMENTS.REFUSED' });
    expect(funeral.reason).toMatch(
      /^granted by decision \S+, not paid: the payee is under a court freeze/,
    );
    expect(stepOf(view, 'residence-removal').status).toBe('completed');
    const payments = await stack.database.db.query(
      "SELECT 1 FROM sim_payments.payments WHERE reference = $1 AND status = 'paid'",
      [reference],
    );
    expect(payments.rowCount).toBe(0);
    stack.faults.clear('payments');
    await recordHistories(stack.client, filed.body.caseId, 'death-payment-refused');
  });

  it('when the bank refuses the account with a code of its own, then the allowance is paid by post once', async () => {
    const deceased = await addDeceased(stack.simulatorsUrl, { insured: participant(14) });
    const application = aDeathApplication(deceased, today);
    const filed = await file(stack.app, application);
    const reference = `${filed.body.caseId}:funeral`;
    stack.faults.set('payments', {
      rules: [
        {
          path: 'reference',
          equals: reference,
          status: 422,
          times: 1,
          body: { code: 'PAYMENTS.ACCOUNT_FROZEN', reason: 'the account is frozen' },
        },
      ],
    });
    await decide(stack.app, filed.body.caseId, 'civil-status', { decision: 'approve' });

    const view = await waitForCase(stack.app, filed.body.caseId, application.applicant.pin, (v) =>
      expect(v.status).toBe('completed'),
    );
    expect(stepOf(view, 'funeral').result).toMatchObject({
      paymentChannel: 'post',
      bankRefused: 'the account is frozen',
    });
    const paid = await stack.database.db.query<{ channel: string }>(
      "SELECT channel FROM sim_payments.payments WHERE reference = $1 AND status = 'paid'",
      [reference],
    );
    expect(paid.rows).toEqual([{ channel: 'post' }]);
    stack.faults.clear('payments');
  });

  it('when an operator stops a step’s workflow, then the case ends with that step rejected and why', async () => {
    const application = aBirthApplication(uniqueCertificate());
    const filed = await file(stack.app, application);
    await waitForCase(stack.app, filed.body.caseId, application.applicant.pin, (v) =>
      expect(stepOf(v, 'birth').state).toBe('in_review'),
    );
    await stack.client.workflow
      .getHandle(workflowIds.step(filed.body.caseId, 'birth'))
      .terminate('stopped by an operator');

    const view = await waitForCase(stack.app, filed.body.caseId, application.applicant.pin, (v) =>
      expect(v.status).toBe('rejected'),
    );
    expect(stepOf(view, 'birth')).toMatchObject({
      status: 'rejected',
      reasonCode: 'STEP.CANCELLED',
    });
    // Its task left the inbox with it: nobody is asked to decide a step that no longer runs.
    const inbox = await request(stack.app)
      .get('/v1/tasks')
      .set('Authorization', `Bearer ${await officer('civil-status')}`);
    expect(inbox.body.items.map((t: { caseId: string }) => t.caseId)).not.toContain(
      filed.body.caseId,
    );
  });

  it('when an agency is down, then the applicant can still withdraw the case (2xx)', async () => {
    const application = aBirthApplication(uniqueCertificate());
    stack.faults.set('civil-status', { fail5xx: 1_000 });
    const filed = await file(stack.app, application);
    await waitForCase(stack.app, filed.body.caseId, application.applicant.pin, (v) =>
      expect(stepOf(v, 'birth').state).toBe('waiting_agency'),
    );
    const withdrawn = await request(stack.app)
      .post(`/v1/cases/${encodeURIComponent(filed.body.caseId)}/withdraw`)
      .set('Authorization', `Bearer ${await citizen(application.applicant.pin)}`)
      .send({ reason: 'nộp nhầm hồ sơ' });
    stack.faults.clear('civil-status');
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
  });

  it('when the case waits on a correction while civil status is down, then the applicant can still withdraw it at once', async () => {
    const application = aBirthApplication(uniqueCertificate());
    application.child.fullName = uniqueChildName();
    stack.faults.set(
      'social-insurance',
      cardRefusedFor(application.child.fullName, {
        code: 'SOCIAL_INSURANCE.BIRTH_DATA_DEFECT',
        reason: 'họ tên không khớp',
        returnTo: 'civil-status',
      }),
    );
    const filed = await file(stack.app, application);
    expect(
      (await decide(stack.app, filed.body.caseId, 'civil-status', { decision: 'approve' })).status,
    ).toBe(200);
    // From now on civil status answers 503: the correction the card's return asks for cannot be made.
    stack.faults.set('civil-status', { fail5xx: 100_000 });
    await waitForCase(stack.app, filed.body.caseId, application.applicant.pin, (v) =>
      expect(stepOf(v, 'insurance').state).toBe('returned'),
    );

    const withdrawn = await request(stack.app)
      .post(`/v1/cases/${encodeURIComponent(filed.body.caseId)}/withdraw`)
      .set('Authorization', `Bearer ${await citizen(application.applicant.pin)}`)
      .send({ reason: 'nộp lại hồ sơ khác' });
    stack.faults.clear('civil-status');
    stack.faults.clear('social-insurance');

    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    const view = await waitForCase(stack.app, filed.body.caseId, application.applicant.pin, (v) =>
      expect(stepOf(v, 'insurance').status).toBe('cancelled'),
    );
    expect(stepOf(view, 'birth').status).toBe('completed');
  });
});
