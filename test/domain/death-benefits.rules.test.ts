import { describe, expect, it } from 'vitest';
import {
  decideFuneral,
  monthlySurvivorAllowance,
  type DeceasedFacts,
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
