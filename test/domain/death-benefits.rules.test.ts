// The benefit rules new death cases run under (issue 20, deliverable 2), each test citing the rule in
// DOMAIN.md §5 / §2C or the source benefit-law.ts names. Amounts to the đồng for each payer and branch.
import { describe, expect, it } from 'vitest';
import {
  BENEFIT_TABLES,
  benefitRulesFor,
  type BenefitRules,
} from '../../domain/procedures/benefit-law';
import {
  decideFuneral,
  decideSurvivor,
  monthlySurvivorAllowance,
  type DeceasedFacts,
  type InsuredFacts,
} from '../../domain/procedures/death-benefits.rules';

const nobody: DeceasedFacts = {
  compulsoryMonths: 0,
  voluntaryMonths: 0,
  pensioner: false,
  monthlyInsuranceAllowance: false,
  occupationalDeath: false,
  monthlySocialAssistance: false,
  meritorious: false,
};

/** The rules pinned for a death on `date` (benefitRulesFor must answer for every date used here). */
const rulesOn = (date: string): BenefitRules => {
  const rules = benefitRulesFor(date);
  if (!rules) throw new Error(`no rules for ${date}`);
  return rules;
};
const funeral = (facts: Partial<DeceasedFacts>, death: string, claimed: string) =>
  decideFuneral({ ...nobody, ...facts }, death, claimed, benefitRulesFor(death));

describe('benefitRulesFor', () => {
  it('when the death is on 30/06/2025, then the 2014 law governs; from 01/07/2025 the 2024 law (DOMAIN.md §0)', () => {
    expect(rulesOn('2025-06-30').law.id).toBe('luat-bhxh-2014');
    expect(rulesOn('2025-06-30').unit.vnd).toBe(2_340_000);
    expect(rulesOn('2025-07-01').law.id).toBe('luat-bhxh-2024');
    expect(rulesOn('2025-07-01').law.funeral.article).toMatch(/Art\. 85/);
  });

  it('when a new reference level is added after a case was filed, then the filed case keeps the level it was pinned with', () => {
    // Arrange: a case filed for a death in October 2026 under today's tables.
    const pinned = rulesOn('2026-10-05');
    // Act: an administrator adds a (hypothetical) level from 01/07/2026: one dated entry.
    const extended = {
      ...BENEFIT_TABLES,
      referenceLevels: [
        ...BENEFIT_TABLES.referenceLevels,
        { effectiveFrom: '2026-07-01', vnd: 2_530_000, source: 'test: a new decree' },
      ],
    };
    const filedLater = benefitRulesFor('2026-10-05', extended);
    // Assert
    const insured = { ...nobody, compulsoryMonths: 14 };
    expect(decideFuneral(insured, '2026-10-05', '2026-10-06', pinned)).toMatchObject({
      amountVnd: 23_400_000,
    });
    expect(decideFuneral(insured, '2026-10-05', '2026-10-06', filedLater)).toMatchObject({
      amountVnd: 25_300_000,
    });
  });

  it('when the death is before any level we checked (before 01/07/2019), then there are no rules, not an exception', () => {
    expect(benefitRulesFor('2019-06-30')).toBeUndefined();
    expect(benefitRulesFor('2019-07-01')?.unit.vnd).toBe(1_490_000);
  });
});

