// FROZEN: the benefit rules of v1.0.0, exactly as running death cases started before the patch
// `benefits-by-law` computed them (CHANGELOG). Those cases replay this code and must issue the same
// commands, so nothing here is corrected — issue 20 found it wrong in places (a flat 2 months per
// contribution year, the pensioner's lump sum a month late, social protection chosen before merit
// services, the 90 days as forfeiture for every payer, no level before 07/2023). New cases use
// death-benefits.rules.ts with the rule tables of benefit-law.ts pinned at filing. Do not edit.
import type { IsoDate } from '../calendar/working-days';
import { versionInForce, type Versioned } from '../rule-versions';

interface Amount extends Versioned {
  vnd: number;
}

/** Mức tham chiếu (reference level); equal to the base salary so far (2026 report, (S)). */
export const REFERENCE_LEVELS: readonly Amount[] = [
  { effectiveFrom: '2023-07-01', vnd: 1_800_000, source: 'NĐ 24/2023/NĐ-CP base salary (C)' },
  {
    effectiveFrom: '2024-07-01',
    vnd: 2_340_000,
    source: 'NĐ 73/2024/NĐ-CP base salary (C); = reference level (S)',
  },
];

/** Mức chuẩn trợ giúp xã hội (standard social-assistance level). */
export const SOCIAL_ASSISTANCE_LEVELS: readonly Amount[] = [
  { effectiveFrom: '2021-07-01', vnd: 360_000, source: 'NĐ 20/2021/NĐ-CP (C)' },
  { effectiveFrom: '2024-07-01', vnd: 500_000, source: 'NĐ 76/2024/NĐ-CP (C)' },
];

export const BENEFIT_RULES = {
  funeralMultiple: 10, // × reference level in the month of death (Luật BHXH 2024 Art. 85; 2014 Art. 66)
  socialProtectionMultiple: 20, // at least × standard level (NĐ 20/2021 Art. 11); provinces may pay more
  meritMultiple: 10, // same as under social-insurance law (S)
  claimWindowDays: 90, // funeral claim within 90 days of death (QĐ 863/QĐ-BNV)
  minCompulsoryMonths: 12,
  minVoluntaryMonths: 60,
  survivorShare: 0.5, // of the reference level, per relative, monthly
  survivorShareNoCarer: 0.7,
  maxSurvivors: 4,
} as const;

/** What the agencies know of the deceased (BHXH, social protection, merit services). */
export interface DeceasedFacts {
  compulsoryMonths: number;
  voluntaryMonths: number;
  pensioner: boolean;
  monthlyInsuranceAllowance: boolean;
  occupationalDeath: boolean;
  monthlySocialAssistance: boolean;
  meritorious: boolean;
}

export type FuneralPayer = 'social-insurance' | 'social-protection' | 'merit-services';

export type FuneralDecision =
  | { kind: 'payable'; payer: FuneralPayer; amountVnd: number; basis: string }
  | { kind: 'refused'; code: string; reason: string };

const daysBetween = (from: IsoDate, to: IsoDate) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The reference level of the month of death. */
export const referenceLevel = (deathDate: IsoDate) =>
  versionInForce(REFERENCE_LEVELS, `${deathDate.slice(0, 7)}-01`).vnd;

/**
 * Luật BHXH 2024 Art. 85 with NĐ 158/2025 (deaths from 01/07/2025). Deaths before that fall under the
 * 2014 law, whose conditions are the same for the cases modelled here (U: not checked clause by clause).
 */
export function insuredForFuneral(f: DeceasedFacts): boolean {
  return (
    f.compulsoryMonths >= BENEFIT_RULES.minCompulsoryMonths ||
    f.voluntaryMonths >= BENEFIT_RULES.minVoluntaryMonths ||
    f.compulsoryMonths + f.voluntaryMonths >= BENEFIT_RULES.minVoluntaryMonths ||
    f.pensioner ||
    f.monthlyInsuranceAllowance ||
    f.occupationalDeath
  );
}

/** Who pays the funeral allowance and how much; BHXH first, then social protection, then merit. */
export function decideFuneral(
  facts: DeceasedFacts,
  deathDate: IsoDate,
  claimedOn: IsoDate,
): FuneralDecision {
  const late = daysBetween(deathDate, claimedOn);
  if (late > BENEFIT_RULES.claimWindowDays) {
    return {
      kind: 'refused',
      code: 'BENEFITS.CLAIM_TOO_LATE',
      reason: `claimed ${late} days after the death; the limit is ${BENEFIT_RULES.claimWindowDays}`,
    };
  }
  const reference = referenceLevel(deathDate);
  if (insuredForFuneral(facts)) {
    return {
      kind: 'payable',
      payer: 'social-insurance',
      amountVnd: BENEFIT_RULES.funeralMultiple * reference,
      basis: `${BENEFIT_RULES.funeralMultiple} × ${reference}`,
    };
  }
  if (facts.monthlySocialAssistance) {
    const level = versionInForce(SOCIAL_ASSISTANCE_LEVELS, deathDate).vnd;
    return {
      kind: 'payable',
      payer: 'social-protection',
      amountVnd: BENEFIT_RULES.socialProtectionMultiple * level,
      basis: `${BENEFIT_RULES.socialProtectionMultiple} × ${level}`,
    };
  }
  if (facts.meritorious) {
    return {
      kind: 'payable',
      payer: 'merit-services',
      amountVnd: BENEFIT_RULES.meritMultiple * reference,
      basis: `${BENEFIT_RULES.meritMultiple} × ${reference}`,
    };
  }
  return {
    kind: 'refused',
    code: 'BENEFITS.NO_ENTITLEMENT',
    reason: 'no social insurance, social assistance or meritorious-service entitlement',
  };
}

