// The paying bodies decide (issue 20, deliverable 2): BHXH, merit services and social protection
// compute each amount from their own records by the law of the date of death (DOMAIN.md §5), whatever
// amount the engine claims, and refuse by a numbered written decision with reasons. The population
// database answers the facts a survivor's eligibility rests on (deliverable 3).
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { FuneralClaim } from '../../agencies/benefits';
import type { SurvivorClaim } from '../../agencies/social-insurance.client';
import { SEED_DECEASED } from '../../agencies/simulators/seed';
import { adminAgent, useSimulatorsApp } from '../support/simulators';

const simulators = useSimulatorsApp();
let n = 0;
const key = () => `benefit-key-${++n}`;
const pin = () => `0018${String(++n).padStart(8, '0')}`;
const YEAR = new Date().getFullYear();
const numbered = (prefix: string) =>
  expect.stringMatching(new RegExp(`^${prefix}-${YEAR}-\\d{6}$`)) as string;

const post = (path: string, body: unknown, idempotencyKey = key()) =>
  request(simulators.app)
    .post(path)
    .set('Idempotency-Key', idempotencyKey)
    .send(body as object);
const admin = async (path: string, body: object, status = 201) => {
  expect((await adminAgent(simulators.app).post(`/admin/${path}`).send(body)).status).toBe(status);
};
const insured = async (fields: object) => {
  const person = pin();
  await admin('social-insurance/people', { pin: person, compulsoryMonths: 20, ...fields });
  return person;
};
const funeral = (deceased: string, changes: Partial<FuneralClaim> = {}): FuneralClaim => ({
  pin: deceased,
  deathExtractNumber: 'KT-00004-2026-000001',
  dateOfDeath: '2026-05-10',
  amountVnd: 23_400_000,
  claimant: { fullName: 'Lê Thị Hoa', pin: '001190012345' },
  ...changes,
});

describe('social-insurance simulator: BHXH decides the funeral allowance', () => {
  it('when the engine claims a wrong amount, then BHXH grants what the law gives (Luật BHXH 2024 Art. 85: 10 × 2,340,000) and keeps the claimed amount beside it', async () => {
    const deceased = await insured({});
    const granted = await post(
      '/social-insurance/funeral-claims',
      funeral(deceased, { amountVnd: 1_000_000 }),
    );
    expect(granted.body).toEqual({
      status: 'granted',
      decisionNumber: numbered('MT'),
      amountVnd: 23_400_000,
      claimedVnd: 1_000_000,
    });
  });

  it('when the death was in June 2024 (2014 law Art. 66, base salary 1,800,000), then BHXH grants 18,000,000', async () => {
    const deceased = await insured({});
    const granted = await post(
      '/social-insurance/funeral-claims',
      funeral(deceased, { dateOfDeath: '2024-06-20' }),
    );
    expect(granted.body).toMatchObject({ status: 'granted', amountVnd: 18_000_000 });
  });

  it('when BHXH’s own records show 11 compulsory months (Art. 85: 12), then it refuses by a numbered decision with written reasons, whatever the engine thought', async () => {
    const deceased = await insured({ compulsoryMonths: 11 });
    const refused = await post('/social-insurance/funeral-claims', funeral(deceased));
    expect(refused.status).toBe(200);
    expect(refused.body).toEqual({
      status: 'refused',
      decisionNumber: numbered('MT'),
      reasons: [expect.stringMatching(/11 compulsory.*Art\. 85/) as unknown],
    });
    const { rows } = await simulators.database.db.query(
      'SELECT status, amount_vnd, claimed_vnd::float8 AS claimed FROM sim_social_insurance.funeral_decisions WHERE pin = $1',
      [deceased],
    );
    expect(rows).toEqual([{ status: 'refused', amount_vnd: null, claimed: 23_400_000 }]);
  });

  it('when the claim is filed 91 days after the death (QĐ 863/QĐ-BNV: 90 days), then BHXH refuses it without a written explanation and grants it with one', async () => {
    const late = { filedOn: '2026-08-09' };
    const without = await post(
      '/social-insurance/funeral-claims',
      funeral(await insured({}), late),
    );
    expect(without.body).toMatchObject({
      status: 'refused',
      reasons: [expect.stringContaining('filed 91 days after the death') as unknown],
    });
    const explained = await post(
      '/social-insurance/funeral-claims',
      funeral(await insured({}), { ...late, lateExplanation: 'nhận giấy báo tử muộn' }),
    );
    expect(explained.body).toMatchObject({ status: 'granted', amountVnd: 23_400_000 });
  });
});

