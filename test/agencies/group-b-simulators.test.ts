// The Group B agency simulators (death → residence removal → funeral and survivor allowances, payment)
// over HTTP with their own schemas in a real PostgreSQL: request bodies typed by the engine's clients,
// replies and stored records asserted, and "exactly once" held by the database itself.
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FuneralClaim } from '../../agencies/benefits';
import type { DeathNoticeKind, DeathRegistrationRequest } from '../../agencies/civil-status.client';
import type { PaymentChannel, PaymentRequest } from '../../agencies/payments.client';
import type { SurvivorClaim } from '../../agencies/social-insurance.client';
import { SEED_CLOSED_ACCOUNT, SEED_DECEASED } from '../../agencies/simulators/seed';
import { adminAgent, useSimulatorsApp } from '../support/simulators';

const simulators = useSimulatorsApp();
let n = 0;
const key = () => `key-${++n}`;
/** A fresh 12-digit PIN for each test that needs a person of its own. */
const pin = () => `0019${String(++n).padStart(8, '0')}`;
const YEAR = new Date().getFullYear();
const numbered = (prefix: string, digits = 6) =>
  expect.stringMatching(new RegExp(`^${prefix}-${YEAR}-\\d{${digits}}$`)) as string;

const DEATHS = '/civil-status/death-registrations';
const REMOVALS = '/police/residence-removals';
const SI = '/social-insurance';
const SUPPORTS = '/social-protection/funeral-supports';
const MERIT = '/merit-services/funeral-allowances';
const APPROVE = { decision: 'approve' };
const anyReason = expect.any(String) as string;
const reject = (reason: string) => ({ decision: 'reject', reason });
const ANNULLED = { reason: 'khai tử bị huỷ' };

const post = (path: string, body: unknown, idempotencyKey = key()) =>
  request(simulators.app)
    .post(path)
    .set('Idempotency-Key', idempotencyKey)
    .send(body as object);
const get = (path: string) => request(simulators.app).get(path);

const admin = async (path: string, body: object) => {
  expect((await adminAgent(simulators.app).post(`/admin/${path}`).send(body)).status).toBe(201);
};

const query = async <R>(sql: string, params: unknown[] = []): Promise<R[]> =>
  (await simulators.database.db.query(sql, params)).rows as R[];

const death = (
  deceased: string,
  commune = '00004',
  kind: DeathNoticeKind = 'death_notice',
): DeathRegistrationRequest => ({
  commune,
  deceased: { pin: deceased, fullName: 'Lê Văn Bình', dateOfBirth: '1960-03-02', sex: 'male' },
  death: { date: '2026-05-10', place: 'Bệnh viện Bạch Mai', cause: 'bệnh' },
  notice: { kind, number: 'GBT-123', issuer: 'Bệnh viện Bạch Mai', issuedOn: '2026-05-10' },
  declarant: { fullName: 'Lê Thị Hoa', pin: '001190012345', relationship: 'con' },
});

/** What population, police and BHXH are told of a death. */
const deathOf = (deceased: string, deathExtractNumber = 'KT-00004-2026-000009') => ({
  pin: deceased,
  dateOfDeath: '2026-05-10',
  deathExtractNumber,
});

const funeral = (deceased: string, amountVnd = 23_400_000): FuneralClaim => ({
  pin: deceased,
  deathExtractNumber: 'KT-00004-2026-000001',
  dateOfDeath: '2026-05-10',
  amountVnd,
  claimant: { fullName: 'Lê Thị Hoa', pin: '001190012345' },
});

beforeAll(async () => {
  await adminAgent(simulators.app)
    .put('/admin/civil-status/settings/00070')
    .send({ review: 'automatic' });
});

