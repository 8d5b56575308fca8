// Group A through the real stack: API → Temporal → workers → agency simulators (HTTP, own schemas)
// → read model, with officers acting through the API.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { aBirthApplication, motherPin } from '../fixtures/birth-application';
import {
  cardRefusedFor,
  citizen,
  decide,
  file,
  readCase,
  uniqueCertificate,
  uniqueChildName,
  stepOf,
  waitForCase,
} from '../support/group-a';
import { recordHistories } from '../support/histories';
import { startTestStack, type TestStack } from '../support/stack';

describe('birth → residence → health insurance, through the real stack', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** What an agency's own system holds (its read endpoints), as `{ <list>: rows }`. */
  const simulator = async <T = unknown>(path: string) =>
    (await (await fetch(`${stack.simulatorsUrl}${path}`)).json()) as Record<string, T[]>;

  it('when all three are chosen and the civil-status officer approves, then the case completes with PIN, extract, residence and card', async () => {
    // Arrange
    const application = { ...aBirthApplication(uniqueCertificate()) };

    // Act
    const filed = await file(stack.app, application);
    expect(filed.status).toBe(202);
    const { caseId } = filed.body;
    const approved = await decide(stack.app, caseId, 'civil-status', { decision: 'approve' });
    expect(approved.status).toBe(200);

    // Assert
    const view = await waitForCase(stack.app, caseId, application.applicant.pin, (v) =>
      expect(v.status).toBe('completed'),
    );
    const birth = stepOf(view, 'birth').result ?? {};
    expect(birth).toMatchObject({
      pin: expect.stringMatching(/^001226\d{6}$/),
      extractNumber: expect.stringMatching(/^KS-00004-\d{4}-\d{6}$/),
    });
    expect(stepOf(view, 'residence').result?.residenceRef).toMatch(/^CT-\d{4}-\d{7}$/);
    expect(stepOf(view, 'insurance').result).toMatchObject({
      insuranceNumber: expect.stringMatching(/^01\d{8}$/),
      validTo: '2032-11-17',
    });
    const registrations = await simulator(
      `/civil-status/birth-registrations?certificateNumber=${application.medicalBirthCertificate.number}`,
    );
    expect(registrations.registrations).toHaveLength(1);
    const cards = await simulator(`/social-insurance/cards?pin=${birth.pin}`);
    expect(cards.cards).toHaveLength(1);
    // The closing message goes out just after the case turns completed.
    await vi.waitFor(async () => {
      const messages = await simulator<{ template: string }>(
        `/notifications/messages?reference=${encodeURIComponent(caseId)}`,
      );
      expect(messages.messages?.map((m) => m.template)).toEqual(
        expect.arrayContaining(['case_received', 'step_completed', 'case_finished']),
      );
    });
    await recordHistories(stack.client, caseId, 'group-a-all-three');
  });

  it.each([
    [{ residence: false, insurance: true }, ['birth', 'insurance'], ['residence']],
    [{ residence: true, insurance: false }, ['birth', 'residence'], ['insurance']],
  ])(
    'when %o is chosen, then only those steps run and the case completes',
    async (components, ran, skipped) => {
      const base = aBirthApplication(uniqueCertificate());
      const application = {
        ...base,
        components,
        ...(components.residence ? {} : { residence: undefined }),
      };
      const { body } = await file(stack.app, application);
      await decide(stack.app, body.caseId, 'civil-status', { decision: 'approve' });
      const view = await waitForCase(stack.app, body.caseId, base.applicant.pin, (v) =>
        expect(v.status).toBe('completed'),
      );
      expect(view.steps.map((s: { step: string }) => s.step).sort()).toEqual(ran.sort());
      for (const step of skipped)
        expect(view.steps.map((s: { step: string }) => s.step)).not.toContain(step);
      await recordHistories(stack.client, body.caseId, `group-a-only-${ran.join('-')}`);
    },
  );

  it('when the residence address is unknown, then the case is partially completed, the card issued and the reason visible to the citizen', async () => {
    const base = aBirthApplication(uniqueCertificate());
    const application = {
      ...base,
      residence: {
        householdHeadPin: '001088054321',
        relationshipToHead: 'con',
        address: { commune: '00004', line: '99 Phố Không Tồn Tại' },
      },
    };
    const { body } = await file(stack.app, application);
    await decide(stack.app, body.caseId, 'civil-status', { decision: 'approve' });
    const view = await waitForCase(stack.app, body.caseId, base.applicant.pin, (v) =>
      expect(v.status).toBe('partially_completed'),
    );
    expect(stepOf(view, 'residence')).toMatchObject({
      status: 'rejected',
      reason: 'no household is registered at this address',
    });
    expect(stepOf(view, 'insurance').status).toBe('completed');
    await recordHistories(stack.client, body.caseId, 'group-a-residence-rejected');
  });

  it('when the same birth certificate is filed twice, then one case exists and the second gets 409 with its id', async () => {
    const application = aBirthApplication(uniqueCertificate());
    const first = await file(stack.app, application);
    const second = await file(stack.app, application);
    expect(second.status).toBe(409);
    expect(second.body.caseId).toBe(first.body.caseId);
  });

  it('when the same Idempotency-Key and body are sent again, then the first response comes back', async () => {
    const application = aBirthApplication(uniqueCertificate());
    const first = await file(stack.app, application, 'desk-42-request-0001');
    const again = await file(stack.app, application, 'desk-42-request-0001');
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
  });

  it('when the application is invalid in several ways, then 400 lists every issue and nothing starts', async () => {
    const base = aBirthApplication(uniqueCertificate());
    const { mother: _mother, ...rest } = base;
    const invalid = {
      ...rest,
      receivingCommune: '99999',
      applicant: { ...base.applicant, pin: '12345' },
      child: { ...base.child, dateOfBirth: '2099-01-01' },
      residence: undefined,
    };
    const response = await file(stack.app, invalid);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
    expect(response.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(
      expect.arrayContaining([
        '/applicant/pin',
        '/mother',
        '/residence',
        '/child/dateOfBirth',
        '/receivingCommune',
      ]),
    );
    const notStarted = await readCase(
      stack.app,
      `birth-residence-insurance:${base.medicalBirthCertificate.number}`,
      base.applicant.pin,
    );
    expect(notStarted.status).toBe(404);
  });

  it('when another citizen asks for the case, then it does not exist for them', async () => {
    const application = aBirthApplication(uniqueCertificate());
    const { body } = await file(stack.app, application);
    await waitForCase(stack.app, body.caseId, application.applicant.pin, (v) =>
      expect(v.caseId).toBe(body.caseId),
    );
    const stranger = await readCase(stack.app, body.caseId, '001199999999');
    expect(stranger.status).toBe(404);
    const mine = await request(stack.app)
      .get('/v1/me/cases')
      .set('Authorization', `Bearer ${await citizen(motherPin(application))}`);
    expect(mine.body.items.map((c: { caseId: string }) => c.caseId)).toContain(body.caseId);
    const theirs = await request(stack.app)
      .get('/v1/me/cases')
      .set('Authorization', `Bearer ${await citizen('001199999999')}`);
    expect(theirs.body.items).toEqual([]);
  });

  it('when a supplement is requested and answered in time, then the step returns to review and the case completes', async () => {
    const application = aBirthApplication(uniqueCertificate());
    const { body } = await file(stack.app, application);
    const asked = await decide(stack.app, body.caseId, 'civil-status', {
      decision: 'request_supplement',
      missing: ['giấy chứng sinh bản điện tử'],
    });
    expect(asked.body).toMatchObject({
      state: 'awaiting_supplement',
      missing: ['giấy chứng sinh bản điện tử'],
    });
    const waiting = await waitForCase(stack.app, body.caseId, application.applicant.pin, (v) =>
      expect(v.status).toBe('awaiting_supplement'),
    );
    expect(stepOf(waiting, 'birth').deadline).toBeUndefined(); // the step's clock is paused

    const answered = await request(stack.app)
      .post(`/v1/cases/${encodeURIComponent(body.caseId)}/supplements`)
      .set('Authorization', `Bearer ${await citizen(application.applicant.pin)}`)
      .send({ documents: ['giay-chung-sinh.pdf'] });
    expect(answered.status).toBe(200);
    expect(answered.body.state).toBe('in_review');
    await decide(stack.app, body.caseId, 'civil-status', { decision: 'approve' });
    await waitForCase(stack.app, body.caseId, application.applicant.pin, (v) =>
      expect(v.status).toBe('completed'),
    );
    const messages = await simulator<{ template: string }>(
      `/notifications/messages?reference=${encodeURIComponent(body.caseId)}`,
    );
    expect(messages.messages?.map((m) => m.template)).toContain('supplement_requested');
    await recordHistories(stack.client, body.caseId, 'group-a-supplement-answered');
  });

  it('when the applicant withdraws before any decision, then no birth is registered and the request is cancelled at civil status', async () => {
    const application = aBirthApplication(uniqueCertificate());
    const { body } = await file(stack.app, application);
    await waitForCase(stack.app, body.caseId, application.applicant.pin, (v) =>
      expect(stepOf(v, 'birth').state).toBe('in_review'),
    );

    const withdrawn = await request(stack.app)
      .post(`/v1/cases/${encodeURIComponent(body.caseId)}/withdraw`)
      .set('Authorization', `Bearer ${await citizen(application.applicant.pin)}`)
      .send({ reason: 'nộp nhầm hồ sơ' });

    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    const view = await waitForCase(stack.app, body.caseId, application.applicant.pin, (v) =>
      expect(stepOf(v, 'birth').status).toBe('cancelled'),
    );
    expect(view.status).toBe('withdrawn');
    const records = await simulator<{ status: string }>(
      `/civil-status/birth-registrations?certificateNumber=${application.medicalBirthCertificate.number}`,
    );
    expect(records.registrations?.map((r) => r.status)).toEqual(['cancelled']);
    const again = await request(stack.app)
      .post(`/v1/cases/${encodeURIComponent(body.caseId)}/withdraw`)
      .set('Authorization', `Bearer ${await citizen(application.applicant.pin)}`)
      .send({ reason: 'lần nữa' });
    expect(again.status).toBe(422);
    await recordHistories(stack.client, body.caseId, 'group-a-withdrawn');
  });

  it('when BHXH finds a defect caused by the civil-status step, then the file goes back there, is corrected, and the card is issued', async () => {
    const base = aBirthApplication(uniqueCertificate());
    // Named uniquely: the agency's refusal rule matches on the name, and other cases may still be running.
    const application = { ...base, child: { ...base.child, fullName: uniqueChildName() } };
    stack.faults.set(
      'social-insurance',
      cardRefusedFor(
        application.child.fullName,
        {
          code: 'SOCIAL_INSURANCE.BIRTH_DATA_DEFECT',
          reason: 'họ tên không khớp dữ liệu hộ tịch',
          returnTo: 'civil-status',
        },
        1,
      ),
    );
    const { body } = await file(stack.app, application);
    await decide(stack.app, body.caseId, 'civil-status', { decision: 'approve' });

    const view = await waitForCase(stack.app, body.caseId, application.applicant.pin, (v) =>
      expect(v.status).toBe('completed'),
    );
    stack.faults.clear('social-insurance');
    expect(view.timeline.map((e) => `${e.step ?? ''}:${e.event}`)).toEqual(
      expect.arrayContaining(['insurance:returned', 'birth:corrected', 'insurance:completed']),
    );
    const records = await simulator<{ corrections: number }>(
      `/civil-status/birth-registrations?certificateNumber=${application.medicalBirthCertificate.number}`,
    );
    expect(records.registrations?.map((r) => r.corrections)).toEqual([1]);
    await recordHistories(stack.client, body.caseId, 'group-a-returned-corrected');
  });
});
