// What every agency step's activities share: the request each step sends, the outcome it maps the
// agency's reply to, the idempotency keys (from the case id and the step, never from the attempt, so a
// retried activity or a restarted worker repeats the same request and the agency answers it once),
// and the mapping of permanent agency errors to non-retryable failures.
import { ApplicationFailure } from '@temporalio/activity';
import { AgencyError, type AgencyOutcome } from '../agencies/http';
import type {
  BirthRegistrationRequest,
  DeathRegistrationRequest,
} from '../agencies/civil-status.client';
import type { PaymentChannel } from '../agencies/payments.client';
import type { ResidenceRemovalRequest, ResidenceRequest } from '../agencies/police.client';
import type { ChildCardRequest, SurvivorClaim } from '../agencies/social-insurance.client';
import type { FuneralClaim } from '../agencies/benefits';
import { ProcedureError } from '../domain/errors';
import type { StepResult } from '../domain/procedures/agency-step.machine';
import type { FuneralPayer } from '../domain/procedures/death-benefits.rules';

export type StepOutcome =
  | { kind: 'completed'; result: StepResult }
  | { kind: 'review' }
  /** `result`: what the refusal leaves in force (a benefit granted whose payment was refused). */
  | { kind: 'rejected'; code: string; reason: string; result?: StepResult }
  | { kind: 'returned'; reason: string };

/** Who receives a benefit and how: a bank account, falling back to the post when the bank refuses. */
export interface Payout {
  payee: { fullName: string; pin: string };
  bankAccount?: Extract<PaymentChannel, { channel: 'bank' }>['bankAccount'];
  postAddress: Extract<PaymentChannel, { channel: 'post' }>['postAddress'];
}

export type StepRequest =
  // Group A
  | { step: 'birth'; registration: BirthRegistrationRequest; provinceCode: string }
  | { step: 'residence'; registration: ResidenceRequest }
  | { step: 'insurance'; card: ChildCardRequest }
  // Group B
  | { step: 'death'; registration: DeathRegistrationRequest }
  | { step: 'residence-removal'; removal: ResidenceRemovalRequest }
  | { step: 'funeral'; payer: FuneralPayer; claim: FuneralClaim; payout: Payout }
  | { step: 'survivor'; claim: SurvivorClaim; payout?: Payout }
  | {
      step: 'pension-stop';
      stop: { pin: string; dateOfDeath: string; deathExtractNumber: string };
    }
  /** A BHXH officer verifies the relatives' declaration (Form 09-HSB, a document reference). */
  | { step: 'payee-declaration'; declaration: { document: string; payeePin: string } };
export type StepName = StepRequest['step'];

export interface StepCall<R extends StepRequest = StepRequest> {
  caseId: string;
  /** Times the step was sent again after a return: a new request, so a new key. */
  round: number;
  request: R;
}

export type OfficerDecision = { decision: 'approve' } | { decision: 'reject'; reason: string };

/** One step's agency calls; `decide` and `cancel` only where the agency has officers or a queue. */
export interface StepHandler<R extends StepRequest> {
  submit(call: StepCall<R>): Promise<StepOutcome>;
  decide?(call: StepCall<R> & { decision: OfficerDecision }): Promise<StepOutcome>;
  cancel?(call: StepCall<R>): Promise<void>;
}
export type StepHandlers<S extends StepName> = {
  [K in S]: StepHandler<Extract<StepRequest, { step: K }>>;
};

/** The idempotency key of one purpose of one step of one case. */
export const keyOf = (call: StepCall, purpose: string) =>
  `${call.caseId}:${call.request.step}:${call.round}:${purpose}`;

/** Agency replies that mean our request was wrong cannot be retried into success. */
export async function agencyCall<R>(
  call: () => Promise<AgencyOutcome<R>>,
): Promise<AgencyOutcome<R>> {
  try {
    return await call();
  } catch (error) {
    throw nonRetryableIfPermanent(error);
  }
}

export function nonRetryableIfPermanent(error: unknown): unknown {
  if (error instanceof AgencyError && error.permanent) {
    return ApplicationFailure.create({
      type: ProcedureError.AGENCY_BAD_REQUEST,
      message: error.message,
      nonRetryable: true,
    });
  }
  return error;
}

export const notAllowed = (message: string) =>
  ApplicationFailure.create({ type: ProcedureError.STEP_NOT_ALLOWED, message, nonRetryable: true });

export const rejected = (outcome: {
  code: string;
  reason: string;
  returnTo?: string;
}): StepOutcome =>
  outcome.returnTo
    ? { kind: 'returned', reason: outcome.reason }
    : { kind: 'rejected', code: outcome.code, reason: outcome.reason };

/** The agency did not register: the officer's reason when they rejected, else 'not registered'. */
export const notRegistered = (code: string, decision: OfficerDecision): StepOutcome => ({
  kind: 'rejected',
  code,
  reason: decision.decision === 'reject' ? decision.reason : 'not registered',
});

/** Every agency step's calls, dispatched on the request's step. */
export function stepActivities(handlers: StepHandlers<StepName>) {
  const handlerOf = (call: StepCall) => handlers[call.request.step] as StepHandler<StepRequest>;
  return {
    async submitStep(call: StepCall): Promise<StepOutcome> {
      return handlerOf(call).submit(call);
    },
    /** An officer's approval or rejection, recorded in the agency's system. */
    async decideStep(call: StepCall & { decision: OfficerDecision }): Promise<StepOutcome> {
      const handler = handlerOf(call);
      if (!handler.decide)
        throw notAllowed(`the ${call.request.step} agency decides automatically`);
      return handler.decide(call);
    },
    /** Withdraws a request still pending in the agency's system (registered facts stand). */
    async cancelStep(call: StepCall): Promise<void> {
      await handlerOf(call).cancel?.(call);
    },
  };
}