describe('civil-status simulator: deaths', () => {
  it('when the commune registers automatically, then the death is registered at once with a KT extract', async () => {
    const deceased = pin();
    const registered = await post(DEATHS, death(deceased, '00070'));
    expect(registered.status).toBe(200);
    expect(registered.body).toEqual({ status: 'registered', extractNumber: numbered('KT-00070') });
    expect((await get(`${DEATHS}?pin=${deceased}`)).body.registrations).toMatchObject([
      {
        status: 'registered',
        extractNumber: registered.body.extractNumber,
        noticeKind: 'death_notice',
        dateOfDeath: '2026-05-10',
      },
    ]);
  });

  it('when officers review, then the death is received (202), registered on approval, and a contrary decision is refused', async () => {
    const registrationKey = key();
    const received = await post(DEATHS, death(pin()), registrationKey);
    expect(received.status).toBe(202);
    expect(received.body).toEqual({ status: 'received', registrationKey });

    const approved = await post(`${DEATHS}/${registrationKey}/decision`, APPROVE);
    expect(approved.status).toBe(200);
    expect(approved.body).toEqual({ status: 'registered', extractNumber: numbered('KT-00004') });
    expect((await post(`${DEATHS}/${registrationKey}/decision`, APPROVE)).body).toEqual(
      approved.body,
    );
    const contrary = await post(`${DEATHS}/${registrationKey}/decision`, reject('sai'));
    expect(contrary.status).toBe(409);
    expect(contrary.body.code).toBe('CIVIL_STATUS.ALREADY_DECIDED');
  });

  it('when an officer rejects a received death, then it is rejected with the reason', async () => {
    const k = key();
    await post(DEATHS, death(pin()), k);
    const rejected = await post(`${DEATHS}/${k}/decision`, reject('giấy tờ không hợp lệ'));
    expect(rejected.body).toEqual({ status: 'rejected', reason: 'giấy tờ không hợp lệ' });
  });

  it.each(['execution_record', 'court_ruling', 'police_confirmation'] as const)(
    'when the notice is the substitute %s, then the death is registered on it',
    async (kind) => {
      const deceased = pin();
      const response = await post(DEATHS, death(deceased, '00070', kind));
      expect(response.status).toBe(200);
      expect(response.body.status).toBe('registered');
      const [row] = await query<{ notice_kind: string }>(
        'SELECT notice_kind FROM sim_civil_status.death_registrations WHERE deceased_pin = $1',
        [deceased],
      );
      expect(row?.notice_kind).toBe(kind);
    },
  );

  it('when the notice kind is unknown, then 400 names notice.kind and nothing is stored', async () => {
    const deceased = pin();
    const body = death(deceased);
    const response = await post(DEATHS, { ...body, notice: { ...body.notice, kind: 'rumour' } });
    expect(response.status).toBe(400);
    expect(response.body.issues.map((i: { path: string }) => i.path)).toContain('notice.kind');
    expect((await get(`${DEATHS}?pin=${deceased}`)).body.registrations).toEqual([]);
  });

  it('when a second death is registered for the same person under another key, then 409 and one record exists', async () => {
    const deceased = pin();
    expect((await post(DEATHS, death(deceased, '00070'))).status).toBe(200);
    const second = await post(DEATHS, death(deceased));
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({
      code: 'CIVIL_STATUS.DEATH_ALREADY_REGISTERED',
      reason: anyReason,
    });
    expect((await get(`${DEATHS}?pin=${deceased}`)).body.registrations).toHaveLength(1);
  });

  it('when a received death is cancelled, then it is cancelled; a registered one refuses (legal fact)', async () => {
    const received = key();
    await post(DEATHS, death(pin()), received);
    expect((await post(`${DEATHS}/${received}/cancel`, {})).body).toEqual({ status: 'cancelled' });

    const registered = key();
    await post(DEATHS, death(pin(), '00070'), registered);
    const refused = await post(`${DEATHS}/${registered}/cancel`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CIVIL_STATUS.REGISTERED_IS_LEGAL_FACT');
  });

  it('when a court annuls a registered death, then it is annulled with the ruling kept, again the same, and the person may die again', async () => {
    const deceased = pin();
    const registrationKey = key();
    const registered = await post(DEATHS, death(deceased, '00070'), registrationKey);
    const ruling = { number: '12/2026/QĐST-DS', court: 'TAND quận Ba Đình', date: '2026-06-01' };
    const annulled = await post(`${DEATHS}/${registrationKey}/annulment`, ruling);
    expect(annulled.status).toBe(200);
    expect(annulled.body).toEqual({ status: 'annulled' });
    const again = await post(`${DEATHS}/${registrationKey}/annulment`, ruling);
    expect(again.body).toEqual({ status: 'annulled' });

    const [row] = await query(
      `SELECT status, extract_number, annulment FROM sim_civil_status.death_registrations
        WHERE registration_key = $1`,
      [registrationKey],
    );
    expect(row).toEqual({
      status: 'annulled',
      extract_number: registered.body.extractNumber,
      annulment: ruling,
    });
    expect((await post(DEATHS, death(deceased, '00070'))).status).toBe(200);
  });

  it('when a received (not registered) death is annulled, then 409 NOT_REGISTERED', async () => {
    const registrationKey = key();
    await post(DEATHS, death(pin()), registrationKey);
    const ruling = { number: '1/2026', court: 'TAND', date: '2026-06-01' };
    const response = await post(`${DEATHS}/${registrationKey}/annulment`, ruling);
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('CIVIL_STATUS.NOT_REGISTERED');
  });
});

describe('population simulator: deaths', () => {
  it('when a death is recorded and then reversed, then the flag reads deceased, then living with the row kept', async () => {
    const deceased = pin();
    const record = async () => (await get(`/population/deaths/${deceased}`)).body as object;
    const recorded = await post('/population/deaths', deathOf(deceased));
    expect(recorded.status).toBe(200);
    expect(recorded.body).toEqual({ status: 'deceased' });
    expect(await record()).toMatchObject({ ...deathOf(deceased), status: 'deceased' });

    const reversed = await post(`/population/deaths/${deceased}/reversal`, ANNULLED);
    expect(reversed.status).toBe(200);
    expect(reversed.body).toEqual({ status: 'living' });
    expect(await record()).toMatchObject({
      ...deathOf(deceased),
      status: 'reversed',
      reversalReason: ANNULLED.reason,
    });
  });

  it('when a death on another extract arrives for a deceased person, then 409; the same extract answers deceased', async () => {
    const deceased = pin();
    await post('/population/deaths', deathOf(deceased));
    expect((await post('/population/deaths', deathOf(deceased))).body).toEqual({
      status: 'deceased',
    });
    expect((await post('/population/deaths', deathOf(deceased, 'KT-2-2026-2'))).status).toBe(409);
  });

  it('when no death is recorded for the person, then the reversal and the lookup answer 404', async () => {
    expect((await post(`/population/deaths/${pin()}/reversal`, ANNULLED)).status).toBe(404);
    expect((await get(`/population/deaths/${pin()}`)).status).toBe(404);
  });
});

const REGISTRATIONS = 'SELECT status FROM sim_police.residence_registrations WHERE pin = $1';

describe('police simulator: residence removal', () => {
  const statuses = async (person: string) =>
    (await query<{ status: string }>(REGISTRATIONS, [person])).map((r) => r.status);
  const resident = (person: string, commune = '00004', line = '12 Phố Đội Cấn') => ({
    pin: person,
    fullName: 'Lê Văn Bình',
    commune,
    line,
    householdHeadPin: commune === '00004' ? '001088054321' : '001075001122',
  });

  it('when the seed runs, then each Group B demo person has an active residence', async () => {
    for (const person of Object.values(SEED_DECEASED)) {
      const response = await get(`/police/residence-registrations?pin=${person.pin}`);
      expect(response.body.registrations).toMatchObject([
        { status: 'registered', registration_key: `resident:${person.pin}` },
      ]);
    }
  });

  it('when a resident is added twice at a new address, then one household headed by them and one registration exist', async () => {
    const person = pin();
    const body = { pin: person, fullName: 'Ngô Văn Hải', commune: '00256', line: 'Số 1 Ngõ Mới' };
    await admin('police/residents', body);
    await admin('police/residents', body);
    expect(await statuses(person)).toEqual(['registered']);
    const households = await query<{ head_pin: string }>(
      `SELECT head_pin FROM sim_police.households WHERE commune = '00256' AND address_line = 'số 1 ngõ mới'`,
    );
    expect(households).toEqual([{ head_pin: person }]);
  });

  it('when a deceased resident is removed and then restored, then the registration is removed, then registered again once', async () => {
    const person = pin();
    await admin('police/residents', resident(person));
    const removalKey = key();
    const removed = await post(REMOVALS, deathOf(person), removalKey);
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({
      status: 'removed',
      residenceRef: expect.stringMatching(/^CT-\d{4}-\d{7}$/) as string,
      commune: '00004',
    });
    expect(await statuses(person)).toEqual(['removed']);

    const restored = await post(`${REMOVALS}/${removalKey}/restore`, ANNULLED);
    expect(restored.body).toEqual({ status: 'restored', residenceRef: removed.body.residenceRef });
    expect((await post(`${REMOVALS}/${removalKey}/restore`, ANNULLED)).body).toEqual(restored.body);
    expect(await statuses(person)).toEqual(['registered']);
    expect((await get(`${REMOVALS}?pin=${person}`)).body.removals).toMatchObject([
      { removalKey, restoreReason: ANNULLED.reason, registrationStatus: 'registered' },
    ]);
  });

  it('when the person has no active residence (never, or already removed), then 422 RESIDENCE.NOT_REGISTERED with a reason', async () => {
    const nobody = await post(REMOVALS, deathOf(pin()));
    expect(nobody.status).toBe(422);
    expect(nobody.body).toMatchObject({ code: 'RESIDENCE.NOT_REGISTERED', reason: anyReason });

    const person = pin();
    await admin('police/residents', resident(person, '00070', '5 Phố Hàng Bạc'));
    expect((await post(REMOVALS, deathOf(person))).body.commune).toBe('00070');
    expect((await post(REMOVALS, deathOf(person))).status).toBe(422);
    expect((await get(`${REMOVALS}?pin=${person}`)).body.removals).toHaveLength(1);
  });

  it('when an unknown removal is restored, then 404', async () => {
    expect((await post(`${REMOVALS}/no-such-removal/restore`, ANNULLED)).status).toBe(404);
  });
});

describe('social-insurance simulator: benefits after a death', () => {
  const insured = async (fields: object) => {
    const person = pin();
    await admin('social-insurance/people', { pin: person, compulsoryMonths: 20, ...fields });
    return person;
  };

  it('when the seeded pensioner is looked up, then BHXH answers the record; optional fields are omitted; an unknown person 404', async () => {
    const { pin: pensionerPin, insured: record } = SEED_DECEASED.pensioner;
    const pensioner = await get(`${SI}/people/${pensionerPin}`);
    expect(pensioner.status).toBe(200);
    expect(pensioner.body).toEqual({ pin: pensionerPin, ...record });
    expect(pensioner.body).toMatchObject({ monthlyPensionVnd: 6_500_000, retiredOn: '2020-04-01' });
    const participant = await get(`${SI}/people/${SEED_DECEASED.insured.pin}`);
    expect(participant.body).toMatchObject({ compulsoryMonths: 14, pensioner: false });
    expect(Object.keys(participant.body)).not.toContain('monthlyPensionVnd');
    expect(Object.keys(participant.body)).not.toContain('retiredOn');
    expect((await get(`${SI}/people/${SEED_DECEASED.assisted.pin}`)).status).toBe(404);
  });

  it('when a funeral claim is granted, then the same key replays it and another key gets 409 ALREADY_GRANTED', async () => {
    const deceased = await insured({});
    const claimKey = key();
    const granted = await post(`${SI}/funeral-claims`, funeral(deceased), claimKey);
    expect(granted.status).toBe(200);
    expect(granted.body).toEqual({
      status: 'granted',
      decisionNumber: numbered('MT'),
      amountVnd: 23_400_000,
    });
    expect((await post(`${SI}/funeral-claims`, funeral(deceased), claimKey)).body).toEqual(
      granted.body,
    );
    const other = await post(`${SI}/funeral-claims`, funeral(deceased));
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({
      code: 'SOCIAL_INSURANCE.ALREADY_GRANTED',
      decisionNumber: granted.body.decisionNumber,
    });
    expect((await get(`${SI}/funeral-claims?pin=${deceased}`)).body.records).toMatchObject([
      { status: 'granted', amountVnd: 23_400_000, decisionNumber: granted.body.decisionNumber },
    ]);
  });

  it('when the deceased was never insured, then 422 NOT_INSURED; a fractional amount 400', async () => {
    const never = await post(`${SI}/funeral-claims`, funeral(SEED_DECEASED.assisted.pin));
    expect(never.status).toBe(422);
    expect(never.body.code).toBe('SOCIAL_INSURANCE.NOT_INSURED');
    const fractional = await post(`${SI}/funeral-claims`, funeral(pin(), 100.5));
    expect(fractional.status).toBe(400);
  });

  it('when a lump-sum survivor allowance is claimed, then it is granted to the payee once, at the amount BHXH computes (10 years from 2014 × 2 months × 5,000,000, issue 20); without a payee 400', async () => {
    const deceased = await insured({ compulsoryMonths: 120, averageSalaryVnd: 5_000_000 });
    const claim: SurvivorClaim = {
      ...deathOf(deceased),
      kind: 'lump_sum',
      amountVnd: 60_000_000,
      payeePin: '001190012345',
    };
    const granted = await post(`${SI}/survivor-claims`, claim);
    expect(granted.body).toEqual({
      status: 'granted',
      decisionNumber: numbered('TT'),
      amountVnd: 100_000_000,
    });
    expect((await post(`${SI}/survivor-claims`, claim)).status).toBe(409);
    const { payeePin: _payee, ...withoutPayee } = claim;
    expect((await post(`${SI}/survivor-claims`, withoutPayee)).status).toBe(400);
  });

  it('when a monthly survivor allowance is claimed, then the total is granted; more than four relatives 400', async () => {
    const deceased = await insured({ compulsoryMonths: 200 });
    const relative = (i: number) => ({ pin: `00119001000${i}`, amountVnd: 1_170_000 });
    const claim: SurvivorClaim = {
      ...deathOf(deceased),
      kind: 'monthly',
      monthly: [relative(1), { pin: '001190010002', amountVnd: 1_638_000 }],
    };
    const granted = await post(`${SI}/survivor-claims`, claim);
    expect(granted.body).toMatchObject({ status: 'granted', amountVnd: 2_808_000 });
    expect((await get(`${SI}/survivor-claims?pin=${deceased}`)).body.records).toMatchObject([
      { kind: 'monthly', amountVnd: 2_808_000, monthly: claim.monthly, status: 'granted' },
    ]);
    const five = { ...claim, pin: await insured({}), monthly: [1, 2, 3, 4, 5].map(relative) };
    expect((await post(`${SI}/survivor-claims`, five)).status).toBe(400);
  });

  it('when a pensioner dies, then the pension stops; on reinstatement it runs again, answered the same twice', async () => {
    const deceased = await insured({
      compulsoryMonths: 300,
      pensioner: true,
      monthlyPensionVnd: 6_000_000,
      retiredOn: '2018-01-01',
    });
    const body = deathOf(deceased);
    const stopped = await post(`${SI}/pension-stops`, body);
    expect(stopped.body).toEqual({ status: 'stopped', decisionNumber: numbered('DC') });
    const pensionStatus = async () =>
      query('SELECT pension_status FROM sim_social_insurance.people WHERE pin = $1', [deceased]);
    expect(await pensionStatus()).toEqual([{ pension_status: 'stopped' }]);
    expect((await post(`${SI}/pension-stops`, body)).status).toBe(409);

    const number = stopped.body.decisionNumber as string;
    const reinstated = await post(`${SI}/pension-stops/${number}/reinstatement`, ANNULLED);
    expect(reinstated.body).toEqual({ status: 'reinstated', decisionNumber: number });
    const twice = await post(`${SI}/pension-stops/${number}/reinstatement`, ANNULLED);
    expect(twice.body).toEqual(reinstated.body);
    expect(await pensionStatus()).toEqual([{ pension_status: 'running' }]);
    expect((await get(`${SI}/pension-stops?pin=${deceased}`)).body.records).toMatchObject([
      { decisionNumber: number, status: 'reinstated', pensionStatus: 'running' },
    ]);
  });

  it('when the person has no pension or monthly allowance, then 422 NO_MONTHLY_BENEFIT; an unknown stop 404', async () => {
    const response = await post(`${SI}/pension-stops`, deathOf(SEED_DECEASED.insured.pin));
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('SOCIAL_INSURANCE.NO_MONTHLY_BENEFIT');
    const unknown = await post(`${SI}/pension-stops/DC-2026-999999/reinstatement`, ANNULLED);
    expect(unknown.status).toBe(404);
  });

  it('when a funeral decision is revoked, then it is marked revoked (twice the same) and a new grant becomes possible', async () => {
    const deceased = await insured({ compulsoryMonths: 13 });
    const number = (await post(`${SI}/funeral-claims`, funeral(deceased))).body
      .decisionNumber as string;
    const revoked = await post(`${SI}/decisions/${number}/revocation`, ANNULLED);
    expect(revoked.body).toEqual({ status: 'revoked', decisionNumber: number });
    expect((await post(`${SI}/decisions/${number}/revocation`, ANNULLED)).body).toEqual(
      revoked.body,
    );
    expect((await get(`${SI}/funeral-claims?pin=${deceased}`)).body.records).toMatchObject([
      { decisionNumber: number, status: 'revoked', revocationReason: ANNULLED.reason },
    ]);
    expect((await post(`${SI}/funeral-claims`, funeral(deceased))).body.status).toBe('granted');
    expect((await post(`${SI}/decisions/MT-2026-999999/revocation`, ANNULLED)).status).toBe(404);
  });

  it('when a second granted funeral decision is written straight to the database, then the unique index refuses it', async () => {
    const deceased = await insured({});
    await post(`${SI}/funeral-claims`, funeral(deceased));
    await expect(
      simulators.database.db.query(
        `INSERT INTO sim_social_insurance.funeral_decisions
           (claim_key, decision_number, pin, death_extract_number, date_of_death, amount_vnd, claimant, status)
         VALUES ('direct', 'MT-X', $1, 'KT-1', '2026-05-10', 1, '{}', 'granted')`,
        [deceased],
      ),
    ).rejects.toThrow(/funeral_one_grant_per_deceased/);
  });
});

describe('social-protection simulator', () => {
  it('when the seeded assisted person dies, then the claim waits (202), the officer’s approval grants it, and it can be revoked', async () => {
    const deceased = SEED_DECEASED.assisted.pin;
    expect((await get(`/social-protection/recipients/${deceased}`)).body).toEqual({
      pin: deceased,
      monthlyAssistance: true,
      since: '2015-01-01',
    });

    const claimKey = key();
    const received = await post(SUPPORTS, funeral(deceased, 10_000_000), claimKey);
    expect(received.status).toBe(202);
    expect(received.body).toEqual({ status: 'received', claimKey });
    const approved = await post(`${SUPPORTS}/${claimKey}/decision`, APPROVE);
    expect(approved.status).toBe(200);
    expect(approved.body).toEqual({
      status: 'granted',
      decisionNumber: numbered('HT'),
      amountVnd: 10_000_000,
    });
    expect((await post(`${SUPPORTS}/${claimKey}/decision`, APPROVE)).body).toEqual(approved.body);
    const opposite = { decision: 'reject', reason: 'x' };
    expect((await post(`${SUPPORTS}/${claimKey}/decision`, opposite)).status).toBe(409);
    const again = await post(SUPPORTS, funeral(deceased, 10_000_000));
    expect(again.status).toBe(409);
    expect(again.body.decisionNumber).toBe(approved.body.decisionNumber);

    const number = approved.body.decisionNumber as string;
    const revoked = await post(`/social-protection/decisions/${number}/revocation`, ANNULLED);
    expect(revoked.body).toEqual({ status: 'revoked', decisionNumber: number });
    expect((await get(`${SUPPORTS}?pin=${deceased}`)).body.records).toMatchObject([
      { status: 'revoked', amountVnd: 10_000_000, decisionNumber: number },
    ]);
  });

  it('when the officer rejects, then the claim is rejected with the reason; a received claim can be cancelled', async () => {
    const deceased = pin();
    const recipient = { pin: deceased, monthlyAssistance: true, since: '2020-01-01' };
    await admin('social-protection/recipients', recipient);
    const claimKey = key();
    await post(SUPPORTS, funeral(deceased), claimKey);
    const reject = { decision: 'reject', reason: 'hồ sơ thiếu' };
    const rejected = await post(`${SUPPORTS}/${claimKey}/decision`, reject);
    // Its decision number: benefit-decisions.test.ts.
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: 'hồ sơ thiếu' });

    const second = key();
    await post(SUPPORTS, funeral(deceased), second);
    expect((await post(`${SUPPORTS}/${second}/cancel`, {})).body).toEqual({ status: 'cancelled' });
    const records = (await get(`${SUPPORTS}?pin=${deceased}`)).body.records as { status: string }[];
    expect(records.map((r) => r.status)).toEqual(['rejected', 'cancelled']);
  });

  it('when the deceased was not on monthly assistance, then 422 NOT_A_RECIPIENT', async () => {
    const response = await post(SUPPORTS, funeral(SEED_DECEASED.insured.pin));
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('SOCIAL_PROTECTION.NOT_A_RECIPIENT');
  });
});

