// Group B's agency calls: death registration (and the population database's death flag), removal of
// permanent residence, the funeral and survivor allowances with their payment, the pension stop, the
// lookups that decide who pays, and the compensations after a court annuls the declaration of death.
import type { Agencies } from '../agencies';
import type { AgencyOutcome } from '../agencies/http';
import type { BenefitDecided } from '../agencies/benefits';
import type { CourtRuling, DeathDecided } from '../agencies/civil-status.client';
import type { Paid } from '../agencies/payments.client';
import type { InsuredFacts } from '../domain/procedures/death-benefits.rules';
import type { RegisteredRelative } from '../domain/procedures/survivor-eligibility';
import type { StepResult } from '../domain/procedures/agency-step.machine';
import { ReasonCode } from '../domain/procedures/reasons';
import {
  agencyCall,
  keyOf,
  nonRetryableIfPermanent,
  notAllowed,
  notRegistered,
  rejected,
  type Payout,
  type StepCall,
  type StepHandlers,
  type StepOutcome,
} from './steps';

type Call<S extends StepCall['request']['step']> = StepCall<
  Extract<StepCall['request'], { step: S }>
>;

/** Keys of the forward steps, rebuilt by the compensations (Group B steps are never resent). */
export const stepKey = (caseId: string, step: string, purpose: string) =>
  `${caseId}:${step}:0:${purpose}`;

