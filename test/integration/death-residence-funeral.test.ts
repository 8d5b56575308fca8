// Group B through the real stack: API → Temporal → workers on per-agency queues → the agencies'
// simulators over HTTP (each checked in its own tables) → read model → API.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamDate } from '../../domain/calendar/vietnam';
import { tokenFor } from '../support/auth';
import { citizen, decide, file, officer, readCase, stepOf, waitForCase } from '../support/group-a';
import {
  addDeceased,
  aDeathApplication,
  participant,
  registerRelatives,
  uniquePin,
} from '../support/group-b';
import { simulatorsAdmin } from '../../agencies/simulators/admin.client';
import {
  EXAMPLE_DEATH_APPLICATION,
  type DeathApplication,
  type Payment,
} from '../../domain/DeathApplication';
import { SIMULATORS_ADMIN_TOKEN } from '../support/auth';
import { recordHistories } from '../support/histories';
import { startTestStack, type TestStack, setCivilStatusReview } from '../support/stack';

describe('Group B: death → residence removal ∥ funeral and survivor allowances', () => {
  let stack: TestStack;
  const today = vietnamDate(Date.now());
  beforeAll(async () => {
    stack = await startTestStack();
    for (const commune of ['00004', '00070'])
      await setCivilStatusReview(stack.simulatorsUrl, commune, 'automatic');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const payment = (app: DeathApplication): Payment => {
    if (!app.funeral) throw new Error('the fixture claims the funeral allowance');
    return app.funeral.payment;
  };
  const rows = async <T>(sql: string, value: string) =>
    (await stack.database.db.query<T & Record<string, unknown>>(sql, [value])).rows;
  const paymentsFor = (reference: string) =>
    rows<{ status: string; channel: string; amount_vnd: string }>(
      'SELECT status, channel, amount_vnd::text FROM sim_payments.payments WHERE reference = $1 ORDER BY requested_at',
      reference,
    );

  it('when a BHXH participant with 14 compulsory months dies, then the death is registered, residence removed and 23,400,000 VND paid once', async () => {
    const deceased = await addDeceased(stack.simulatorsUrl, { insured: participant(14) });
    const application = aDeathApplication(deceased, today);

    const filed = await file(stack.app, application);
    expect(filed.status).toBe(202);
    const view = await waitForCase(stack.app, filed.body.caseId, application.applicant.pin, (v) =>
      expect(v.status).toBe('completed'),
    );

    expect(stepOf(view, 'death').result?.extractNumber).toMatch(/^KT-00004-\d{4}-\d{6}$/);
    expect(stepOf(view, 'residence-removal').status).toBe('completed');
    expect(stepOf(view, 'funeral')).toMatchObject({
      agency: 'social-insurance',
      status: 'completed',
      result: { payer: 'social-insurance', amountVnd: '23400000', paymentChannel: 'bank' },
    });
    expect(view.steps.map((s) => s.step)).not.toContain('pension-stop');
    expect(await paymentsFor(`${filed.body.caseId}:funeral`)).toEqual([
      { status: 'paid', channel: 'bank', amount_vnd: '23400000' },
    ]);
    expect(
      await rows<{ status: string }>(
        'SELECT status FROM sim_police.residence_registrations WHERE pin = $1',
        deceased.pin,
      ),
    ).toEqual([{ status: 'removed' }]);
    await recordHistories(stack.client, filed.body.caseId, 'death-funeral-bhxh');
  });

  it('when someone on monthly social assistance, never insured, dies, then the commune officer approves social-protection support of 10,000,000 VND', async () => {
    const deceased = await addDeceased(stack.simulatorsUrl, { assistance: true, commune: '00070' });
    const application = aDeathApplication(deceased, today);

    const filed = await file(stack.app, application);
    // The clerk of 00004 filed for a commune that is not theirs: refused.
    expect(filed.status).toBe(403);
    const own = await request(stack.app)
      .post('/v1/cases')
      .set('Authorization', `Bearer ${await citizen(application.applicant.pin)}`)
      .send(application);
    expect(own.status).toBe(202);
    const approved = await decide(
      stack.app,
      own.body.caseId,
      'social-protection',
      { decision: 'approve' },
      '00070',
    );
    expect(approved.status).toBe(200);
    const view = await waitForCase(stack.app, own.body.caseId, application.applicant.pin, (v) =>
      expect(v.status).toBe('completed'),
    );
    expect(stepOf(view, 'funeral')).toMatchObject({
      agency: 'social-protection',
      result: { payer: 'social-protection', amountVnd: '10000000' },
    });
    expect(await paymentsFor(`${own.body.caseId}:funeral`)).toEqual([
      { status: 'paid', channel: 'bank', amount_vnd: '10000000' },
    ]);
    await recordHistories(stack.client, own.body.caseId, 'death-funeral-social-protection');
  });

  it('when the bank refuses the account, then the allowance is paid by post, once', async () => {
    const deceased = await addDeceased(stack.simulatorsUrl, { meritCategory: 'thương binh' });
    const application = aDeathApplication(deceased, today, 3, {
      funeral: {
        payment: {
          bankAccount: { bank: 'VCB', number: '0011000999999' }, // closed (seeded)
          postAddress: { commune: '00004', line: '12 Phố Đội Cấn' },
        },
      },
    });
    const filed = await file(stack.app, application);
    const view = await waitForCase(stack.app, filed.body.caseId, application.applicant.pin, (v) =>
      expect(v.status).toBe('completed'),
    );
    expect(stepOf(view, 'funeral').result).toMatchObject({
      payer: 'merit-services',
      paymentChannel: 'post',
      bankRefused: 'the account is closed',
    });
    expect(await paymentsFor(`${filed.body.caseId}:funeral`)).toEqual([
      { status: 'rejected', channel: 'bank', amount_vnd: '23400000' },
      { status: 'paid', channel: 'post', amount_vnd: '23400000' },
    ]);
    await recordHistories(stack.client, filed.body.caseId, 'death-funeral-bank-refused');
  });

  it('when the claim is filed 91 days after the death with no explanation (QĐ 863/QĐ-BNV, DOMAIN.md §2C: 90 days for BHXH), then BHXH — not the engine — refuses it by a numbered written decision, and the other steps complete', async () => {
    const deceased = await addDeceased(stack.simulatorsUrl, { insured: participant(14) });
    const application = aDeathApplication(deceased, today, 91);
    const filed = await file(stack.app, application);
    const view = await waitForCase(stack.app, filed.body.caseId, application.applicant.pin, (v) =>
      expect(v.status).toBe('partially_completed'),
    );
    expect(stepOf(view, 'funeral')).toMatchObject({
      agency: 'social-insurance',
      status: 'rejected',
      reasonCode: 'BENEFITS.REFUSED',
      reason: expect.stringMatching(
        /^decision MT-\d{4}-\d{6}: filed 91 days after the death, beyond the 90 days, with no written explanation/,
      ) as unknown,
      result: { payer: 'social-insurance', refusedBy: 'payer' },
    });
    expect(
      await rows<{ status: string; reasons: string[] }>(
        'SELECT status, reasons FROM sim_social_insurance.funeral_decisions WHERE pin = $1',
        deceased.pin,
      ),
    ).toEqual([{ status: 'refused', reasons: [expect.stringContaining('91 days') as unknown] }]);
    expect(stepOf(view, 'death').status).toBe('completed');
    expect(stepOf(view, 'residence-removal').status).toBe('completed');
    expect(await paymentsFor(`${filed.body.caseId}:funeral`)).toEqual([]);
    await recordHistories(stack.client, filed.body.caseId, 'death-funeral-too-late');
  });

  it('when the claim is filed 91 days after the death with a written explanation, then BHXH decides it and pays 23,400,000 VND: the 90 days are no forfeiture', async () => {
    const deceased = await addDeceased(stack.simulatorsUrl, { insured: participant(14) });
    const base = aDeathApplication(deceased, today, 91);
    const application = {
      ...base,
      funeral: {
        payment: payment(base),
        lateExplanation: 'Gia đình ở xa, nhận giấy báo tử muộn.',
      },
    };
    const filed = await file(stack.app, application);
    const view = await waitForCase(stack.app, filed.body.caseId, application.applicant.pin, (v) =>
      expect(v.status).toBe('completed'),
    );
    expect(stepOf(view, 'funeral')).toMatchObject({
      status: 'completed',
      result: { payer: 'social-insurance', amountVnd: '23400000' },
    });
  });

  it('when the death is before every rule the engine holds (a death in 2018), then the engine refuses the funeral allowance by that rule, recorded as the rule’s, not the agency’s', async () => {
    const deceased = await addDeceased(stack.simulatorsUrl, { insured: participant(14) });
    const application = aDeathApplication(deceased, today, 3, {
      death: { ...EXAMPLE_DEATH_APPLICATION.death, date: '2018-05-01' },
      deathNotice: { ...EXAMPLE_DEATH_APPLICATION.deathNotice, issuedOn: '2018-05-01' },
    });
    const filed = await file(stack.app, application);
    const view = await waitForCase(stack.app, filed.body.caseId, application.applicant.pin, (v) =>
      expect(v.status).toBe('partially_completed'),
    );
    expect(stepOf(view, 'funeral')).toMatchObject({
      status: 'rejected',
      reasonCode: 'BENEFITS.NO_RULE_FOR_DATE',
      result: { refusedBy: 'rule', rule: expect.stringContaining('benefit-law.ts') as unknown },
    });
    expect(
      await rows(
        'SELECT 1 FROM sim_social_insurance.funeral_decisions WHERE pin = $1',
        deceased.pin,
      ),
    ).toEqual([]);
  });

  it('when a lump-sum survivor allowance is asked, then it waits for the last adult relative; a relative not named cannot confirm', async () => {
    const deceased = await addDeceased(stack.simulatorsUrl, {
      insured: participant(14),
      relatives: [],
    });
    const spouse = uniquePin({ sex: 'female', yearOfBirth: 1955 });
    const child = uniquePin({ yearOfBirth: 1980 });
    const grandchild = uniquePin({ yearOfBirth: 2015 });
    const payment = {
      bankAccount: { bank: 'VCB', number: '0011001234567' },
      postAddress: { commune: '00004', line: '12 Phố Đội Cấn' },
    };
    const relative = (
      pin: string,
      relationship: 'spouse' | 'child' | 'grandchild',
      born: string,
    ) => ({
      fullName: 'Lê Thị Hoa',
      pin,
      relationship,
      dateOfBirth: born,
      survivorEligible: false,
      hasDirectCarer: true,
    });
    const application = aDeathApplication(deceased, today, 3, {
      components: { funeral: true, survivor: true },
      applicant: { ...aDeathApplication(deceased, today).applicant, pin: spouse },
      relatives: [
        relative(spouse, 'spouse', '1955-01-01'),
        relative(child, 'child', '1980-01-01'),
        relative(grandchild, 'grandchild', '2015-01-01'),
      ],
      survivor: { kind: 'lump_sum', payeePin: spouse, payment },
    });
    await registerRelatives(stack.simulatorsUrl, application);
    const filed = await file(stack.app, application);
    const caseId = filed.body.caseId as string;
    const confirm = async (pin: string, body: Record<string, unknown> = { payeePin: spouse }) =>
      request(stack.app)
        .post(`/v1/cases/${encodeURIComponent(caseId)}/payee-confirmations`)
        .set('Authorization', `Bearer ${await citizen(pin)}`)
        .send(body);

    await waitForCase(stack.app, caseId, spouse, (v) =>
      expect(stepOf(v, 'funeral').status).toBe('completed'),
    );
    expect((await confirm(uniquePin())).status).toBe(404);
    const minor = await confirm(grandchild);
    expect(minor.status).toBe(422);
    expect(minor.body.detail).toBe(
      'chỉ các thân nhân đã thành niên được khai trong hồ sơ mới xác nhận người nhận',
    );
    expect((await confirm(child, { payeePin: child })).status).toBe(422);
    const first = await confirm(spouse);
    expect(first.status).toBe(200);
    expect(first.body.payee).toMatchObject({ state: 'awaiting', confirmed: [spouse] });
    // Read back at once, by another relative: the partial confirmation shows as it arrived.
    const meanwhile = await readCase(stack.app, caseId, child);
    expect(meanwhile.body.payee).toMatchObject({
      state: 'awaiting',
      confirmed: [`********${spouse.slice(-4)}`],
    });
    expect(first.body.steps.map((s: { step: string }) => s.step)).not.toContain('survivor');

    expect((await confirm(child)).status).toBe(200);
    const view = await waitForCase(stack.app, caseId, spouse, (v) =>
      expect(v.status).toBe('completed'),
    );
    // The spouse sees their own PIN whole and the other relative's masked.
    expect(view.payee).toMatchObject({
      state: 'confirmed',
      confirmed: [spouse, `********${child.slice(-4)}`],
    });
    expect(stepOf(view, 'survivor').result).toMatchObject({
      kind: 'lump_sum',
      amountVnd: String(3 * 7_500_000),
      paymentChannel: 'bank',
    });
    expect(await paymentsFor(`${caseId}:survivor`)).toEqual([
      { status: 'paid', channel: 'bank', amount_vnd: '22500000' },
    ]);
    await recordHistories(stack.client, caseId, 'death-survivor-lump-sum');
  });

  it('when one civil-status officer records a court’s annulment and a second approves it, then residence is restored, the payment reclaimed, the pension reinstated and the case annulled — and not before', async () => {
    const deceased = await addDeceased(stack.simulatorsUrl, {
      insured: {
        ...participant(300),
        pensioner: true,
        monthlyPensionVnd: 6_500_000,
        retiredOn: '2020-04-01',
      },
    });
    const application = aDeathApplication(deceased, today);
    const filed = await file(stack.app, application);
    const caseId = filed.body.caseId as string;
    const done = await waitForCase(stack.app, caseId, application.applicant.pin, (v) =>
      expect(v.status).toBe('completed'),
    );
    expect(stepOf(done, 'pension-stop').result?.decisionNumber).toMatch(/^DC-/);
    await recordHistories(stack.client, caseId, 'death-pensioner');
    const path = `/v1/cases/${encodeURIComponent(caseId)}/annulment`;
    const annul = async (token: string) =>
      request(stack.app)
        .post(path)
        .set('Authorization', `Bearer ${token}`)
        .send({
          ruling: {
            number: '12/2026/QĐST-DS',
            court: 'TAND TP Hà Nội',
            date: today,
            document: 'qd-12-2026-QDST-DS.pdf',
          },
          reason: 'the person declared dead has returned',
        });
    const approve = async (token: string) =>
      request(stack.app).post(`${path}/approval`).set('Authorization', `Bearer ${token}`);
    const maker = await officer('civil-status'); // officer-civil-status, in the directory
    const checker = await tokenFor({
      sub: 'officer-civil-status-2',
      role: 'officer',
      agency: 'civil-status',
      jurisdiction: '00004',
    });
    expect((await annul(await officer('police'))).status).toBe(403);

    // A ruling the checker refuses undoes nothing, and a corrected one can then be recorded.
    expect((await annul(maker)).status).toBe(201);
    const refused = await request(stack.app)
      .post(`${path}/rejection`)
      .set('Authorization', `Bearer ${checker}`)
      .send({ reason: 'số bản án không khớp với tòa án' });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ state: 'rejected', decidedBy: 'officer-civil-status-2' });

    // The maker records the ruling: a pending request, nothing undone yet.
    const recorded = await annul(maker);
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({
      caseId,
      state: 'pending',
      recordedBy: 'officer-civil-status',
      ruling: { number: '12/2026/QĐST-DS', document: 'qd-12-2026-QDST-DS.pdf' },
    });
    expect((await annul(checker)).status).toBe(409);
    // Nor may the maker approve it themself.
    const own = await approve(maker);
    expect(own.status).toBe(403);
    expect(own.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(
      (await waitForCase(stack.app, caseId, application.applicant.pin, () => undefined)).status,
    ).toBe('completed');
    expect(
      await rows(
        'SELECT pension_status FROM sim_social_insurance.people WHERE pin = $1',
        deceased.pin,
      ),
    ).toEqual([{ pension_status: 'stopped' }]);

    // A second civil-status officer of the jurisdiction approves: only now is it undone.
    const accepted = await approve(checker);
    expect(accepted.status).toBe(202);
    const view = await waitForCase(stack.app, caseId, application.applicant.pin, (v) =>
      expect(v.timeline.at(-1)?.event).toBe('annulled'),
    );

    expect(view.status).toBe('annulled');
    for (const step of ['death', 'residence-removal', 'funeral', 'pension-stop'])
      expect(stepOf(view, step).status).toBe('compensated');
    expect(view.timeline.filter((e) => e.event === 'compensated').map((e) => e.step)).toEqual([
      'residence-removal',
      'funeral',
      'pension-stop',
      'death',
    ]);
    expect(
      await rows(
        'SELECT status FROM sim_police.residence_registrations WHERE pin = $1',
        deceased.pin,
      ),
    ).toEqual([{ status: 'registered' }]);
    const paymentRef = stepOf(view, 'funeral').result?.paymentRef ?? '';
    expect(
      await rows<{ amount_vnd: string }>(
        'SELECT amount_vnd::text FROM sim_payments.reclaims WHERE payment_ref = $1',
        paymentRef,
      ),
    ).toEqual([{ amount_vnd: '23400000' }]);
    expect(
      await rows(
        'SELECT pension_status FROM sim_social_insurance.people WHERE pin = $1',
        deceased.pin,
      ),
    ).toEqual([{ pension_status: 'running' }]);
    expect((await annul(maker)).status).toBe(422);
    expect((await approve(checker)).status).toBe(422);
    const requests = await request(stack.app).get(path).set('Authorization', `Bearer ${maker}`);
    expect(requests.body.items).toMatchObject([
      {
        state: 'approved',
        recordedBy: 'officer-civil-status',
        decidedBy: 'officer-civil-status-2',
      },
      {
        state: 'rejected',
        recordedBy: 'officer-civil-status',
        decidedBy: 'officer-civil-status-2',
      },
    ]);
    const audit = await rows<{ actor: string; action: string; outcome: number }>(
      `SELECT actor, action, outcome FROM audit_log
        WHERE case_id = $1 AND action IN ('annulCase', 'rejectAnnulment', 'approveAnnulment')
        ORDER BY seq`,
      caseId,
    );
    expect(audit.filter((a) => a.outcome < 300)).toEqual([
      { actor: 'officer-civil-status', action: 'annulCase', outcome: 201 },
      { actor: 'officer-civil-status-2', action: 'rejectAnnulment', outcome: 200 },
      { actor: 'officer-civil-status', action: 'annulCase', outcome: 201 },
      { actor: 'officer-civil-status-2', action: 'approveAnnulment', outcome: 202 },
    ]);
    await recordHistories(stack.client, caseId, 'death-annulled');
  });

  it('when the civil-status officer reviews the death and a monthly survivor allowance is asked, then BHXH grants each eligible relative their share', async () => {
    await setCivilStatusReview(stack.simulatorsUrl, '00070', 'officer');
    const deceased = await addDeceased(stack.simulatorsUrl, {
      insured: participant(200),
      commune: '00070',
      // Only this test's relatives in the family record: the registry decides who is paid.
      relatives: [],
    });
    const base = aDeathApplication(deceased, today);
    const [widow, son] = [
      uniquePin({ sex: 'female', yearOfBirth: 1958 }),
      uniquePin({ yearOfBirth: 1985 }),
    ];
    const application = {
      ...base,
      components: { funeral: true, survivor: true },
      applicant: { ...base.applicant, pin: widow },
      relatives: [
        {
          fullName: 'Lê Thị Hoa',
          pin: widow,
          relationship: 'spouse' as const,
          dateOfBirth: '1958-01-01',
          survivorEligible: true,
          hasDirectCarer: true,
        },
        {
          // Ticked eligible by the applicant; the population database says 41 and no incapacity.
          fullName: 'Lê Văn Nam',
          pin: son,
          relationship: 'child' as const,
          dateOfBirth: '1985-01-01',
          survivorEligible: true,
          hasDirectCarer: true,
        },
      ],
      survivor: { kind: 'monthly' as const },
    };
    await registerRelatives(stack.simulatorsUrl, application);
    // The population database's care record: the widow has no one who directly supports her (70 %).
    await simulatorsAdmin(stack.simulatorsUrl, SIMULATORS_ADMIN_TOKEN).addCareRecord(
      widow,
      false,
      '2020-01-01',
    );
    const filed = await request(stack.app)
      .post('/v1/cases')
      .set('Authorization', `Bearer ${await citizen(widow)}`)
      .send(application);
    expect(filed.status).toBe(202);
    const approved = await decide(
      stack.app,
      filed.body.caseId,
      'civil-status',
      { decision: 'approve' },
      '00070',
    );
    expect(approved.body.state).toBe('completed');

    const view = await waitForCase(stack.app, filed.body.caseId, widow, (v) =>
      expect(v.status).toBe('completed'),
    );
    // Eligibility from the registries (Art. 86: spouse at retirement age; a child of 41 is not),
    // whatever was ticked: only the widow, at 70 % for want of a direct carer.
    expect(stepOf(view, 'survivor').result).toMatchObject({
      kind: 'monthly',
      amountVnd: '1638000',
    });
    const [task] = await rows<{ summary: { checked: Record<string, unknown> } }>(
      `SELECT summary FROM tasks WHERE case_id = $1 AND step = 'survivor'`,
      filed.body.caseId as string,
    );
    expect(task?.summary.checked).toMatchObject({
      insuranceHistory: { source: 'social-insurance records', compulsoryMonths: 200 },
      relatives: expect.arrayContaining([
        expect.objectContaining({
          pin: widow,
          eligible: true,
          hasDirectCarer: false,
          source: 'population database',
        }),
        expect.objectContaining({ pin: son, eligible: false, source: 'population database' }),
      ]) as unknown,
    });
    expect(await paymentsFor(`${filed.body.caseId}:survivor`)).toEqual([]);
    const sonSees = await request(stack.app)
      .get(`/v1/cases/${encodeURIComponent(filed.body.caseId as string)}`)
      .set('Authorization', `Bearer ${await citizen(son)}`);
    expect(sonSees.status).toBe(200);
    await recordHistories(stack.client, filed.body.caseId, 'death-survivor-monthly');
  });

  // The relatives' declaration (Form 09-HSB) and its officer review: death-right-payee.test.ts.

  it('when the applicant withdraws before the death is decided, then nothing is registered and the case is withdrawn', async () => {
    await setCivilStatusReview(stack.simulatorsUrl, '00070', 'officer');
    const deceased = await addDeceased(stack.simulatorsUrl, {
      insured: participant(14),
      commune: '00070',
    });
    const application = aDeathApplication(deceased, today);
    const filed = await request(stack.app)
      .post('/v1/cases')
      .set('Authorization', `Bearer ${await citizen(application.applicant.pin)}`)
      .send(application);
    const caseId = filed.body.caseId as string;
    await waitForCase(stack.app, caseId, application.applicant.pin, (v) =>
      expect(stepOf(v, 'death').state).toBe('in_review'),
    );
    const withdrawn = await request(stack.app)
      .post(`/v1/cases/${encodeURIComponent(caseId)}/withdraw`)
      .set('Authorization', `Bearer ${await citizen(application.applicant.pin)}`)
      .send({ reason: 'filed by mistake' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    await waitForCase(stack.app, caseId, application.applicant.pin, (v) =>
      expect(stepOf(v, 'death').status).toBe('cancelled'),
    );
    expect(
      await rows(
        'SELECT status FROM sim_civil_status.death_registrations WHERE deceased_pin = $1',
        deceased.pin,
      ),
    ).toEqual([{ status: 'cancelled' }]);
    await recordHistories(stack.client, caseId, 'death-withdrawn');
  });

  it('when the same deceased person is filed again, then 409 names the existing case', async () => {
    const deceased = await addDeceased(stack.simulatorsUrl, { insured: participant(14) });
    const application = aDeathApplication(deceased, today);
    const first = await file(stack.app, application);
    const second = await file(stack.app, {
      ...application,
      applicant: { ...application.applicant, phone: '0911111111' },
    });
    expect(second.status).toBe(409);
    expect(second.body.caseId).toBe(first.body.caseId);
  });

  it('when a filing has a future death, a death before birth, an unknown notice kind and a relative without a PIN, then one 400 lists every issue', async () => {
    const deceased = await addDeceased(stack.simulatorsUrl);
    const application = aDeathApplication(deceased, today);
    const response = await file(stack.app, {
      ...application,
      deceased: { ...application.deceased, dateOfBirth: '2999-06-01' },
      death: { ...application.death, date: '2999-01-01' },
      deathNotice: { ...application.deathNotice, kind: 'rumour' },
      relatives: [{ ...application.relatives[0], pin: undefined }],
    } as never);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    const pointers = (response.body.errors as { pointer: string }[]).map((e) => e.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining([
        '/death/date',
        '/deathNotice/kind',
        '/relatives/0/pin',
        '/deceased/dateOfBirth',
      ]),
    );
    expect(
      (response.body.errors as { pointer: string; detail: string }[]).filter(
        (e) => e.pointer === '/death/date',
      ),
    ).toHaveLength(2);
  });
});