describe('merit-services simulator', () => {
  it('when the seeded war invalid dies, then the allowance is granted once and can be revoked', async () => {
    const deceased = SEED_DECEASED.meritorious.pin;
    expect((await get(`/merit-services/people/${deceased}`)).body).toEqual({
      pin: deceased,
      category: 'thương binh',
    });

    const granted = await post(MERIT, funeral(deceased));
    expect(granted.body).toEqual({
      status: 'granted',
      decisionNumber: numbered('NCC'),
      amountVnd: 23_400_000,
    });
    const again = await post(MERIT, funeral(deceased));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('MERIT_SERVICES.ALREADY_GRANTED');

    const number = granted.body.decisionNumber as string;
    const revoked = await post(`/merit-services/decisions/${number}/revocation`, ANNULLED);
    expect(revoked.body).toEqual({ status: 'revoked', decisionNumber: number });
    expect((await get(`${MERIT}?pin=${deceased}`)).body.records).toMatchObject([
      { decisionNumber: number, status: 'revoked' },
    ]);
  });

  it('when the deceased had no meritorious service, then 422 NOT_MERITORIOUS; the lookup 404', async () => {
    const response = await post(MERIT, funeral(SEED_DECEASED.insured.pin));
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('MERIT_SERVICES.NOT_MERITORIOUS');
    expect((await get(`/merit-services/people/${pin()}`)).status).toBe(404);
  });
});

