import { describe, expect, it } from 'vitest';
import type { StepOutcome } from '../../activities/steps';
import { decisionEvent, type StepEvent } from '../../domain/procedures/agency-step.machine';
import type { OfficerDecisionInput } from '../../workflows/messages';
import { outcomeEvent } from '../../workflows/steps/step-events';

const result = { pin: '001226000001' };

describe('step events', () => {
  const outcomes: [StepOutcome, boolean, StepEvent][] = [
    [{ kind: 'completed', result }, false, { type: 'AGENCY_COMPLETED', result }],
    [{ kind: 'completed', result }, true, { type: 'APPROVED', result }],
    [{ kind: 'review' }, false, { type: 'AGENCY_REVIEW_REQUIRED' }],
    [
      { kind: 'rejected', code: 'X.Y', reason: 'r' },
      false,
      { type: 'AGENCY_REJECTED', code: 'X.Y', reason: 'r' },
    ],
    [
      { kind: 'rejected', code: 'X.Y', reason: 'r' },
      true,
      { type: 'REJECTED', code: 'X.Y', reason: 'r' },
    ],
    [{ kind: 'returned', reason: 'r' }, false, { type: 'AGENCY_RETURNED', reason: 'r' }],
  ];
  it.each(outcomes)(
    'when the agency answers %o (after a decision: %s), then the event is %o',
    (outcome, decided, event) => {
      expect(outcomeEvent(outcome, decided)).toEqual(event);
    },
  );

  const decisions: [OfficerDecisionInput, StepEvent][] = [
    [
      { decision: 'approve', officer: 'o' },
      { type: 'APPROVED', result: {} },
    ],
    [
      { decision: 'reject', reason: 'thiếu giấy tờ', officer: 'o' },
      { type: 'REJECTED', code: 'OFFICER.REJECTED', reason: 'thiếu giấy tờ' },
    ],
    [
      { decision: 'request_supplement', missing: ['x'], officer: 'o' },
      { type: 'SUPPLEMENT_REQUESTED', missing: ['x'] },
    ],
    [
      { decision: 'return', reason: 'sai tên', officer: 'o' },
      { type: 'RETURNED', reason: 'sai tên' },
    ],
  ];
  it.each(decisions)('when an officer decides %o, then the event is %o', (decision, event) => {
    expect(decisionEvent(decision.decision, decision)).toEqual(event);
  });
});
