// Survivor eligibility from the registries (issue 20, deliverable 3), by the law of the date of death:
// Luật BHXH 2014 Art. 67(2) (DOMAIN.md §3B: wife under 55 / husband under 60 need an incapacity
// record) and Luật BHXH 2024 Art. 86 (DOMAIN.md §5: child under 18 or ≥ 81 %; spouse or parents at
// retirement age, or under it with ≥ 81 % capacity loss).
import { describe, expect, it } from 'vitest';
import { benefitRulesFor } from '../../domain/procedures/benefit-law';
import {
  retirementAgeMonths,
  survivorEligibility,
  type RegisteredRelative,
} from '../../domain/procedures/survivor-eligibility';

const lawOn = (date: string) => {
  const rules = benefitRulesFor(date);
  if (!rules) throw new Error(`no rules for ${date}`);
  return rules.law;
};
const relative = (changes: Partial<RegisteredRelative>): RegisteredRelative => ({
  pin: '001090000001',
  relationship: 'child',
  dateOfBirth: '2010-01-01',
  sex: 'male',
  ...changes,
});
const eligible = (r: RegisteredRelative, death: string) =>
  survivorEligibility([r], death, lawOn(death))[0]?.survivorEligible;

describe('survivorEligibility', () => {
  it('when a child is 17 on the date of death (Art. 86: under 18), then they qualify; at 18 they do not, unless ≥ 81 % incapacity is on record', () => {
    expect(eligible(relative({ dateOfBirth: '2008-10-06' }), '2026-10-05')).toBe(true);
    expect(eligible(relative({ dateOfBirth: '2008-10-05' }), '2026-10-05')).toBe(false);
    expect(
      eligible(relative({ dateOfBirth: '2008-10-05', capacityLossPercent: 81 }), '2026-10-05'),
    ).toBe(true);
    expect(
      eligible(relative({ dateOfBirth: '2008-10-05', capacityLossPercent: 80 }), '2026-10-05'),
    ).toBe(false);
  });

  it('when a wife of 56 survives a death in 2024 (2014 law: wife 55), then she qualifies; in 2026 (2024 law: retirement age, 57 years for women in 2026) she does not at 56', () => {
    const wife = relative({ relationship: 'spouse', sex: 'female', dateOfBirth: '1968-01-01' });
    expect(eligible(wife, '2024-03-01')).toBe(true);
    expect(eligible({ ...wife, dateOfBirth: '1970-05-10' }, '2026-10-05')).toBe(false);
    expect(eligible({ ...wife, dateOfBirth: '1958-01-01' }, '2026-10-05')).toBe(true);
  });

  it('when a sibling is registered, then they are not a relative the law lists for the monthly allowance', () => {
    expect(
      eligible(relative({ relationship: 'sibling', capacityLossPercent: 90 }), '2026-10-05'),
    ).toBe(false);
  });

  it('when a care record says the relative has no direct carer, then the 70 % share applies; no record: 50 %', () => {
    const [without, unknown] = survivorEligibility(
      [relative({ hasDirectCarer: false }), relative({ pin: '001090000002' })],
      '2026-10-05',
      lawOn('2026-10-05'),
    );
    expect(without?.hasDirectCarer).toBe(false);
    expect(unknown?.hasDirectCarer).toBe(true);
  });

  it('when eligibility is derived, then it says which registry each fact came from', () => {
    const [child] = survivorEligibility([relative({})], '2026-10-05', lawOn('2026-10-05'));
    expect(child?.why).toMatch(/population database/);
    expect(child?.why).toMatch(/Art\. 86/);
  });
});

describe('retirementAgeMonths', () => {
  it.each([
    ['male', 2020, 720],
    ['male', 2021, 723],
    ['male', 2028, 744],
    ['male', 2035, 744],
    ['female', 2021, 664],
    ['female', 2026, 684],
    ['female', 2035, 720],
  ] as const)(
    'when a %s reaches retirement in %i (Labour Code 2019 Art. 169), then the age is %i months',
    (sex, year, months) => {
      expect(retirementAgeMonths(sex, year)).toBe(months);
    },
  );
});