describe('payments simulator', () => {
  const payee = { fullName: 'Lê Thị Hoa', pin: '001190012345' };
  const pay = (reference: string, channel: PaymentChannel): PaymentRequest => ({
    reference,
    payee,
    amountVnd: 23_400_000,
    ...channel,
  });
  const bank = (reference: string, number: string, code = 'BIDV') =>
    pay(reference, { channel: 'bank', bankAccount: { bank: code, number } });
  const byPost = (reference: string) =>
    pay(reference, { channel: 'post', postAddress: { commune: '00004', line: '12 Phố Đội Cấn' } });
  const attempts = async (reference: string) =>
    (await get(`/payments/payments?reference=${reference}`)).body.payments as {
      status: string;
      paymentRef: string | null;
    }[];

  it('when a bank transfer goes to a valid account, then it is paid with a PAY reference', async () => {
    const response = await post('/payments/payments', bank('case-1:funeral', '1234567890'));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: 'paid',
      paymentRef: numbered('PAY', 7),
      channel: 'bank',
      amountVnd: 23_400_000,
    });
    expect(await attempts('case-1:funeral')).toMatchObject([
      { status: 'paid', paymentRef: response.body.paymentRef },
    ]);
  });

  it('when the account is malformed or closed, then 422 INVALID_ACCOUNT with the attempt kept and nothing paid; then by post it is paid once', async () => {
    const reference = 'case-2:funeral';
    const malformed = await post('/payments/payments', bank(reference, '12AB'));
    expect(malformed.status).toBe(422);
    expect(malformed.body).toMatchObject({
      code: 'PAYMENTS.INVALID_ACCOUNT',
      reason: expect.stringContaining('digits') as string,
    });
    const closedAccount = bank(reference, SEED_CLOSED_ACCOUNT.number, 'vcb');
    const closed = await post('/payments/payments', closedAccount);
    expect(closed.status).toBe(422);
    expect(closed.body).toMatchObject({
      code: 'PAYMENTS.INVALID_ACCOUNT',
      reason: 'the account is closed',
    });
    expect(await attempts(reference)).toMatchObject([
      { status: 'rejected', paymentRef: null },
      { status: 'rejected', paymentRef: null },
    ]);

    const paid = await post('/payments/payments', byPost(reference));
    expect(paid.body).toMatchObject({ status: 'paid', channel: 'post' });
    const second = await post('/payments/payments', bank(reference, '1234567890'));
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({
      code: 'PAYMENTS.ALREADY_PAID',
      paymentRef: paid.body.paymentRef,
    });
    expect((await attempts(reference)).map((a) => a.status)).toEqual([
      'rejected',
      'rejected',
      'paid',
    ]);
  });

  it('when five requests for one reference race under different keys, then exactly one is paid', async () => {
    const reference = 'case-3:funeral';
    const replies = await Promise.all(
      [1, 2, 3, 4, 5].map(() => post('/payments/payments', byPost(reference))),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    const paid = await query<{ count: string }>(
      `SELECT count(*) FROM sim_payments.payments WHERE reference = $1 AND status = 'paid'`,
      [reference],
    );
    expect(paid).toEqual([{ count: '1' }]);
  });

  it('when a paid payment is reclaimed, then one reclaim is opened for its amount; another key gets 409 with it', async () => {
    const paid = await post('/payments/payments', byPost('case-4:funeral'));
    const reclaim = { paymentRef: paid.body.paymentRef as string, reason: ANNULLED.reason };
    const reclaimKey = key();
    const opened = await post('/payments/reclaims', reclaim, reclaimKey);
    expect(opened.status).toBe(200);
    expect(opened.body).toEqual({
      status: 'reclaim_opened',
      reclaimRef: numbered('THU'),
      amountVnd: 23_400_000,
    });
    expect((await post('/payments/reclaims', reclaim, reclaimKey)).body).toEqual(opened.body);
    const other = await post('/payments/reclaims', reclaim);
    expect(other.status).toBe(409);
    expect(other.body.reclaimRef).toBe(opened.body.reclaimRef);
    expect(
      (await get(`/payments/reclaims?paymentRef=${reclaim.paymentRef}`)).body.reclaims,
    ).toMatchObject([
      { reclaimRef: opened.body.reclaimRef, amountVnd: 23_400_000, status: 'opened' },
    ]);
    const unknown = { paymentRef: 'PAY-2026-9999999', reason: 'x' };
    expect((await post('/payments/reclaims', unknown)).status).toBe(404);
  });
});
