// Turning what happens outside a step (an officer's decision, an agency's reply) into the step
// machine's events. Pure, so the mapping is tested without Temporal.
import type { StepOutcome } from '../../activities/steps';
import type { StepEvent } from '../../domain/procedures/agency-step.machine';
import type { OfficerDecisionInput } from '../messages';

/** The event an officer's decision stands for (approval's result comes from the agency later). */
export function decisionEvent(d: OfficerDecisionInput): StepEvent {
  switch (d.decision) {
    case 'approve':
      return { type: 'APPROVED', result: {} };
    case 'reject':
      return { type: 'REJECTED', reason: d.reason ?? '' };
    case 'request_supplement':
      return { type: 'SUPPLEMENT_REQUESTED', missing: d.missing ?? [] };
    case 'return':
      return { type: 'RETURNED', reason: d.reason ?? '' };
  }
}

/** The event for an agency's reply; `decided` when it answers an officer's decision. */
export const outcomeEvent = (o: StepOutcome, decided = false): StepEvent => {
  switch (o.kind) {
    case 'completed':
      return decided
        ? { type: 'APPROVED', result: o.result }
        : { type: 'AGENCY_COMPLETED', result: o.result };
    case 'review':
      return { type: 'AGENCY_REVIEW_REQUIRED' };
    case 'rejected':
      return decided
        ? { type: 'REJECTED', reason: o.reason }
        : { type: 'AGENCY_REJECTED', reason: o.reason };
    case 'returned':
      return { type: 'AGENCY_RETURNED', reason: o.reason };
  }
};
