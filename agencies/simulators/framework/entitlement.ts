// How a paying body decides a funeral or survivor claim from its own records (issue 20): the law of the date of
// death (domain/procedures/benefit-law.ts, the same law the engine reads — the facts are the payer's
// own, never the amount claimed), its own filing limit, and written reasons for a refusal.
import { benefitRulesFor, type BenefitRules } from '../../../domain/procedures/benefit-law';
import {
  decideSurvivor,
  insuredForFuneral,
  monthlySurvivorPossible,
  type DeceasedFacts,
  type InsuredFacts,
} from '../../../domain/procedures/death-benefits.rules';
import type { FuneralClaim, PayerDecision } from './benefits';

const noRule = (date: string) =>
  `no rule of the law is known to us for a death on ${date}; the claim cannot be decided here`;

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** BHXH's filing limit: past it, only with a written explanation (QĐ 863/QĐ-BNV; Art. 118 (U)). */
function lateWithoutExplanation(claim: FuneralClaim, rules: BenefitRules): string | undefined {
  const window = rules.claimWindows['social-insurance'];
  if (!window || !claim.filedOn || claim.lateExplanation) return undefined;
  const days = daysBetween(claim.dateOfDeath, claim.filedOn);
  if (days <= window.days) return undefined;
  return `filed ${days} days after the death, beyond the ${window.days} days, with no written explanation (${window.source})`;
}

/** BHXH: 10 × the unit of the month of death when its own records qualify the deceased. */
export function socialInsuranceFuneral(
  person: Omit<DeceasedFacts, 'monthlySocialAssistance' | 'meritorious'>,
  claim: FuneralClaim,
): PayerDecision {
  const rules = benefitRulesFor(claim.dateOfDeath);
  if (!rules) return { refuse: [noRule(claim.dateOfDeath)] };
  const { funeral } = rules.law;
  const reasons: string[] = [];
  if (!insuredForFuneral({ ...person, monthlySocialAssistance: false, meritorious: false }, rules))
    reasons.push(
      `our records show ${person.compulsoryMonths} compulsory and ${person.voluntaryMonths} voluntary months, no pension and no occupational death: fewer than ${funeral.minCompulsoryMonths} compulsory or ${funeral.minVoluntaryMonths} months in all (${funeral.article})`,
    );
  const late = lateWithoutExplanation(claim, rules);
  if (late) reasons.push(late);
  return reasons.length > 0 ? { refuse: reasons } : { grant: funeral.multiple * rules.unit.vnd };
}

/** Merit services: the same amount as under social-insurance law (DOMAIN.md §5 [S39]). */
export function meritFuneral(claim: FuneralClaim): PayerDecision {
  const rules = benefitRulesFor(claim.dateOfDeath);
  if (!rules) return { refuse: [noRule(claim.dateOfDeath)] };
  return { grant: rules.merit.multiple * rules.unit.vnd };
}

/** Social protection's floor: 20 × the standard level on the date of death (NĐ 20/2021 Art. 11). */
export function socialProtectionFloor(claim: FuneralClaim): number | undefined {
  const rules = benefitRulesFor(claim.dateOfDeath);
  if (!rules?.socialAssistance) return undefined;
  return rules.socialProtection.multiple * rules.socialAssistance.vnd;
}

type SurvivorClaim =
  | { kind: 'lump_sum'; dateOfDeath: string; amountVnd: number }
  | { kind: 'monthly'; dateOfDeath: string; monthly: { pin: string; amountVnd: number }[] };

/**
 * BHXH's survivor decision from its own record: the lump sum it computes (1.5/2 months a year split at
 * 2014, a pensioner's 48 months less 0.5 a month: DOMAIN.md §5), whatever was claimed; a monthly
 * allowance only when its records allow one, each relative's share 50 % or 70 % of the unit.
 */
export function socialInsuranceSurvivor(person: InsuredFacts, claim: SurvivorClaim): PayerDecision {
  const rules = benefitRulesFor(claim.dateOfDeath);
  if (!rules) return { refuse: [noRule(claim.dateOfDeath)] };
  if (claim.kind === 'lump_sum') {
    const decided = decideSurvivor(person, 'lump_sum', [], claim.dateOfDeath, rules);
    if (decided.kind === 'lump_sum' && decided.amountVnd > 0) return { grant: decided.amountVnd };
    if (decided.kind === 'lump_sum')
      return { refuse: ['no average insured salary or pension on our records to compute it from'] };
    return {
      refuse: [decided.kind === 'refused' ? `${decided.reason} (${decided.rule})` : 'no lump sum'],
    };
  }
  const { monthlySurvivor } = rules.law;
  if (!monthlySurvivorPossible(person, rules))
    return {
      refuse: [
        `our records show ${person.compulsoryMonths} compulsory months and no pension: a monthly allowance needs ${monthlySurvivor.minCompulsoryMonths} (${monthlySurvivor.article}); a lump sum can be claimed`,
      ],
    };
  const shares = [monthlySurvivor.share, monthlySurvivor.shareNoCarer].map((s) =>
    Math.round(s * rules.unit.vnd),
  );
  const wrong = claim.monthly.filter((r) => !shares.includes(r.amountVnd));
  if (wrong.length > 0)
    return {
      refuse: wrong.map(
        (r) =>
          `${r.amountVnd} VND a month claimed for a relative is neither ${shares.join(' nor ')} (${monthlySurvivor.article})`,
      ),
    };
  return { grant: claim.monthly.reduce((total, r) => total + r.amountVnd, 0) };
}
