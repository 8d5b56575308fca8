// Group A's agency calls: each turns an agency's reply into a step outcome.
import type { Agencies } from '../agencies';
import {
  agencyCall,
  keyOf,
  notRegistered,
  rejected,
  type StepCall,
  type StepHandlers,
  type StepOutcome,
} from './steps';

type BirthCall = StepCall<Extract<StepCall['request'], { step: 'birth' }>>;

export function birthResidenceInsuranceSteps({ agencies }: { agencies: Agencies }) {
  /** The birth is registered: obtain the child's PIN from the population database. */
  async function withPin(call: BirthCall, extractNumber: string): Promise<StepOutcome> {
    const { child } = call.request.registration;
    const pin = await agencyCall(() =>
      agencies.population.issuePin(
        {
          provinceCode: call.request.provinceCode,
          fullName: child.fullName,
          dateOfBirth: child.dateOfBirth,
          sex: child.sex,
        },
        keyOf(call, 'pin'),
      ),
    );
    // The birth is registered; a PIN refused ends the step with the population database's reason.
    if (pin.kind === 'rejected') return rejected(pin);
    if (pin.kind === 'pending')
      throw new Error('the population database has not issued the PIN yet');
    return { kind: 'completed', result: { extractNumber, pin: pin.result.pin } };
  }

  const handlers: StepHandlers<'birth' | 'residence' | 'insurance'> = {
    birth: {
      async submit(call) {
        const outcome = await agencyCall(() =>
          agencies.civilStatus.register(call.request.registration, keyOf(call, 'register')),
        );
        if (outcome.kind === 'pending') return { kind: 'review' };
        if (outcome.kind === 'rejected') return rejected(outcome);
        return withPin(call, outcome.result.extractNumber);
      },
      async decide(call) {
        const outcome = await agencyCall(() =>
          agencies.civilStatus.decide(
            keyOf(call, 'register'),
            call.decision,
            keyOf(call, `decision-${call.decision.decision}`),
          ),
        );
        if (outcome.kind === 'rejected') return rejected(outcome);
        if (outcome.kind === 'pending' || outcome.result.status !== 'registered') {
          return notRegistered('CIVIL_STATUS.REFUSED', call.decision);
        }
        return withPin(call, outcome.result.extractNumber);
      },
      async cancel(call) {
        await agencyCall(() =>
          agencies.civilStatus.cancel(keyOf(call, 'register'), keyOf(call, 'cancel')),
        );
      },
    },
    residence: {
      async submit(call) {
        const outcome = await agencyCall(() =>
          agencies.police.register(call.request.registration, keyOf(call, 'register')),
        );
        if (outcome.kind === 'pending') return { kind: 'review' };
        if (outcome.kind === 'rejected') return rejected(outcome);
        if (outcome.result.status !== 'registered')
          return {
            kind: 'rejected',
            code: 'RESIDENCE.REFUSED',
            reason: outcome.result.reason ?? outcome.result.status,
          };
        return { kind: 'completed', result: { residenceRef: outcome.result.residenceRef } };
      },
      async decide(call) {
        const outcome = await agencyCall(() =>
          agencies.police.decide(
            keyOf(call, 'register'),
            call.decision,
            keyOf(call, `decision-${call.decision.decision}`),
          ),
        );
        if (outcome.kind === 'rejected') return rejected(outcome);
        if (outcome.kind === 'pending' || outcome.result.status !== 'registered') {
          return notRegistered('RESIDENCE.REFUSED', call.decision);
        }
        return { kind: 'completed', result: { residenceRef: outcome.result.residenceRef } };
      },
      async cancel(call) {
        await agencyCall(() =>
          agencies.police.cancel(keyOf(call, 'register'), keyOf(call, 'cancel')),
        );
      },
    },
    insurance: {
      // BHXH decides automatically: no officer decision, nothing to cancel.
      async submit(call) {
        const outcome = await agencyCall(() =>
          agencies.socialInsurance.issueChildCard(call.request.card, keyOf(call, 'card')),
        );
        if (outcome.kind === 'pending') return { kind: 'review' };
        if (outcome.kind === 'rejected') return rejected(outcome);
        const card = outcome.result;
        return {
          kind: 'completed',
          result: {
            insuranceNumber: card.insuranceNumber,
            validFrom: card.validFrom,
            validTo: card.validTo,
            facility: card.facility.name,
          },
        };
      },
    },
  };

  return {
    handlers,
    activities: {
      /** Civil status corrects a registered birth after a later agency found a defect caused by it. */
      async correctBirth(
        call: BirthCall & { reason: string; correction: number },
      ): Promise<StepOutcome> {
        const outcome = await agencyCall(() =>
          agencies.civilStatus.correct(
            keyOf({ ...call, round: 0 }, 'register'),
            { reason: call.reason, changes: {} },
            keyOf(call, `correction-${call.correction}`),
          ),
        );
        if (outcome.kind !== 'accepted')
          return {
            kind: 'rejected',
            code: 'CIVIL_STATUS.CORRECTION_REFUSED',
            reason: outcome.kind === 'rejected' ? outcome.reason : 'pending',
          };
        return { kind: 'completed', result: { extractNumber: outcome.result.extractNumber } };
      },
    },
  };
}
