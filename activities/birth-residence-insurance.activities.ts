// Group A's agency calls. Each turns an agency's reply into a step outcome; idempotency keys come from
// the case id and the step (STYLE rule 15), never from the attempt, so a retried activity or a
// restarted worker repeats the same request and the agency answers it once.
import { ApplicationFailure } from '@temporalio/activity';
import type { Agencies } from '../agencies';
import { AgencyError, type AgencyOutcome } from '../agencies/http';
import type { BirthRegistrationRequest } from '../agencies/civil-status.client';
import type { ResidenceRequest } from '../agencies/police.client';
import type { ChildCardRequest } from '../agencies/social-insurance.client';
import { ProcedureError } from '../domain/errors';
import type { StepResult } from '../domain/procedures/agency-step.machine';

export type StepOutcome =
  | { kind: 'completed'; result: StepResult }
  | { kind: 'review' }
  | { kind: 'rejected'; code: string; reason: string }
  | { kind: 'returned'; reason: string };

export type StepRequest =
  | { step: 'birth'; registration: BirthRegistrationRequest; provinceCode: string }
  | { step: 'residence'; registration: ResidenceRequest }
  | { step: 'insurance'; card: ChildCardRequest };

export interface StepCall {
  caseId: string;
  /** Times the step was sent again after a return: a new request, so a new key. */
  round: number;
  request: StepRequest;
}

export type OfficerDecision = { decision: 'approve' } | { decision: 'reject'; reason: string };

/** Agency replies that mean our request was wrong cannot be retried into success. */
async function agencyCall<R>(call: () => Promise<AgencyOutcome<R>>): Promise<AgencyOutcome<R>> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof AgencyError && error.permanent) {
      throw ApplicationFailure.create({
        type: ProcedureError.AGENCY_BAD_REQUEST,
        message: error.message,
        nonRetryable: true,
      });
    }
    throw error;
  }
}

const rejected = (outcome: { code: string; reason: string; returnTo?: string }): StepOutcome =>
  outcome.returnTo
    ? { kind: 'returned', reason: outcome.reason }
    : { kind: 'rejected', code: outcome.code, reason: outcome.reason };

/** The agency did not register: the officer's reason when they rejected, else 'not registered'. */
const notRegistered = (code: string, decision: OfficerDecision): StepOutcome => ({
  kind: 'rejected',
  code,
  reason: decision.decision === 'reject' ? decision.reason : 'not registered',
});

export function birthResidenceInsuranceActivities({ agencies }: { agencies: Agencies }) {
  const keyOf = (call: { caseId: string; round: number; request: StepRequest }, purpose: string) =>
    `${call.caseId}:${call.request.step}:${call.round}:${purpose}`;

  /** The birth is registered: obtain the child's PIN from the population database. */
  async function withPin(
    call: StepCall & { request: { step: 'birth' } },
    extractNumber: string,
  ): Promise<StepOutcome> {
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
    if (pin.kind !== 'accepted')
      throw new Error(`population database answered ${pin.kind} for a PIN`);
    return { kind: 'completed', result: { extractNumber, pin: pin.result.pin } };
  }

  return {
    async submitStep(call: StepCall): Promise<StepOutcome> {
      const { request } = call;
      switch (request.step) {
        case 'birth': {
          const outcome = await agencyCall(() =>
            agencies.civilStatus.register(request.registration, keyOf(call, 'register')),
          );
          if (outcome.kind === 'pending') return { kind: 'review' };
          if (outcome.kind === 'rejected') return rejected(outcome);
          return withPin({ ...call, request }, outcome.result.extractNumber);
        }
        case 'residence': {
          const outcome = await agencyCall(() =>
            agencies.police.register(request.registration, keyOf(call, 'register')),
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
        }
        case 'insurance': {
          const outcome = await agencyCall(() =>
            agencies.socialInsurance.issueChildCard(request.card, keyOf(call, 'card')),
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
        }
      }
    },

    /** An officer's approval or rejection, recorded in the agency's system. */
    async decideStep(call: StepCall & { decision: OfficerDecision }): Promise<StepOutcome> {
      const { request } = call;
      const decisionKey = keyOf(call, `decision-${call.decision.decision}`);
      switch (request.step) {
        case 'birth': {
          const outcome = await agencyCall(() =>
            agencies.civilStatus.decide(keyOf(call, 'register'), call.decision, decisionKey),
          );
          if (outcome.kind === 'rejected') return rejected(outcome);
          if (outcome.kind === 'pending' || outcome.result.status !== 'registered') {
            return notRegistered('CIVIL_STATUS.REFUSED', call.decision);
          }
          return withPin({ ...call, request }, outcome.result.extractNumber);
        }
        case 'residence': {
          const outcome = await agencyCall(() =>
            agencies.police.decide(keyOf(call, 'register'), call.decision, decisionKey),
          );
          if (outcome.kind === 'rejected') return rejected(outcome);
          if (outcome.kind === 'pending' || outcome.result.status !== 'registered') {
            return notRegistered('RESIDENCE.REFUSED', call.decision);
          }
          return { kind: 'completed', result: { residenceRef: outcome.result.residenceRef } };
        }
        case 'insurance':
          throw ApplicationFailure.create({
            type: ProcedureError.STEP_NOT_ALLOWED,
            message: 'BHXH decides automatically',
            nonRetryable: true,
          });
      }
    },

    /** Withdraws a request still pending in the agency's system (registered facts stand). */
    async cancelStep(call: StepCall): Promise<void> {
      const { request } = call;
      if (request.step === 'birth') {
        await agencyCall(() =>
          agencies.civilStatus.cancel(keyOf(call, 'register'), keyOf(call, 'cancel')),
        );
      } else if (request.step === 'residence') {
        await agencyCall(() =>
          agencies.police.cancel(keyOf(call, 'register'), keyOf(call, 'cancel')),
        );
      }
    },

    /** Civil status corrects a registered birth after a later agency found a defect caused by it. */
    async correctBirth(
      call: StepCall & { reason: string; correction: number },
    ): Promise<StepOutcome> {
      if (call.request.step !== 'birth') throw new Error('only a birth record is corrected');
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
  };
}