describe('social-insurance simulator: BHXH decides the survivor allowance', () => {
  const survivor = (deceased: string, changes: object): SurvivorClaim =>
    ({
      pin: deceased,
      deathExtractNumber: 'KT-00004-2026-000001',
      dateOfDeath: '2026-05-10',
      ...changes,
    }) as SurvivorClaim;

  it('when 4 of 10 contribution years were before 2014 (DOMAIN.md §5: 1.5 months a year before, 2 from 2014), then BHXH grants 18 × 8,000,000 = 144,000,000 whatever was claimed', async () => {
    const deceased = await insured({
      compulsoryMonths: 120,
      monthsBefore2014: 48,
      averageSalaryVnd: 8_000_000,
    });
    const granted = await post(
      '/social-insurance/survivor-claims',
      survivor(deceased, { kind: 'lump_sum', amountVnd: 160_000_000, payeePin: '001190012345' }),
    );
    expect(granted.body).toEqual({
      status: 'granted',
      decisionNumber: numbered('TT'),
      amountVnd: 144_000_000,
    });
  });

  it('when a pensioner dies in the 13th month of the pension (48 − 0.5 × 11 = 42.5 months, DOMAIN.md §5), then BHXH grants 42.5 × 6,500,000 = 276,250,000', async () => {
    const deceased = await insured({
      compulsoryMonths: 300,
      pensioner: true,
      monthlyPensionVnd: 6_500_000,
      retiredOn: '2025-05-01',
    });
    const granted = await post(
      '/social-insurance/survivor-claims',
      survivor(deceased, { kind: 'lump_sum', amountVnd: 1, payeePin: '001190012345' }),
    );
    expect(granted.body).toMatchObject({ status: 'granted', amountVnd: 276_250_000 });
  });

  it('when a monthly share is neither 50 % nor 70 % of the reference level (Art. 87), then BHXH refuses with the reason and its decision number', async () => {
    const deceased = await insured({ compulsoryMonths: 200 });
    const refused = await post(
      '/social-insurance/survivor-claims',
      survivor(deceased, {
        kind: 'monthly',
        monthly: [{ pin: '001190010001', amountVnd: 1_000_000 }],
      }),
    );
    expect(refused.body).toEqual({
      status: 'refused',
      decisionNumber: numbered('TT'),
      reasons: [expect.stringContaining('1000000 VND a month') as unknown],
    });
  });

  it('when BHXH’s records allow no monthly allowance (Art. 86: 15 years), then it refuses in writing', async () => {
    const deceased = await insured({ compulsoryMonths: 100 });
    const refused = await post(
      '/social-insurance/survivor-claims',
      survivor(deceased, {
        kind: 'monthly',
        monthly: [{ pin: '001190010001', amountVnd: 1_170_000 }],
      }),
    );
    expect(refused.body).toMatchObject({ status: 'refused', decisionNumber: numbered('TT') });
  });
});

describe('merit services and social protection decide their amounts', () => {
  it('when merit services get a claim for less (DOMAIN.md §5 [S39]: as under social-insurance law), then they grant 23,400,000', async () => {
    const deceased = pin();
    await admin('merit-services/people', { pin: deceased, category: 'thương binh' });
    const granted = await post(
      '/merit-services/funeral-allowances',
      funeral(deceased, { amountVnd: 5_000_000 }),
    );
    expect(granted.body).toMatchObject({
      status: 'granted',
      amountVnd: 23_400_000,
      claimedVnd: 5_000_000,
    });
  });

  it('when social protection gets a claim for 23,400,000 (NĐ 20/2021 Art. 11: 20 × 500,000), then the officer’s approval grants 10,000,000, and a rejection is a numbered decision', async () => {
    const deceased = pin();
    await admin('social-protection/recipients', {
      pin: deceased,
      monthlyAssistance: true,
      since: '2020-01-01',
    });
    const claimKey = key();
    await post('/social-protection/funeral-supports', funeral(deceased), claimKey);
    const approved = await post(`/social-protection/funeral-supports/${claimKey}/decision`, {
      decision: 'approve',
    });
    expect(approved.body).toMatchObject({ status: 'granted', amountVnd: 10_000_000 });

    const other = pin();
    await admin('social-protection/recipients', {
      pin: other,
      monthlyAssistance: true,
      since: '2020-01-01',
    });
    const otherKey = key();
    await post('/social-protection/funeral-supports', funeral(other), otherKey);
    const rejected = await post(`/social-protection/funeral-supports/${otherKey}/decision`, {
      decision: 'reject',
      reason: 'hồ sơ thiếu',
    });
    expect(rejected.body).toEqual({
      status: 'rejected',
      decisionNumber: numbered('HT'),
      reason: 'hồ sơ thiếu',
    });
  });
});

describe('population simulator: the facts a survivor’s eligibility rests on', () => {
  it('when the seed runs, then the pensioner’s widow has no direct carer and the war invalid’s daughter an 81 % assessment', async () => {
    const widow = await request(simulators.app).get(
      `/population/citizens/${SEED_DECEASED.pensioner.pin}/relatives`,
    );
    expect(widow.body.relatives).toMatchObject([{ relationship: 'spouse', hasDirectCarer: false }]);
    const daughter = await request(simulators.app).get(
      `/population/citizens/${SEED_DECEASED.meritorious.pin}/relatives`,
    );
    expect(daughter.body.relatives).toMatchObject([
      { relationship: 'child', capacityLossPercent: 81 },
    ]);
  });

  it('when an assessment and a care record are added for a relative, then the family record answers them; a citizen the database lacks is 404', async () => {
    const deceased = pin();
    const widow = pin();
    await admin('population/relatives', {
      pin: deceased,
      relative: {
        pin: widow,
        fullName: 'Lê Thị Hoa',
        dateOfBirth: '1970-05-10',
        sex: 'female',
        relationship: 'spouse',
      },
    });
    await admin('population/capacity-assessments', {
      pin: widow,
      lossPercent: 61,
      assessedOn: '2020-01-01',
    });
    await admin('population/capacity-assessments', {
      pin: widow,
      lossPercent: 85,
      assessedOn: '2025-01-01',
    });
    await admin('population/care-records', {
      pin: widow,
      hasDirectCarer: false,
      recordedOn: '2025-01-01',
    });
    await admin(
      'population/care-records',
      { pin: pin(), hasDirectCarer: false, recordedOn: '2025-01-01' },
      404,
    );
    const family = await request(simulators.app).get(`/population/citizens/${deceased}/relatives`);
    expect(family.body.relatives).toEqual([
      {
        pin: widow,
        fullName: 'Lê Thị Hoa',
        relationship: 'spouse',
        dateOfBirth: '1970-05-10',
        sex: 'female',
        capacityLossPercent: 85,
        hasDirectCarer: false,
      },
    ]);
  });
});
