// Turning an agency's reply into the step machine's event. Pure, so the mapping is tested without
// Temporal. (An officer's decision is the machine's own `decisionEvent`.)
import type { StepOutcome } from '../../activities/steps';
import type { StepEvent } from '../../domain/procedures/agency-step.machine';

/** The event for an agency's reply; `decided` when it answers an officer's decision. */
export const outcomeEvent = (o: StepOutcome, decided = false): StepEvent => {
  switch (o.kind) {
    case 'completed':
      return decided
        ? { type: 'APPROVED', result: o.result }
        : { type: 'AGENCY_COMPLETED', result: o.result };
    case 'review':
      return { type: 'AGENCY_REVIEW_REQUIRED' };
    case 'rejected': {
      const refusal = { code: o.code, reason: o.reason, ...(o.result && { result: o.result }) };
      return decided ? { type: 'REJECTED', ...refusal } : { type: 'AGENCY_REJECTED', ...refusal };
    }
    case 'returned':
      return { type: 'AGENCY_RETURNED', reason: o.reason };
  }
};
