// Group B's money (DOMAIN.md §5): which body pays the funeral allowance, how much, and the survivor
// allowance, by the rules in force on the date of death. Amounts are integers in VND. Levels change by
// decree, so each is a rule version with its effective date; provinces may pay more than the floor.
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
