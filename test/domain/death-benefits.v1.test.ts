// The frozen v1.0.0 rules (death-benefits.v1.ts) that cases started before the patch
// `benefits-by-law` replay: locked as they were, errors included (issue 20 lists them; the rules in
// force for new cases are tested in death-benefits.rules.test.ts).
import { describe, expect, it } from 'vitest';
import {
  decideFuneral,
  decideSurvivor,
  monthlySurvivorAllowance,
  type DeceasedFacts,
  type InsuredFacts,
} from '../../domain/procedures/death-benefits.v1';
import { GROUP_B_RULES } from '../../domain/procedures/death-residence-funeral.rules';
import { versionInForce } from '../../domain/rule-versions';

const nobody: DeceasedFacts = {
  compulsoryMonths: 0,
  voluntaryMonths: 0,
  pensioner: false,
  monthlyInsuranceAllowance: false,
  occupationalDeath: false,
  monthlySocialAssistance: false,
  meritorious: false,
};

describe('decideFuneral', () => {
  it('when a participant had 14 months of compulsory contributions, then BHXH pays 10 × 2,340,000 = 23,400,000 VND', () => {
    expect(decideFuneral({ ...nobody, compulsoryMonths: 14 }, '2026-10-05', '2026-10-10')).toEqual({
      kind: 'payable',
      payer: 'social-insurance',
      amountVnd: 23_400_000,
      basis: '10 × 2340000',
    });
  });

  it('when someone on monthly social assistance was never insured, then social protection pays 20 × 500,000', () => {
    expect(
      decideFuneral({ ...nobody, monthlySocialAssistance: true }, '2026-10-05', '2026-10-06'),
    ).toMatchObject({
      payer: 'social-protection',
      amountVnd: 10_000_000,
    });
  });

  it('when a person with meritorious service had no other entitlement, then merit services pay', () => {
    expect(
      decideFuneral({ ...nobody, meritorious: true }, '2026-10-05', '2026-10-06'),
    ).toMatchObject({
      payer: 'merit-services',
      amountVnd: 23_400_000,
    });
  });

  it('when the death was in June 2024, then the reference level of that month applies (1,800,000)', () => {
    expect(decideFuneral({ ...nobody, pensioner: true }, '2024-06-30', '2024-07-05')).toMatchObject(
      {
        amountVnd: 18_000_000,
      },
    );
  });

  it.each([
    [11, 0, false],
    [12, 0, true],
    [0, 59, false],
    [0, 60, true],
    [20, 40, true],
  ])(
    'when %i compulsory and %i voluntary months were paid, then BHXH pays = %s',
    (compulsory, voluntary, bhxh) => {
      const decision = decideFuneral(
        { ...nobody, compulsoryMonths: compulsory, voluntaryMonths: voluntary },
        '2026-10-05',
        '2026-10-06',
      );
      expect(decision.kind === 'payable' && decision.payer === 'social-insurance').toBe(bhxh);
    },
  );

  it('when the claim is filed on day 91, then the funeral allowance is refused with the reason; day 90 is still in time', () => {
    expect(decideFuneral({ ...nobody, compulsoryMonths: 14 }, '2026-07-01', '2026-09-30')).toEqual({
      kind: 'refused',
      code: 'BENEFITS.CLAIM_TOO_LATE',
      reason: 'claimed 91 days after the death; the limit is 90',
    });
    expect(
      decideFuneral({ ...nobody, compulsoryMonths: 14 }, '2026-07-01', '2026-09-29').kind,
    ).toBe('payable');
  });
});

describe('monthlySurvivorAllowance', () => {
  it('when five relatives qualify, one without a direct carer, then four are paid, at 50 % or 70 % of the reference level', () => {
    const relatives = [
      { eligible: true, hasDirectCarer: false },
      { eligible: true, hasDirectCarer: true },
      { eligible: false, hasDirectCarer: true },
      { eligible: true, hasDirectCarer: true },
      { eligible: true, hasDirectCarer: true },
      { eligible: true, hasDirectCarer: true },
    ];
    expect(monthlySurvivorAllowance(relatives, '2026-10-05')).toEqual({
      perRelativeVnd: [1_638_000, 1_170_000, 1_170_000, 1_170_000],
      totalVnd: 5_148_000,
    });
  });
});

describe('decideSurvivor', () => {
  const insured: InsuredFacts = {
    compulsoryMonths: 120,
    voluntaryMonths: 0,
    averageSalaryVnd: 8_000_000,
    pensioner: false,
    monthlyInsuranceAllowance: false,
    occupationalDeath: false,
  };
  const relatives = [
    { pin: '001090000001', survivorEligible: true, hasDirectCarer: true },
    { pin: '001090000002', survivorEligible: true, hasDirectCarer: false },
    { pin: '001090000003', survivorEligible: false, hasDirectCarer: true },
  ];

  it('when 10 years were contributed, then the lump sum is 10 × 2 months of the average salary', () => {
    expect(decideSurvivor(insured, 'lump_sum', relatives, '2026-10-05')).toEqual({
      kind: 'lump_sum',
      amountVnd: 160_000_000,
      basis: '20 × 8000000 (average insured salary)',
    });
  });

  it('when only a few months were contributed, then the lump sum is at least 3 months', () => {
    const facts = { ...insured, compulsoryMonths: 6 };
    expect(decideSurvivor(facts, 'lump_sum', relatives, '2026-10-05')).toMatchObject({
      amountVnd: 24_000_000,
    });
  });

  it('when a pensioner dies 12 months into retirement, then the lump sum is 43 months of pension', () => {
    const pensioner = {
      ...insured,
      pensioner: true,
      monthlyPensionVnd: 6_500_000,
      retiredOn: '2025-10-01',
    };
    expect(decideSurvivor(pensioner, 'lump_sum', relatives, '2026-10-05')).toMatchObject({
      amountVnd: 43 * 6_500_000,
    });
  });

  it('when a monthly allowance is asked for after 15 years, then each eligible relative gets 50 % or 70 %', () => {
    const facts = { ...insured, compulsoryMonths: 180 };
    expect(decideSurvivor(facts, 'monthly', relatives, '2026-10-05')).toEqual({
      kind: 'monthly',
      perRelative: [
        { pin: '001090000001', amountVnd: 1_170_000 },
        { pin: '001090000002', amountVnd: 1_638_000 },
      ],
      totalVnd: 2_808_000,
    });
  });

  it('when a monthly allowance is asked for after 10 years, then it is refused with the reason', () => {
    expect(decideSurvivor(insured, 'monthly', relatives, '2026-10-05')).toMatchObject({
      kind: 'refused',
      code: 'BENEFITS.NO_MONTHLY_SURVIVOR',
    });
  });

  it('when the deceased was never insured, then there is no survivor allowance', () => {
    expect(decideSurvivor(undefined, 'lump_sum', relatives, '2026-10-05')).toMatchObject({
      kind: 'refused',
      code: 'BENEFITS.NO_SURVIVOR_ENTITLEMENT',
    });
  });
});

describe('GROUP_B_RULES', () => {
  it('when a case is filed from 15/03/2026, then residence is removed within 1 working day, before it 5', () => {
    expect(versionInForce(GROUP_B_RULES, '2026-03-14').deadlines['residence-removal']).toBe(5);
    expect(versionInForce(GROUP_B_RULES, '2026-03-15').deadlines['residence-removal']).toBe(1);
  });
});
