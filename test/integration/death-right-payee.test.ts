// Issue 19, "the right person, the right money", through the real stack: who may file a death (a
// relative the population database knows; a clerk for anyone, shown to the officers), who is paid
// (a verified relative, or the funeral's organiser once an officer approved it), and a lump sum's
// consent (adults from the population database; Form 09-HSB verified by a BHXH officer first).
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { deathCaseId } from '../../api/filing';
import { vietnamDate } from '../../domain/calendar/vietnam';
import type { DeathApplication } from '../../domain/DeathApplication';
import type { CaseView } from '../../domain/procedures/views';
import { citizen, clerk, file, officer, stepOf, waitForCase } from '../support/group-a';
import {
  addDeceased,
  aDeathApplication,
  EXAMPLE_RELATIVES,
  participant,
  uniquePin,
} from '../support/group-b';
import { recordHistories } from '../support/histories';
import { setCivilStatusReview, startTestStack, type TestStack } from '../support/stack';

describe('Group B: the right person, the right money', () => {
  let stack: TestStack;
  const today = vietnamDate(Date.now());
  // As in the bug report: civil status decides automatically in 00004; 00070 has an officer.
  beforeAll(async () => {
    stack = await startTestStack();
    await setCivilStatusReview(stack.simulatorsUrl, '00004', 'automatic');
    await setCivilStatusReview(stack.simulatorsUrl, '00070', 'officer');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const paymentsTo = async (reference: string) =>
    (
      await stack.database.db.query<{ status: string; payee_pin: string; amount_vnd: string }>(
        `SELECT status, payee->>'pin' AS payee_pin, amount_vnd::text
           FROM sim_payments.payments WHERE reference = $1 ORDER BY requested_at`,
        [reference],
      )
    ).rows;
  const fileAs = async (token: string, application: DeathApplication) =>
    request(stack.app).post('/v1/cases').set('Authorization', `Bearer ${token}`).send(application);
  const inboxTask = (
    agency: 'civil-status' | 'social-insurance',
    caseId: string,
    step: string,
    jurisdiction = '00004',
  ) =>
    vi.waitFor(
      async () => {
        const inbox = await request(stack.app)
          .get('/v1/tasks')
          .set('Authorization', `Bearer ${await officer(agency, jurisdiction)}`);
        const task = (
          inbox.body.items as {
            caseId: string;
            step: string;
            taskId: string;
            summary: Record<string, unknown>;
          }[]
        ).find((t) => t.caseId === caseId && t.step === step);
        expect(task).toBeDefined();
        return task as { taskId: string; summary: Record<string, unknown> };
      },
      { timeout: 30_000, interval: 200 },
    );
  const decideTask = async (
    agency: 'civil-status' | 'social-insurance',
    taskId: string,
    decision: Record<string, unknown>,
  ) =>
    request(stack.app)
      .post(`/v1/tasks/${encodeURIComponent(taskId)}/decision`)
      .set('Authorization', `Bearer ${await officer(agency)}`)
      .send(decision);

  it('when a citizen who is not a relative files a death for any PIN, then 403 with the reason in Vietnamese and English, and nothing is filed or paid', async () => {
    const deceased = await addDeceased(stack.simulatorsUrl, { insured: participant(14) });
    const stranger = uniquePin();
    const application = aDeathApplication(deceased, today, 3, {
      applicant: { ...aDeathApplication(deceased, today).applicant, pin: stranger },
    });

    const filed = await fileAs(await citizen(stranger), application);

    expect(filed.status).toBe(403);
    expect(filed.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(filed.body).toMatchObject({
      code: 'API.FILER_NOT_RELATIVE',
      reason: {
        vi: expect.stringContaining('không phải thân nhân'),
        en: expect.stringContaining('not know the filer as a relative'),
      },
    });
    expect(filed.body.detail).toContain('Luật Hộ tịch 2014 Điều 33');
    const caseId = deathCaseId(deceased.pin);
    await expect(stack.client.workflow.getHandle(caseId).describe()).rejects.toThrow();
    expect(await paymentsTo(`${caseId}:funeral`)).toEqual([]);
  });

  it('when a clerk files for someone the population database does not know as a relative, then the funeral allowance waits for the officer, who sees the filer unverified, and only their approval pays the organiser', async () => {
    const deceased = await addDeceased(stack.simulatorsUrl, { insured: participant(14) });
    const organiser = uniquePin();
    const application = aDeathApplication(deceased, today, 3, {
      applicant: {
        ...aDeathApplication(deceased, today).applicant,
        pin: organiser,
        relationship: 'other',
      },
    });

    const filed = await file(stack.app, application);
    expect(filed.status).toBe(202);
    const caseId = filed.body.caseId as string;
    const waiting = await waitForCase(stack.app, caseId, organiser, (v) =>
      expect(stepOf(v, 'funeral').status).toBe('in_review'),
    );
    expect(stepOf(waiting, 'death').status).toBe('completed');
    expect(await paymentsTo(`${caseId}:funeral`)).toEqual([]);
    const task = await inboxTask('social-insurance', caseId, 'funeral');
    expect(task.summary).toMatchObject({
      filer: { pin: organiser, relationship: 'other', verified: false, filedBy: 'clerk' },
      funeralPayee: { pin: organiser, organisedFuneral: true, verifiedRelative: false },
      amountVnd: 23_400_000,
    });

    const approved = await decideTask('social-insurance', task.taskId, { decision: 'approve' });
    expect(approved.status).toBe(200);
    const view = await waitForCase(stack.app, caseId, organiser, (v) =>
      expect(v.status).toBe('completed'),
    );
    expect(stepOf(view, 'funeral').result).toMatchObject({ amountVnd: '23400000' });
    expect(await paymentsTo(`${caseId}:funeral`)).toEqual([
      { status: 'paid', payee_pin: organiser, amount_vnd: '23400000' },
    ]);
  });

  it('when the officer refuses to pay an unverified organiser, then nothing is paid and the step says why', async () => {
    const deceased = await addDeceased(stack.simulatorsUrl, { insured: participant(14) });
    const organiser = uniquePin();
    const application = aDeathApplication(deceased, today, 3, {
      applicant: { ...aDeathApplication(deceased, today).applicant, pin: organiser },
    });
    const caseId = (await file(stack.app, application)).body.caseId as string;
    const task = await inboxTask('social-insurance', caseId, 'funeral');

    const refused = await decideTask('social-insurance', task.taskId, {
      decision: 'reject',
      reason: 'không có giấy tờ chứng minh đã lo mai táng',
    });

    expect(refused.status).toBe(200);
    const view = await waitForCase(stack.app, caseId, organiser, (v) =>
      expect(v.status).toBe('partially_completed'),
    );
    expect(stepOf(view, 'funeral')).toMatchObject({
      status: 'rejected',
      reasonCode: 'PAYEE.NOT_APPROVED',
      reason: 'không có giấy tờ chứng minh đã lo mai táng',
    });
    expect(await paymentsTo(`${caseId}:funeral`)).toEqual([]);
  });

  it('when a relative files, then the civil-status officer sees the relation the population database holds, verified, and the funeral is paid to them', async () => {
    const deceased = await addDeceased(stack.simulatorsUrl, {
      insured: participant(14),
      commune: '00070',
    });
    const application = aDeathApplication(deceased, today, 3, {
      receivingCommune: '00070',
      funeral: {
        payment: {
          bankAccount: { bank: 'VCB', number: '0011001234567' },
          postAddress: { commune: '00070', line: '5 Phố Hàng Bạc' },
        },
      },
    });
    const spouse = application.applicant.pin;

    const filed = await fileAs(await citizen(spouse), application);

    expect(filed.status).toBe(202);
    const caseId = filed.body.caseId as string;
    const task = await inboxTask('civil-status', caseId, 'death', '00070');
    expect(task.summary).toMatchObject({
      filer: { pin: spouse, relationship: 'spouse', verified: true, filedBy: 'citizen' },
    });
    const approved = await request(stack.app)
      .post(`/v1/tasks/${encodeURIComponent(task.taskId)}/decision`)
      .set('Authorization', `Bearer ${await officer('civil-status', '00070')}`)
      .send({ decision: 'approve' });
    expect(approved.status).toBe(200);
    await waitForCase(stack.app, caseId, spouse, (v) => expect(v.status).toBe('completed'));
    expect(await paymentsTo(`${caseId}:funeral`)).toEqual([
      { status: 'paid', payee_pin: spouse, amount_vnd: '23400000' },
    ]);
  });

  it('when a named relative is not one in the population database, then 422 names the field', async () => {
    const deceased = await addDeceased(stack.simulatorsUrl, { insured: participant(14) });
    const base = aDeathApplication(deceased, today);
    const application = {
      ...base,
      relatives: [
        ...base.relatives,
        {
          ...base.relatives[1],
          pin: uniquePin({ yearOfBirth: 1990 }),
        } as DeathApplication['relatives'][number],
      ],
    };

    const filed = await file(stack.app, application);

    expect(filed.status).toBe(422);
    expect(filed.body).toMatchObject({
      code: 'API.RELATIVE_NOT_REGISTERED',
      errors: [{ in: 'body', pointer: '/relatives/2/pin' }],
    });
  });

  describe('a lump sum’s consent', () => {
    const [spouse, child] = EXAMPLE_RELATIVES.map((r) => r.pin) as [string, string];
    const lumpSum = async (changes: Partial<DeathApplication> = {}) => {
      const deceased = await addDeceased(stack.simulatorsUrl, { insured: participant(14) });
      const base = aDeathApplication(deceased, today);
      const application = aDeathApplication(deceased, today, 3, {
        components: { funeral: true, survivor: true },
        survivor: {
          kind: 'lump_sum',
          payeePin: spouse,
          payment: {
            bankAccount: { bank: 'VCB', number: '0011001234567' },
            postAddress: base.deceased.lastResidence,
          },
        },
        ...changes,
      });
      const filed = await fileAs(await citizen(spouse), application);
      expect(filed.status).toBe(202);
      return filed.body.caseId as string;
    };
    const post = async (caseId: string, token: string, body: Record<string, unknown>) =>
      request(stack.app)
        .post(`/v1/cases/${encodeURIComponent(caseId)}/payee-confirmations`)
        .set('Authorization', `Bearer ${token}`)
        .send(body);

    it('when the applicant posts a declaration before the other adult relatives confirm, then nothing is paid until a BHXH officer verifies it', async () => {
      const caseId = await lumpSum();
      await waitForCase(stack.app, caseId, spouse, (v) =>
        expect(stepOf(v, 'funeral').status).toBe('completed'),
      );

      expect((await post(caseId, await clerk(), {})).status).toBe(400);
      const asOfficer = await post(caseId, await officer('social-insurance'), {
        declarationForm: 'x',
      });
      expect(asOfficer.status).toBe(403);
      const declared = await post(caseId, await citizen(spouse), { declarationForm: 'x' });

      expect(declared.status).toBe(200);
      expect(declared.body.payee).toMatchObject({
        state: 'awaiting',
        declaration: 'x',
        declarationReview: { state: 'in_review' },
      });
      const task = await inboxTask('social-insurance', caseId, 'payee-declaration');
      expect(task.summary).toMatchObject({ declaration: { document: 'x', payeePin: spouse } });
      const meanwhile = await waitForCase(stack.app, caseId, spouse, (v) =>
        expect(stepOf(v, 'payee-declaration').status).toBe('in_review'),
      );
      expect(meanwhile.status).toBe('in_progress');
      expect(meanwhile.steps.map((s) => s.step)).not.toContain('survivor');
      expect(await paymentsTo(`${caseId}:survivor`)).toEqual([]);
      expect((await post(caseId, await clerk(), { declarationForm: 'y' })).status).toBe(422);

      expect(
        (await decideTask('social-insurance', task.taskId, { decision: 'approve' })).status,
      ).toBe(200);
      const view = await waitForCase(stack.app, caseId, spouse, (v) =>
        expect(v.status).toBe('completed'),
      );
      expect(view.payee).toMatchObject({
        state: 'confirmed',
        declarationReview: { state: 'approved' },
      });
      const [paid] = await paymentsTo(`${caseId}:survivor`);
      expect(paid).toMatchObject({ status: 'paid', payee_pin: spouse });
      await recordHistories(stack.client, caseId, 'death-survivor-declaration');
    });

    it('when the officer rejects the declaration, then the relatives must still confirm, and their confirmations pay', async () => {
      const caseId = await lumpSum();
      await waitForCase(stack.app, caseId, spouse, (v) => expect(v.payee).toBeDefined());
      expect((await post(caseId, await clerk(), { declarationForm: 'HSB-1' })).status).toBe(200);
      const task = await inboxTask('social-insurance', caseId, 'payee-declaration');

      const rejected = await decideTask('social-insurance', task.taskId, {
        decision: 'reject',
        reason: 'chữ ký của con không khớp',
      });

      expect(rejected.status).toBe(200);
      const view = await waitForCase(stack.app, caseId, spouse, (v) =>
        expect(v.payee?.declarationReview?.state).toBe('rejected'),
      );
      expect(view.payee).toMatchObject({
        state: 'awaiting',
        declarationReview: { reason: 'chữ ký của con không khớp' },
      });
      expect(view.payee?.declaration).toBeUndefined();
      expect(await paymentsTo(`${caseId}:survivor`)).toEqual([]);
      for (const pin of [spouse, child])
        expect((await post(caseId, await citizen(pin), { payeePin: spouse })).status).toBe(200);
      await waitForCase(stack.app, caseId, spouse, (v) => expect(v.status).toBe('completed'));
      expect(await paymentsTo(`${caseId}:survivor`)).toMatchObject([
        { status: 'paid', payee_pin: spouse },
      ]);
    });

    it('when a relative other than the applicant posts the declaration, then 403', async () => {
      const caseId = await lumpSum();
      await waitForCase(stack.app, caseId, child, (v) => expect(v.payee).toBeDefined());

      const declared = await post(caseId, await citizen(child), { declarationForm: 'x' });

      expect(declared.status).toBe(403);
      expect(declared.body).toMatchObject({
        code: 'API.DECLARATION_NOT_APPLICANT',
        reason: { vi: expect.any(String), en: expect.any(String) },
      });
    });

    it('when the applicant types every relative’s birth date as 2015, then their PINs contradict it (400); when the adult child is left out, the population database’s adults must still confirm', async () => {
      const named = EXAMPLE_RELATIVES.map((r) => ({
        fullName: r.fullName,
        pin: r.pin,
        relationship: r.relationship,
        dateOfBirth: r.dateOfBirth,
        survivorEligible: false,
        hasDirectCarer: true,
      }));
      const deceased = await addDeceased(stack.simulatorsUrl, { insured: participant(14) });
      const asMinors = await fileAs(await citizen(spouse), {
        ...aDeathApplication(deceased, today),
        relatives: named.map((r) => ({ ...r, dateOfBirth: '2015-01-01' })),
      });
      expect(asMinors.status).toBe(400);
      expect(asMinors.body.errors).toEqual([
        expect.objectContaining({ pointer: '/relatives/0/pin' }),
        expect.objectContaining({ pointer: '/relatives/1/pin' }),
      ]);

      const caseId = await lumpSum({ relatives: named.slice(0, 1) });
      const view = await waitForCase(stack.app, caseId, spouse, (v) =>
        expect(stepOf(v, 'funeral').status).toBe('completed'),
      );
      expect(view.payee).toMatchObject({
        state: 'awaiting',
        required: [spouse, expect.any(String)],
      });
      expect(view.payee?.required).toHaveLength(2);
      expect(view.steps.map((s) => s.step)).not.toContain('survivor');
      expect(await paymentsTo(`${caseId}:survivor`)).toEqual([]);
      // The adult child, added from the population database, may follow the case and confirm.
      const asChild = await post(caseId, await citizen(child), { payeePin: spouse });
      expect(asChild.status).toBe(200);
      expect((asChild.body as CaseView).payee?.confirmed).toHaveLength(1);
    });
  });
});
