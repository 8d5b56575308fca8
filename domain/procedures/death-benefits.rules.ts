// Group B's money (DOMAIN.md §5): which body pays the funeral allowance, how much, and the survivor
// allowance, by the law in force on the date of death — the rules of benefit-law.ts, chosen for the
// date of death and pinned into the case at filing (`BenefitRules`). Amounts are integers in VND.
// Every decision names the article it applies; a refusal the engine makes itself (no rule for the
// date, no entitlement in the registries) says so and cites it: the payer decides everything else.
// Cases started before the patch `benefits-by-law` keep the frozen v1.0.0 rules (death-benefits.v1.ts).
import type { IsoDate } from '../calendar/working-days';
import type { BenefitRules, FuneralPayer } from './benefit-law';

export type { FuneralPayer } from './benefit-law';

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

/** A refusal by a rule, never in an agency's name without one: the code, why, and the rule. */
export interface RuleRefusal {
  kind: 'refused';
  code: string;
  reason: string;
  rule: string;
}

export type FuneralDecision =
  | {
      kind: 'payable';
      payer: FuneralPayer;
      amountVnd: number;
      basis: string;
      rule: string;
      /** Filed after the payer's limit: still the payer's to decide, on a written explanation. */
      lateFiling?: { days: number; limitDays: number; source: string };
    }
  | RuleRefusal;

const daysBetween = (from: IsoDate, to: IsoDate) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** A case whose date of death no rule of ours covers: said plainly, on every benefit step. */
export const noRuleFor = (deathDate: IsoDate): RuleRefusal => ({
  kind: 'refused',
  code: 'BENEFITS.NO_RULE_FOR_DATE',
  reason: `no benefit rule is known here for a death on ${deathDate}: apply to the paying body directly`,
  rule: 'benefit-law.ts covers deaths from 01/07/2019 (2014 law and checked levels) onwards',
});

/** Whether BHXH pays the funeral allowance (Luật BHXH 2014 Art. 66/80; 2024 Art. 85, NĐ 158/2025). */
export function insuredForFuneral(f: DeceasedFacts, rules: BenefitRules): boolean {
  const { minCompulsoryMonths, minVoluntaryMonths } = rules.law.funeral;
  return (
    f.compulsoryMonths >= minCompulsoryMonths ||
    f.voluntaryMonths >= minVoluntaryMonths ||
    f.compulsoryMonths + f.voluntaryMonths >= minVoluntaryMonths ||
    f.pensioner ||
    f.monthlyInsuranceAllowance ||
    f.occupationalDeath
  );
}

type Payable = Extract<FuneralDecision, { kind: 'payable' }>;

/** Every payer that would pay, with its amount (BHXH alone when it pays: DOMAIN.md §1B 4c, §4). */
function entitlements(f: DeceasedFacts, rules: BenefitRules): Omit<Payable, 'kind'>[] {
  const unit = rules.unit.vnd;
  if (insuredForFuneral(f, rules)) {
    const multiple = rules.law.funeral.multiple;
    const rule = rules.law.funeral.article;
    return [
      {
        payer: 'social-insurance',
        amountVnd: multiple * unit,
        basis: `${multiple} × ${unit}`,
        rule,
      },
    ];
  }
  const found: Omit<Payable, 'kind'>[] = [];
  if (f.monthlySocialAssistance && rules.socialAssistance) {
    const { multiple, article } = rules.socialProtection;
    const level = rules.socialAssistance.vnd;
    found.push({
      payer: 'social-protection',
      amountVnd: multiple * level,
      basis: `${multiple} × ${level}`,
      rule: article,
    });
  }
  if (f.meritorious) {
    const { multiple, article } = rules.merit;
    found.push({
      payer: 'merit-services',
      amountVnd: multiple * unit,
      basis: `${multiple} × ${unit}`,
      rule: article,
    });
  }
  return found;
}

/**
 * Who pays the funeral allowance and how much: BHXH when the deceased qualifies, else the highest of
 * the other entitlements (`rules.payerChoice`). The 90 days are BHXH's limit only, and a late claim
 * still goes to BHXH, which decides on the written explanation (`rules.claimWindows`).
 */
