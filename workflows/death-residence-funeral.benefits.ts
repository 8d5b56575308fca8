// Which benefit rules a death case decides by. Since the patch `benefits-by-law` (CHANGELOG, issue 20):
// the rules for the date of death (benefit-law.ts), pinned into the input at filing, each decision
// citing its article, a refusal by a rule recorded as the rule's (reason code and citation in the
// step's result). A case started before the patch keeps the frozen v1.0.0 rules to its end: it
// replays them and must give the same commands.
import { patched } from '@temporalio/workflow';
import type { StepResult } from '../domain/procedures/agency-step.machine';
import { benefitRulesFor, type BenefitRules } from '../domain/procedures/benefit-law';
import {
  decideFuneral,
  decideSurvivor,
  type DeceasedFacts,
  type FuneralDecision,
  type InsuredFacts,
  type RuleRefusal,
  type SurvivorDecision,
} from '../domain/procedures/death-benefits.rules';
import * as v1 from '../domain/procedures/death-benefits.v1';
import {
  survivorEligibility,
  type RegisteredRelative,
  type SurvivorEligibility,
} from '../domain/procedures/survivor-eligibility';

/** Patch: benefits by the law in force on the date of death (CHANGELOG, issue 20). */
export const BENEFITS_BY_LAW_PATCH = 'benefits-by-law';

type Relatives = Parameters<typeof decideSurvivor>[2];

export interface BenefitDecider {
  /** The patch's answer: this run decides by the law of the date of death. */
  byLaw: boolean;
  funeral(facts: DeceasedFacts, claimedOn: string): FuneralDecision | v1.FuneralDecision;
  survivor(
    insured: InsuredFacts | undefined,
    kind: 'lump_sum' | 'monthly',
    relatives: Relatives,
  ): SurvivorDecision | v1.SurvivorDecision;
  /** The relatives' eligibility from the registries, by the law of the date of death. */
  eligibility(registered: readonly RegisteredRelative[]): SurvivorEligibility[];
  /** What a refusal records in the step's result: the rule that refused (nothing before the patch). */
  refusalRecord(decision: RuleRefusal | { kind: 'refused' }): StepResult | undefined;
}

/**
 * The rules of this run: asked once, as the workflow starts (before any projection, see
 * projections.ts). `pinned` is the input's: the rules chosen at filing, null when none was known for
 * the date of death, absent on a case filed before issue 20 (then chosen here, from the same tables).
 */
export function benefitDeciderOfThisRun(
  deathDate: string,
  pinned: BenefitRules | null | undefined,
): BenefitDecider {
  if (!patched(BENEFITS_BY_LAW_PATCH))
    return {
      byLaw: false,
      funeral: (facts, claimedOn) => v1.decideFuneral(facts, deathDate, claimedOn),
      survivor: (insured, kind, relatives) =>
        v1.decideSurvivor(insured, kind, relatives, deathDate),
      eligibility: () => [],
      refusalRecord: () => undefined,
    };
  const rules = pinned === undefined ? benefitRulesFor(deathDate) : (pinned ?? undefined);
  return {
    byLaw: true,
    funeral: (facts, claimedOn) => decideFuneral(facts, deathDate, claimedOn, rules),
    survivor: (insured, kind, relatives) =>
      decideSurvivor(insured, kind, relatives, deathDate, rules),
    eligibility: (registered) =>
      rules ? survivorEligibility(registered, deathDate, rules.law) : [],
    refusalRecord: (decision) =>
      'rule' in decision ? { refusedBy: 'rule', rule: decision.rule } : undefined,
  };
}