export function deathResidenceFuneralSteps({ agencies }: { agencies: Agencies }) {
  /** The death is registered: flag it in the population database, which residence removal follows. */
  async function registered(call: Call<'death'>, outcome: AgencyOutcome<DeathDecided>) {
    if (outcome.kind === 'pending') return { kind: 'review' } as const;
    if (outcome.kind === 'rejected') return rejected(outcome);
    if (outcome.result.status !== 'registered')
      return notRegistered('CIVIL_STATUS.REFUSED', {
        decision: 'reject',
        reason: outcome.result.reason ?? outcome.result.status,
      });
    const { extractNumber } = outcome.result;
    const { deceased, death } = call.request.registration;
    const flagged = await agencyCall(() =>
      agencies.population.recordDeath(
        { pin: deceased.pin, dateOfDeath: death.date, deathExtractNumber: extractNumber },
        keyOf(call, 'population'),
      ),
    );
    // Flagged already (an earlier case of the same person) is what we asked for; another refusal
    // ends the step with the population database's reason; a reply still pending is asked again.
    if (flagged.kind === 'rejected' && flagged.code !== 'POPULATION.ALREADY_DECEASED')
      return rejected(flagged);
    if (flagged.kind === 'pending') throw new Error('the population database has not answered yet');
    return { kind: 'completed', result: { extractNumber } } as const;
  }

  /**
   * Pays a granted benefit once: to the bank account, else by post when there is no account or the
   * bank refuses it. Never both: a bank transfer still pending is asked again (same key) until the
   * bank answers. When the post refuses too, the step ends rejected naming the decision, so the
   * granted money is never silently left unpaid.
   */
  async function pay(
    call: StepCall,
    payout: Payout,
    amountVnd: number,
    decisionNumber: string,
  ): Promise<Extract<StepOutcome, { kind: 'completed' | 'rejected' }>> {
    const base = {
      reference: `${call.caseId}:${call.request.step}`,
      payee: payout.payee,
      amountVnd,
    };
    let note: string | undefined;
    const { bankAccount } = payout;
    if (bankAccount) {
      const bank = await agencyCall(() =>
        agencies.payments.pay({ ...base, channel: 'bank', bankAccount }, keyOf(call, 'pay-bank')),
      );
      if (bank.kind === 'accepted') return { kind: 'completed', result: paid(bank.result) };
      if (bank.kind === 'pending') throw new Error('the bank transfer is still pending');
      note = bank.reason;
    }
    const post = await agencyCall(() =>
      agencies.payments.pay(
        { ...base, channel: 'post', postAddress: payout.postAddress },
        keyOf(call, 'pay-post'),
      ),
    );
    if (post.kind === 'pending') throw new Error('the payment by post is still pending');
    if (post.kind === 'rejected')
      return {
        kind: 'rejected',
        code: ReasonCode.PAYMENT_REFUSED,
        reason: `granted by decision ${decisionNumber}, not paid: ${[note, post.reason].filter(Boolean).join('; ')}`,
      };
    return {
      kind: 'completed',
      result: { ...paid(post.result), ...(note && { bankRefused: note }) },
    };
  }

  const paid = (p: Paid): StepResult => ({
    paymentRef: p.paymentRef,
    paymentChannel: p.channel,
    amountVnd: String(p.amountVnd),
  });

  /** Whether the population database knows `payeePin` as a relative of the deceased. */
  async function isRelative(deceasedPin: string, payeePin: string): Promise<boolean> {
    try {
      return (await agencies.population.relativesOf(deceasedPin)).some((r) => r.pin === payeePin);
    } catch (error) {
      throw nonRetryableIfPermanent(error);
    }
  }

  /**
   * A benefit decision: granted → paid (when there is a payout), else the agency's reason. Money goes
   * only to a relative of the deceased the population database knows (issue 19), checked here, at
   * the payment, whatever the case was filed with. The one exception the law makes is the funeral
   * allowance, paid to whoever organised the funeral (Luật BHXH 2014 Art. 66, 2024 Art. 85; DOMAIN.md
   * §3B): to someone not a known relative only once an officer approved it (`payeeApproved`), never
   * automatically — the step goes to review instead. A survivor allowance to anyone else is refused.
   */
  async function granted(
    call: Call<'funeral' | 'survivor'>,
    outcome: AgencyOutcome<BenefitDecided>,
    payout: Payout | undefined,
    result: StepResult = {},
    payeeApproved = false,
  ): Promise<StepOutcome> {
    if (outcome.kind === 'pending') return { kind: 'review' };
    if (outcome.kind === 'rejected') return rejected(outcome);
    const decision = outcome.result;
    // The payer's written refusal: its decision number and reasons stay on the step (issue 20).
    if (decision.status === 'refused')
      return {
        kind: 'rejected',
        code: 'BENEFITS.REFUSED',
        reason: `decision ${decision.decisionNumber}: ${decision.reasons.join('; ')}`,
        // Not `decisionNumber`: that names a grant in force, which an annulment revokes.
        result: { ...result, refusalDecision: decision.decisionNumber, refusedBy: 'payer' },
      };
    if (decision.status !== 'granted')
      return {
        kind: 'rejected',
        code: 'BENEFITS.REFUSED',
        reason: decision.reason ?? decision.status,
      };
    const base = {
      ...result,
      decisionNumber: decision.decisionNumber,
      amountVnd: String(decision.amountVnd),
    };
    if (!payout) return { kind: 'completed', result: base };
    if (!payeeApproved && !(await isRelative(call.request.claim.pin, payout.payee.pin))) {
      if (call.request.step === 'funeral') return { kind: 'review' };
      return {
        kind: 'rejected',
        code: ReasonCode.PAYEE_NOT_VERIFIED,
        reason: `granted by decision ${decision.decisionNumber}, not paid: the payee is not a relative of the deceased in the population database`,
        result: base,
      };
    }
    const payment = await pay(call, payout, decision.amountVnd, decision.decisionNumber);
    // Granted but not paid: the decision stays on the step, so an annulment can revoke it.
    return payment.kind === 'completed'
      ? { kind: 'completed', result: { ...base, ...payment.result } }
      : { ...payment, result: base };
  }

  /** The funeral claim, sent to whichever body pays it; idempotent on the step's key. */
  const claimFuneral = (call: Call<'funeral'>) => {
    const key = keyOf(call, 'claim');
    const { payer, claim } = call.request;
    return agencyCall(() =>
      payer === 'social-insurance'
        ? agencies.socialInsurance.claimFuneral(claim, key)
        : payer === 'social-protection'
          ? agencies.socialProtection.claimFuneral(claim, key)
          : agencies.meritServices.claimFuneral(claim, key),
    );
  };

  const handlers: StepHandlers<
    'death' | 'residence-removal' | 'funeral' | 'survivor' | 'pension-stop' | 'payee-declaration'
  > = {
    // The relatives' declaration is a document a BHXH officer checks against the population
    // database's family record; there is no agency call to make until the upload exists (issue
    // "Documents in and out"): the task waits for the officer, whose decision is the outcome.
    'payee-declaration': {
      submit() {
        return Promise.resolve({ kind: 'review' });
      },
      decide({ decision, request }) {
        return Promise.resolve(
          decision.decision === 'approve'
            ? { kind: 'completed', result: { declaration: request.declaration.document } }
            : {
                kind: 'rejected',
                code: ReasonCode.DECLARATION_REJECTED,
                reason: decision.reason,
              },
        );
      },
    },
    death: {
      async submit(call) {
        return registered(
          call,
          await agencyCall(() =>
            agencies.civilStatus.registerDeath(call.request.registration, keyOf(call, 'register')),
          ),
        );
      },
      async decide(call) {
        return registered(
          call,
          await agencyCall(() =>
            agencies.civilStatus.decideDeath(
              keyOf(call, 'register'),
              call.decision,
              keyOf(call, `decision-${call.decision.decision}`),
            ),
          ),
        );
      },
      async cancel(call) {
        await agencyCall(() =>
          agencies.civilStatus.cancelDeath(keyOf(call, 'register'), keyOf(call, 'cancel')),
        );
      },
    },
    'residence-removal': {
      async submit(call) {
        const outcome = await agencyCall(() =>
          agencies.police.removeResidence(call.request.removal, keyOf(call, 'remove')),
        );
        if (outcome.kind === 'pending') return { kind: 'review' };
        if (outcome.kind === 'rejected') return rejected(outcome);
        return { kind: 'completed', result: { residenceRef: outcome.result.residenceRef } };
      },
    },
    funeral: {
      async submit(call) {
        const { payer, payout } = call.request;
        return granted(call, await claimFuneral(call), payout, { payer });
      },
      // Social protection's commune officer decides the support (and sees its payee in the task).
      // BHXH and merit services decide automatically; their officer decides only whether the
      // allowance they granted is paid to an organiser who is not a known relative (see `granted`).
      async decide(call) {
        if (call.request.payer !== 'social-protection') {
          // The payer's decision again (the same key: it answers what it answered first).
          const claimed = await claimFuneral(call);
          if (call.decision.decision === 'approve')
            return granted(call, claimed, call.request.payout, { payer: call.request.payer }, true);
          const decided = claimed.kind === 'accepted' ? claimed.result : undefined;
          return {
            kind: 'rejected',
            code: ReasonCode.PAYEE_NOT_APPROVED,
            reason: call.decision.reason,
            // Granted, not paid: the decision stays on the step, so an annulment can revoke it.
            ...(decided?.status === 'granted' && {
              result: {
                payer: call.request.payer,
                decisionNumber: decided.decisionNumber,
                amountVnd: String(decided.amountVnd),
              },
            }),
          };
        }
        const outcome = await agencyCall(() =>
          agencies.socialProtection.decide(
            keyOf(call, 'claim'),
            call.decision,
            keyOf(call, `decision-${call.decision.decision}`),
          ),
        );
        if (outcome.kind === 'accepted' && outcome.result.status !== 'granted')
          return notRegistered('SOCIAL_PROTECTION.REFUSED', call.decision);
        return granted(call, outcome, call.request.payout, { payer: call.request.payer }, true);
      },
      async cancel(call) {
        if (call.request.payer === 'social-protection')
          await agencyCall(() =>
            agencies.socialProtection.cancel(keyOf(call, 'claim'), keyOf(call, 'cancel')),
          );
      },
    },
    survivor: {
      async submit(call) {
        const { claim, payout } = call.request;
        const outcome = await agencyCall(() =>
          agencies.socialInsurance.claimSurvivor(claim, keyOf(call, 'claim')),
        );
        return granted(call, outcome, payout, { kind: claim.kind });
      },
    },
    'pension-stop': {
      async submit(call) {
        const outcome = await agencyCall(() =>
          agencies.socialInsurance.stopPension(call.request.stop, keyOf(call, 'stop')),
        );
        if (outcome.kind === 'pending') return { kind: 'review' };
        if (outcome.kind === 'rejected') return rejected(outcome);
        return { kind: 'completed', result: { decisionNumber: outcome.result.decisionNumber } };
      },
    },
  };

  const annulmentKey = (caseId: string, purpose: string) => `${caseId}:annulment:${purpose}`;
  const accepted = async <R>(what: string, call: () => Promise<AgencyOutcome<R>>): Promise<R> => {
    const outcome = await agencyCall(call);
    if (outcome.kind !== 'accepted')
      throw notAllowed(`${what}: ${outcome.kind === 'rejected' ? outcome.reason : 'pending'}`);
    return outcome.result;
  };

  return {
    handlers,
    activities: {
      /** What BHXH knows of the deceased; null: never insured. */
      async lookupInsured(pin: string): Promise<InsuredFacts | null> {
        return (await agencies.socialInsurance.person(pin)) ?? null;
      },
      async lookupAssistance(pin: string): Promise<boolean> {
        return (await agencies.socialProtection.recipient(pin))?.monthlyAssistance === true;
      },
      async lookupMerit(pin: string): Promise<boolean> {
        return (await agencies.meritServices.person(pin)) !== undefined;
      },
      /**
       * The deceased's relatives as the population database records them, with the facts a survivor's
       * eligibility rests on (issue 20): relation, date of birth, sex, work-capacity assessment, care.
       */
      async lookupRelatives(pin: string): Promise<RegisteredRelative[]> {
        return (await agencies.population.relativesOf(pin)).map((r) => ({
          pin: r.pin,
          relationship: r.relationship,
          dateOfBirth: r.dateOfBirth,
          ...(r.sex && { sex: r.sex }),
          ...(r.capacityLossPercent !== undefined && {
            capacityLossPercent: r.capacityLossPercent,
          }),
          ...(r.hasDirectCarer !== undefined && { hasDirectCarer: r.hasDirectCarer }),
        }));
      },

      // Compensations after an annulment, each once per case (keys from the case id).
      async restoreResidence({ caseId, reason }: { caseId: string; reason: string }) {
        const restored = await accepted('residence not restored', () =>
          agencies.police.restoreResidence(
            stepKey(caseId, 'residence-removal', 'remove'),
            reason,
            annulmentKey(caseId, 'restore-residence'),
          ),
        );
        return { residenceRef: restored.residenceRef };
      },
      async revokeBenefit(input: {
        caseId: string;
        step: string;
        payer: string;
        decisionNumber: string;
        reason: string;
      }): Promise<void> {
        const key = annulmentKey(input.caseId, `revoke-${input.step}`);
        const client =
          input.payer === 'social-protection'
            ? agencies.socialProtection
            : input.payer === 'merit-services'
              ? agencies.meritServices
              : agencies.socialInsurance;
        await accepted('benefit not revoked', () =>
          client.revoke(input.decisionNumber, input.reason, key),
        );
      },
      async reclaimPayment(input: {
        caseId: string;
        step: string;
        paymentRef: string;
        reason: string;
      }): Promise<{ reclaimRef: string; amountVnd: string }> {
        const reclaim = await accepted('reclaim not opened', () =>
          agencies.payments.reclaim(
            input.paymentRef,
            input.reason,
            annulmentKey(input.caseId, `reclaim-${input.step}`),
          ),
        );
        return { reclaimRef: reclaim.reclaimRef, amountVnd: String(reclaim.amountVnd) };
      },
      async reinstatePension(input: { caseId: string; decisionNumber: string; reason: string }) {
        const reinstated = await accepted('pension not reinstated', () =>
          agencies.socialInsurance.reinstatePension(
            input.decisionNumber,
            input.reason,
            annulmentKey(input.caseId, 'reinstate-pension'),
          ),
        );
        return { decisionNumber: reinstated.decisionNumber };
      },
      /** Civil status records the court's ruling; the population database's death flag is reversed. */
      async annulDeathRecord(input: { caseId: string; pin: string; ruling: CourtRuling }) {
        await accepted('death record not annulled', () =>
          agencies.civilStatus.annulDeath(
            stepKey(input.caseId, 'death', 'register'),
            input.ruling,
            annulmentKey(input.caseId, 'annul-death'),
          ),
        );
        await accepted('population database not corrected', () =>
          agencies.population.reverseDeath(
            input.pin,
            `court ruling ${input.ruling.number}`,
            annulmentKey(input.caseId, 'population'),
          ),
        );
      },
    },
  };
}