export function decideFuneral(
  facts: DeceasedFacts,
  deathDate: IsoDate,
  claimedOn: IsoDate,
  rules: BenefitRules | undefined,
): FuneralDecision {
  if (!rules) return noRuleFor(deathDate);
  const found = entitlements(facts, rules);
  // The highest level; on a tie the first found (BHXH, then social protection, then merit).
  const best = found.reduce<Omit<Payable, 'kind'> | undefined>(
    (a, b) => (a && a.amountVnd >= b.amountVnd ? a : b),
    undefined,
  );
  if (!best) {
    if (facts.monthlySocialAssistance && !rules.socialAssistance) return noRuleFor(deathDate);
    return {
      kind: 'refused',
      code: 'BENEFITS.NO_ENTITLEMENT',
      reason: 'no social insurance, social assistance or meritorious-service entitlement',
      rule: `${rules.law.funeral.article}; ${rules.socialProtection.article}; ${rules.merit.article}`,
    };
  }
  const chosen = found.length > 1 ? { ...best, rule: `${best.rule}; ${rules.payerChoice}` } : best;
  const window = rules.claimWindows[best.payer];
  const days = daysBetween(deathDate, claimedOn);
  return {
    kind: 'payable',
    ...chosen,
    ...(window &&
      days > window.days && {
        lateFiling: { days, limitDays: window.days, source: window.source },
      }),
  };
}

/** Monthly survivor allowance: per eligible relative, at most four (2014 Art. 68; 2024 Art. 87). */
export function monthlySurvivorAllowance(
  relatives: readonly { eligible: boolean; hasDirectCarer: boolean }[],
  rules: BenefitRules,
): { perRelativeVnd: number[]; totalVnd: number } {
  const { share, shareNoCarer, maxRelatives } = rules.law.monthlySurvivor;
  const unit = rules.unit.vnd;
  const perRelativeVnd = relatives
    .filter((r) => r.eligible)
    .slice(0, maxRelatives)
    .map((r) => Math.round(unit * (r.hasDirectCarer ? share : shareNoCarer)));
  return { perRelativeVnd, totalVnd: perRelativeVnd.reduce((a, b) => a + b, 0) };
}

/** What BHXH knows of the deceased that the survivor allowance depends on. */
export interface InsuredFacts {
  compulsoryMonths: number;
  voluntaryMonths: number;
  /** Of the months above, those contributed before 1 January 2014 (the insurance history). */
  monthsBefore2014?: number;
  averageSalaryVnd: number;
  pensioner: boolean;
  monthlyPensionVnd?: number;
  /** The first month of the pension. */
  retiredOn?: IsoDate;
  monthlyInsuranceAllowance: boolean;
  occupationalDeath: boolean;
}

export type SurvivorDecision =
  | { kind: 'lump_sum'; amountVnd: number; basis: string; rule: string }
  | {
      kind: 'monthly';
      perRelative: { pin: string; amountVnd: number }[];
      totalVnd: number;
      rule: string;
    }
  | RuleRefusal;

const monthsBetween = (from: IsoDate, to: IsoDate) =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
  Number(to.slice(5, 7)) -
  Number(from.slice(5, 7));

/** A monthly survivor allowance is possible (2014 Art. 67; 2024 Art. 86); otherwise a lump sum. */
export const monthlySurvivorPossible = (f: InsuredFacts, rules: BenefitRules) =>
  f.compulsoryMonths >= rules.law.monthlySurvivor.minCompulsoryMonths ||
  f.pensioner ||
  f.occupationalDeath ||
  f.monthlyInsuranceAllowance;

/**
 * A pensioner's lump sum in months: 48 if the death falls in the first 2 months of the pension, 0.5
 * less for each further month, at least 3 (2014 Art. 70(2)). The month the pension starts is the
 * first: a death in the 3rd month gives 47.5, in the 13th 42.5.
 */