/** Monthly survivor allowance: per eligible relative, at most four (Luật BHXH 2024 Art. 86–87). */
export function monthlySurvivorAllowance(
  relatives: readonly { eligible: boolean; hasDirectCarer: boolean }[],
  deathDate: IsoDate,
): { perRelativeVnd: number[]; totalVnd: number } {
  const reference = referenceLevel(deathDate);
  const perRelativeVnd = relatives
    .filter((r) => r.eligible)
    .slice(0, BENEFIT_RULES.maxSurvivors)
    .map((r) =>
      Math.round(
        reference *
          (r.hasDirectCarer ? BENEFIT_RULES.survivorShare : BENEFIT_RULES.survivorShareNoCarer),
      ),
    );
  return { perRelativeVnd, totalVnd: perRelativeVnd.reduce((a, b) => a + b, 0) };
}

/** What BHXH knows of the deceased that the survivor allowance depends on. */
export interface InsuredFacts {
  compulsoryMonths: number;
  voluntaryMonths: number;
  averageSalaryVnd: number;
  pensioner: boolean;
  monthlyPensionVnd?: number;
  retiredOn?: IsoDate;
  monthlyInsuranceAllowance: boolean;
  occupationalDeath: boolean;
}

export const SURVIVOR_RULES = {
  monthlyMinCompulsoryMonths: 180, // ≥ 15 years (Luật BHXH 2024 Art. 86)
  lumpSumMonthsPerYear: 2, // 1.5 before 2014, 2 from 2014 (S); the split by year is not modelled (U)
  lumpSumMinMonths: 3,
  // A pensioner's lump sum: 48 months' pension if death in the first 2 months of retirement, 0.5 month
  // less per further month, at least 3 (Luật BHXH 2014 Art. 70 (C); assumed carried into 2024 (U)).
  pensionerMonths: 48,
  pensionerGraceMonths: 2,
  pensionerReductionPerMonth: 0.5,
} as const;

export type SurvivorDecision =
  | { kind: 'lump_sum'; amountVnd: number; basis: string }
  | { kind: 'monthly'; perRelative: { pin: string; amountVnd: number }[]; totalVnd: number }
  | { kind: 'refused'; code: string; reason: string };

const monthsBetween = (from: IsoDate, to: IsoDate) =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
  Number(to.slice(5, 7)) -
  Number(from.slice(5, 7));

/** A monthly survivor allowance is possible (Art. 86); otherwise only a lump sum. */
export const monthlySurvivorPossible = (f: InsuredFacts) =>
  f.compulsoryMonths >= SURVIVOR_RULES.monthlyMinCompulsoryMonths ||
  f.pensioner ||
  f.occupationalDeath ||
  f.monthlyInsuranceAllowance;

/** The survivor allowance the relatives asked for, or why it cannot be paid. */
export function decideSurvivor(
  facts: InsuredFacts | undefined,
  kind: 'lump_sum' | 'monthly',
  relatives: readonly { pin: string; survivorEligible: boolean; hasDirectCarer: boolean }[],
  deathDate: IsoDate,
): SurvivorDecision {
  if (!facts || (facts.compulsoryMonths + facts.voluntaryMonths === 0 && !facts.pensioner)) {
    return {
      kind: 'refused',
      code: 'BENEFITS.NO_SURVIVOR_ENTITLEMENT',
      reason: 'the deceased was not insured by BHXH',
    };
  }
  if (kind === 'monthly') {
    if (!monthlySurvivorPossible(facts)) {
      return {
        kind: 'refused',
        code: 'BENEFITS.NO_MONTHLY_SURVIVOR',
        reason: `fewer than ${SURVIVOR_RULES.monthlyMinCompulsoryMonths} months of compulsory contributions and no pension; a lump sum can be claimed`,
      };
    }
    const eligible = relatives.filter((r) => r.survivorEligible);
    const { perRelativeVnd, totalVnd } = monthlySurvivorAllowance(
      eligible.map((r) => ({ eligible: true, hasDirectCarer: r.hasDirectCarer })),
      deathDate,
    );
    const perRelative = perRelativeVnd.map((amountVnd, i) => ({
      pin: eligible[i]?.pin ?? '',
      amountVnd,
    }));
    return { kind: 'monthly', perRelative, totalVnd };
  }
  const r = SURVIVOR_RULES;
  if (facts.pensioner && facts.monthlyPensionVnd && facts.retiredOn) {
    const retiredMonths = Math.max(0, monthsBetween(facts.retiredOn, deathDate));
    const months = Math.max(
      r.lumpSumMinMonths,
      r.pensionerMonths -
        r.pensionerReductionPerMonth * Math.max(0, retiredMonths - r.pensionerGraceMonths),
    );
    return {
      kind: 'lump_sum',
      amountVnd: Math.round(months * facts.monthlyPensionVnd),
      basis: `${months} × ${facts.monthlyPensionVnd} (pension)`,
    };
  }
  const years = (facts.compulsoryMonths + facts.voluntaryMonths) / 12;
  const months = Math.max(r.lumpSumMinMonths, years * r.lumpSumMonthsPerYear);
  return {
    kind: 'lump_sum',
    amountVnd: Math.round(months * facts.averageSalaryVnd),
    basis: `${months} × ${facts.averageSalaryVnd} (average insured salary)`,
  };
}