describe('decideFuneral', () => {
  it('when a participant had 14 months of compulsory contributions (Luật BHXH 2024 Art. 85), then BHXH pays 10 × 2,340,000 = 23,400,000 VND', () => {
    expect(funeral({ compulsoryMonths: 14 }, '2026-10-05', '2026-10-10')).toEqual({
      kind: 'payable',
      payer: 'social-insurance',
      amountVnd: 23_400_000,
      basis: '10 × 2340000',
      rule: expect.stringMatching(/Luật BHXH 2024 Art\. 85/) as unknown,
    });
  });

  it.each([
    ['2024-06-30', 18_000_000],
    ['2024-07-01', 23_400_000],
    ['2025-06-30', 23_400_000],
    ['2020-03-10', 14_900_000],
  ])(
    'when a pensioner died on %s (Luật BHXH 2014 Art. 66: 10 × the base salary of the month of death), then BHXH pays %i',
    (death, amount) => {
      expect(funeral({ pensioner: true }, death, death)).toMatchObject({
        payer: 'social-insurance',
        amountVnd: amount,
        rule: expect.stringMatching(/Luật BHXH 2014 Art\. 66/) as unknown,
      });
    },
  );

  it.each([
    ['2026-10-05', 10_000_000],
    ['2022-05-01', 7_200_000],
  ])(
    'when someone on monthly social assistance died on %s (NĐ 20/2021 Art. 11: 20 × the standard level, DOMAIN.md §5), then social protection pays %i',
    (death, amount) => {
      expect(funeral({ monthlySocialAssistance: true }, death, death)).toMatchObject({
        payer: 'social-protection',
        amountVnd: amount,
      });
    },
  );

  it('when a person with meritorious service had no other entitlement (same as social-insurance law, DOMAIN.md §5 [S39]), then merit services pay 23,400,000', () => {
    expect(funeral({ meritorious: true }, '2026-10-05', '2026-10-06')).toMatchObject({
      payer: 'merit-services',
      amountVnd: 23_400_000,
    });
  });

  it('when the deceased qualifies for both social protection and merit services, then the higher allowance is paid (only the highest level: NĐ 176/2025 Art. 5(2)), with the rule cited', () => {
    expect(
      funeral({ monthlySocialAssistance: true, meritorious: true }, '2026-10-05', '2026-10-06'),
    ).toMatchObject({
      kind: 'payable',
      payer: 'merit-services',
      amountVnd: 23_400_000,
      rule: expect.stringMatching(/một mức cao nhất/) as unknown,
    });
  });

  it('when BHXH pays, then neither other budget does, even if the deceased also qualified there (DOMAIN.md §1B 4c)', () => {
    expect(
      funeral(
        { compulsoryMonths: 14, monthlySocialAssistance: true, meritorious: true },
        '2026-10-05',
        '2026-10-06',
      ),
    ).toMatchObject({ payer: 'social-insurance', amountVnd: 23_400_000 });
  });

  it.each([
    [11, 0, false],
    [12, 0, true],
    [0, 59, false],
    [0, 60, true],
    [20, 40, true],
  ])(
    'when %i compulsory and %i voluntary months were paid (Art. 85: ≥12 compulsory, ≥60 voluntary or combined), then BHXH pays = %s',
    (compulsory, voluntary, bhxh) => {
      const decision = funeral(
        { compulsoryMonths: compulsory, voluntaryMonths: voluntary },
        '2026-10-05',
        '2026-10-06',
      );
      expect(decision.kind === 'payable' && decision.payer === 'social-insurance').toBe(bhxh);
    },
  );

  it('when a BHXH claim is filed on day 91 (QĐ 863/QĐ-BNV, DOMAIN.md §2C: 90 days), then it still goes to BHXH, marked late for its decision, not forfeited; day 90 is in time', () => {
    const late = funeral({ compulsoryMonths: 14 }, '2026-07-01', '2026-09-30');
    expect(late).toMatchObject({
      kind: 'payable',
      payer: 'social-insurance',
      amountVnd: 23_400_000,
      lateFiling: { days: 91, limitDays: 90 },
    });
    const inTime = funeral({ compulsoryMonths: 14 }, '2026-07-01', '2026-09-29');
    expect(inTime.kind === 'payable' && inTime.lateFiling).toBeUndefined();
  });

  it.each([
    [{ monthlySocialAssistance: true }, 'social-protection'],
    [{ meritorious: true }, 'merit-services'],
  ] as const)(
    'when a %o claim is filed 200 days after the death (DOMAIN.md §5 sets no limit for this payer), then it is payable with no late mark',
    (facts, payer) => {
      const decision = funeral(facts, '2026-01-05', '2026-07-24');
      expect(decision).toMatchObject({ kind: 'payable', payer });
      expect(decision.kind === 'payable' && decision.lateFiling).toBeUndefined();
    },
  );

  it('when no payer knows the deceased, then the engine refuses by the rules it cites', () => {
    expect(funeral({}, '2026-10-05', '2026-10-06')).toMatchObject({
      kind: 'refused',
      code: 'BENEFITS.NO_ENTITLEMENT',
      rule: expect.stringMatching(/Art\. 85/) as unknown,
    });
  });

  it('when the death is before the earliest rule we hold, then the case says no rule is known for that date (no RangeError)', () => {
    expect(funeral({ compulsoryMonths: 14 }, '2018-05-01', '2018-05-02')).toMatchObject({
      kind: 'refused',
      code: 'BENEFITS.NO_RULE_FOR_DATE',
      reason: expect.stringContaining('2018-05-01') as unknown,
    });
  });
});