export function pensionerLumpSumMonths(
  retiredOn: IsoDate,
  deathDate: IsoDate,
  rules: BenefitRules,
) {
  const r = rules.law.pensionerLumpSum;
  const monthOfPension = Math.max(1, monthsBetween(retiredOn, deathDate) + 1);
  return Math.max(
    r.minMonths,
    r.months - r.reductionPerMonth * Math.max(0, monthOfPension - r.graceMonths),
  );
}

/**
 * A contributor's lump sum in months: 1.5 per contribution year before 2014, 2 per year from 2014, at
 * least 3 (2014 Art. 70(1)). Months count as twelfths of a year (U: how odd months round is not in
 * DOMAIN.md).
 */
export function contributorLumpSumMonths(f: InsuredFacts, rules: BenefitRules): number {
  const r = rules.law.lumpSum;
  const total = f.compulsoryMonths + f.voluntaryMonths;
  const before = Math.min(total, f.monthsBefore2014 ?? 0);
  const months = (before * r.monthsPerYearBefore + (total - before) * r.monthsPerYearFrom) / 12;
  return Math.max(r.minMonths, months);
}

/** The survivor allowance the relatives asked for, or why it cannot be paid (and by which rule). */
export function decideSurvivor(
  facts: InsuredFacts | undefined,
  kind: 'lump_sum' | 'monthly',
  relatives: readonly { pin: string; survivorEligible: boolean; hasDirectCarer: boolean }[],
  deathDate: IsoDate,
  rules: BenefitRules | undefined,
): SurvivorDecision {
  if (!rules) return noRuleFor(deathDate);
  const law = rules.law;
  if (!facts || (facts.compulsoryMonths + facts.voluntaryMonths === 0 && !facts.pensioner)) {
    return {
      kind: 'refused',
      code: 'BENEFITS.NO_SURVIVOR_ENTITLEMENT',
      reason: 'the deceased was not insured by BHXH',
      rule: `${law.lumpSum.article}; ${law.monthlySurvivor.article}`,
    };
  }
  if (kind === 'monthly') {
    if (!monthlySurvivorPossible(facts, rules)) {
      return {
        kind: 'refused',
        code: 'BENEFITS.NO_MONTHLY_SURVIVOR',
        reason: `fewer than ${law.monthlySurvivor.minCompulsoryMonths} months of compulsory contributions and no pension; a lump sum can be claimed`,
        rule: law.monthlySurvivor.article,
      };
    }
    const eligible = relatives.filter((r) => r.survivorEligible);
    if (eligible.length === 0)
      return {
        kind: 'refused',
        code: 'BENEFITS.NO_ELIGIBLE_RELATIVE',
        reason:
          'no relative meets a monthly survivor-allowance condition; a lump sum can be claimed',
        rule: law.survivorRelatives.article,
      };
    const { perRelativeVnd, totalVnd } = monthlySurvivorAllowance(
      eligible.map((r) => ({ eligible: true, hasDirectCarer: r.hasDirectCarer })),
      rules,
    );
    const perRelative = perRelativeVnd.map((amountVnd, i) => ({
      pin: eligible[i]?.pin ?? '',
      amountVnd,
    }));
    return { kind: 'monthly', perRelative, totalVnd, rule: law.monthlySurvivor.article };
  }
  if (facts.pensioner && facts.monthlyPensionVnd && facts.retiredOn) {
    const months = pensionerLumpSumMonths(facts.retiredOn, deathDate, rules);
    return {
      kind: 'lump_sum',
      amountVnd: Math.round(months * facts.monthlyPensionVnd),
      basis: `${months} × ${facts.monthlyPensionVnd} (pension)`,
      rule: law.pensionerLumpSum.article,
    };
  }
  const months = contributorLumpSumMonths(facts, rules);
  return {
    kind: 'lump_sum',
    amountVnd: Math.round(months * facts.averageSalaryVnd),
    basis: `${Number(months.toFixed(4))} × ${facts.averageSalaryVnd} (average insured salary)`,
    rule: law.lumpSum.article,
  };
}