describe('monthlySurvivorAllowance', () => {
  it('when five relatives qualify, one without a direct carer (Art. 87: 50 % or 70 %, at most 4), then four are paid', () => {
    const relatives = [
      { eligible: true, hasDirectCarer: false },
      { eligible: true, hasDirectCarer: true },
      { eligible: false, hasDirectCarer: true },
      { eligible: true, hasDirectCarer: true },
      { eligible: true, hasDirectCarer: true },
      { eligible: true, hasDirectCarer: true },
    ];
    expect(monthlySurvivorAllowance(relatives, rulesOn('2026-10-05'))).toEqual({
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
  const survivor = (facts: InsuredFacts | undefined, kind: 'lump_sum' | 'monthly', death: string) =>
    decideSurvivor(facts, kind, relatives, death, benefitRulesFor(death));

  it('when 10 years were contributed, all from 2014 (Art. 70(1): 2 months a year), then the lump sum is 20 × 8,000,000', () => {
    expect(survivor(insured, 'lump_sum', '2026-10-05')).toEqual({
      kind: 'lump_sum',
      amountVnd: 160_000_000,
      basis: '20 × 8000000 (average insured salary)',
      rule: expect.stringMatching(/Art\. 88/) as unknown,
    });
  });

  it('when 4 of 10 years were contributed before 2014 (DOMAIN.md §5: 1.5 months a year before 2014, 2 from 2014), then the lump sum is 18 months = 144,000,000', () => {
    expect(survivor({ ...insured, monthsBefore2014: 48 }, 'lump_sum', '2026-10-05')).toMatchObject({
      kind: 'lump_sum',
      amountVnd: 144_000_000,
      basis: '18 × 8000000 (average insured salary)',
    });
  });

  it('when 3 years and 5 months were contributed, 2 years and 1 month of them before 2014, then the lump sum is 1.5 × 25/12 + 2 × 16/12 months', () => {
    const facts = { ...insured, compulsoryMonths: 41, monthsBefore2014: 25 };
    // (25 × 1.5 + 16 × 2) / 12 = 69.5 / 12 months × 8,000,000 = 46,333,333.33… → 46,333,333
    expect(survivor(facts, 'lump_sum', '2026-10-05')).toMatchObject({ amountVnd: 46_333_333 });
  });

  it('when only a few months were contributed (minimum 3 months, DOMAIN.md §5), then the lump sum is 3 × 8,000,000', () => {
    expect(survivor({ ...insured, compulsoryMonths: 6 }, 'lump_sum', '2026-10-05')).toMatchObject({
      amountVnd: 24_000_000,
    });
  });

  const pensioner = (retiredOn: string): InsuredFacts => ({
    ...insured,
    pensioner: true,
    monthlyPensionVnd: 6_500_000,
    retiredOn,
  });

  it.each([
    ['2026-10-01', 1, 48, 312_000_000],
    ['2026-09-01', 2, 48, 312_000_000],
    ['2026-08-01', 3, 47.5, 308_750_000],
    ['2025-10-01', 13, 42.5, 276_250_000],
    ['2010-01-01', 202, 3, 19_500_000],
  ])(
    'when a pensioner whose pension began %s dies in its month %i (DOMAIN.md §5: 48 months in the first 2, 0.5 less per further month, at least 3), then the lump sum is %d months = %i',
    (retiredOn, _month, months, amount) => {
      expect(survivor(pensioner(retiredOn), 'lump_sum', '2026-10-05')).toMatchObject({
        kind: 'lump_sum',
        amountVnd: amount,
        basis: `${months} × 6500000 (pension)`,
      });
    },
  );

  it('when a monthly allowance is asked for after 15 years (Art. 86–87), then each eligible relative gets 50 % or 70 % of 2,340,000', () => {
    expect(survivor({ ...insured, compulsoryMonths: 180 }, 'monthly', '2026-10-05')).toEqual({
      kind: 'monthly',
      perRelative: [
        { pin: '001090000001', amountVnd: 1_170_000 },
        { pin: '001090000002', amountVnd: 1_638_000 },
      ],
      totalVnd: 2_808_000,
      rule: expect.stringMatching(/Luật BHXH 2024 Art\. 86/) as unknown,
    });
  });

  it('when the death was on 10/03/2023, before 1 July 2023, then the monthly allowance is by the 2014 law on the base salary then in force (1,490,000), not a RangeError', () => {
    expect(survivor({ ...insured, compulsoryMonths: 180 }, 'monthly', '2023-03-10')).toEqual({
      kind: 'monthly',
      perRelative: [
        { pin: '001090000001', amountVnd: 745_000 },
        { pin: '001090000002', amountVnd: 1_043_000 },
      ],
      totalVnd: 1_788_000,
      rule: expect.stringMatching(/Luật BHXH 2014 Art\. 67/) as unknown,
    });
  });

  it('when the death was before any rule we hold, then the survivor allowance says no rule is known for that date', () => {
    expect(survivor({ ...insured, compulsoryMonths: 180 }, 'monthly', '2019-06-30')).toMatchObject({
      kind: 'refused',
      code: 'BENEFITS.NO_RULE_FOR_DATE',
    });
  });

  it('when a monthly allowance is asked for after 10 years (Art. 86: 15 years), then it is refused by that rule', () => {
    expect(survivor(insured, 'monthly', '2026-10-05')).toMatchObject({
      kind: 'refused',
      code: 'BENEFITS.NO_MONTHLY_SURVIVOR',
      rule: expect.stringMatching(/Art\. 86/) as unknown,
    });
  });

  it('when the deceased was never insured, then there is no survivor allowance', () => {
    expect(survivor(undefined, 'lump_sum', '2026-10-05')).toMatchObject({
      kind: 'refused',
      code: 'BENEFITS.NO_SURVIVOR_ENTITLEMENT',
    });
  });
});

describe('decideSurvivor: relatives', () => {
  it('when no relative meets a monthly condition (Art. 86), then the monthly allowance is refused by that rule, never claimed empty', () => {
    const facts: InsuredFacts = {
      compulsoryMonths: 200,
      voluntaryMonths: 0,
      averageSalaryVnd: 8_000_000,
      pensioner: false,
      monthlyInsuranceAllowance: false,
      occupationalDeath: false,
    };
    const adults = [{ pin: '001090000001', survivorEligible: false, hasDirectCarer: true }];
    expect(
      decideSurvivor(facts, 'monthly', adults, '2026-10-05', benefitRulesFor('2026-10-05')),
    ).toMatchObject({ kind: 'refused', code: 'BENEFITS.NO_ELIGIBLE_RELATIVE' });
  });
});
