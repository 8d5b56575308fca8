// The agency step machine without Temporal: one test per transition, and every simple path from the
// start ends in a final state (STYLE rule 20).
import { getSimplePaths } from 'xstate/graph';
import { initialTransition, transition } from 'xstate';
import { describe, expect, it } from 'vitest';
import {
  agencyStepMachine,
  STEP_STATUS_OF,
  SUPPLEMENT_TIMEOUT_REASON,
  decisionsOpen,
  type AgencyStepState,
  type StepEvent,
} from '../../../domain/procedures/agency-step.machine';

const result = { extractNumber: 'KS-2026-000123' };

/** Events that lead from the start to each state. */
const ROUTES: Record<AgencyStepState, StepEvent[]> = {
  pending: [],
  waiting_agency: [{ type: 'SEND' }],
  in_review: [{ type: 'SEND' }, { type: 'AGENCY_REVIEW_REQUIRED' }],
  awaiting_supplement: [
    { type: 'SEND' },
    { type: 'AGENCY_REVIEW_REQUIRED' },
    { type: 'SUPPLEMENT_REQUESTED', missing: ['giấy chứng sinh'] },
  ],
  returned: [
    { type: 'SEND' },
    { type: 'AGENCY_REVIEW_REQUIRED' },
    { type: 'RETURNED', reason: 'sai ngày sinh' },
  ],
  completed: [{ type: 'SEND' }, { type: 'AGENCY_COMPLETED', result }],
  rejected: [{ type: 'SEND' }, { type: 'AGENCY_REJECTED', code: 'X.Y', reason: 'r' }],
  cancelled: [{ type: 'CANCEL', code: 'CASE.WITHDRAWN', reason: 'withdrawn' }],
  skipped: [{ type: 'SKIP' }],
};

/** A later step (there is an earlier agency to return to) at `state`. */
function at(state: AgencyStepState, returnable = true) {
  let [snapshot] = initialTransition(agencyStepMachine, { returnable });
  for (const event of ROUTES[state]) [snapshot] = transition(agencyStepMachine, snapshot, event);
  expect(snapshot.value).toBe(state);
  return snapshot;
}

const TRANSITIONS: [AgencyStepState, StepEvent, AgencyStepState, string[]][] = [
  ['pending', { type: 'SEND' }, 'waiting_agency', ['callAgency']],
  ['pending', { type: 'SKIP' }, 'skipped', []],
  ['pending', { type: 'CANCEL', code: 'CASE.WITHDRAWN', reason: 'withdrawn' }, 'cancelled', []],
  ['waiting_agency', { type: 'AGENCY_COMPLETED', result }, 'completed', ['notifyCitizen']],
  ['waiting_agency', { type: 'AGENCY_REVIEW_REQUIRED' }, 'in_review', ['openTask']],
  [
    'waiting_agency',
    { type: 'AGENCY_REJECTED', code: 'X.Y', reason: 'r' },
    'rejected',
    ['notifyCitizen'],
  ],
  ['waiting_agency', { type: 'AGENCY_RETURNED', reason: 'r' }, 'returned', []],
  [
    'waiting_agency',
    { type: 'CANCEL', code: 'C', reason: 'w' },
    'cancelled',
    ['cancelAgencyRequest'],
  ],
  [
    'waiting_agency',
    { type: 'STEP_FAILED', code: 'F', reason: 'f' },
    'rejected',
    ['notifyCitizen'],
  ],
  ['in_review', { type: 'APPROVED', result }, 'completed', ['notifyCitizen']],
  ['in_review', { type: 'REJECTED', code: 'R', reason: 'r' }, 'rejected', ['notifyCitizen']],
  ['in_review', { type: 'STEP_FAILED', code: 'F', reason: 'f' }, 'rejected', ['notifyCitizen']],
  [
    'in_review',
    { type: 'SUPPLEMENT_REQUESTED', missing: ['x'] },
    'awaiting_supplement',
    ['pauseClock', 'notifyCitizen'],
  ],
  ['in_review', { type: 'RETURNED', reason: 'r' }, 'returned', []],
  ['in_review', { type: 'CANCEL', code: 'C', reason: 'w' }, 'cancelled', ['cancelAgencyRequest']],
  [
    'awaiting_supplement',
    { type: 'SUPPLEMENT_PROVIDED' },
    'in_review',
    ['resumeClock', 'openTask'],
  ],
  [
    'awaiting_supplement',
    { type: 'SUPPLEMENT_TIMED_OUT' },
    'rejected',
    ['cancelAgencyRequest', 'notifyCitizen'],
  ],
  [
    'awaiting_supplement',
    { type: 'CANCEL', code: 'C', reason: 'w' },
    'cancelled',
    ['cancelAgencyRequest'],
  ],
  ['returned', { type: 'RESEND' }, 'waiting_agency', ['callAgency']],
  ['returned', { type: 'RETURN_REFUSED', code: 'R', reason: 'r' }, 'rejected', ['notifyCitizen']],
  ['returned', { type: 'CANCEL', code: 'C', reason: 'w' }, 'cancelled', []],
];

const ALL_EVENTS: StepEvent[] = [
  { type: 'SEND' },
  { type: 'SKIP' },
  { type: 'AGENCY_COMPLETED', result },
  { type: 'AGENCY_REVIEW_REQUIRED' },
  { type: 'AGENCY_REJECTED', code: 'X.Y', reason: 'r' },
  { type: 'AGENCY_RETURNED', reason: 'r' },
  { type: 'APPROVED', result },
  { type: 'REJECTED', code: 'R', reason: 'r' },
  { type: 'SUPPLEMENT_REQUESTED', missing: ['x'] },
  { type: 'SUPPLEMENT_PROVIDED' },
  { type: 'SUPPLEMENT_TIMED_OUT' },
  { type: 'RETURNED', reason: 'r' },
  { type: 'RESEND' },
  { type: 'RETURN_REFUSED', code: 'R', reason: 'r' },
  { type: 'CANCEL', code: 'C', reason: 'w' },
  { type: 'DEADLINE_APPROACHING' },
  { type: 'DEADLINE_PASSED' },
  { type: 'STEP_FAILED', code: 'F', reason: 'f' },
];

const described = (actions: { type: string }[]) =>
  actions
    .map((a) => a.type)
    .filter((t) => !t.startsWith('xstate.') && t !== 'recordResult' && t !== 'recordReason');

describe('agencyStepMachine', () => {
  it.each(TRANSITIONS)(
    'when in %s and %o arrives, then it moves to %s asking for %o',
    (from, event, to, actions) => {
      const [next, emitted] = transition(agencyStepMachine, at(from), event);
      expect(next.value).toBe(to);
      expect(described(emitted)).toEqual(actions);
    },
  );

  it('when the agency completes the step, then its result is kept', () => {
    expect(at('completed').context.result).toEqual(result);
  });

  it('when a supplement request times out, then the step is rejected with the timeout reason', () => {
    const [next] = transition(agencyStepMachine, at('awaiting_supplement'), {
      type: 'SUPPLEMENT_TIMED_OUT',
    });
    expect(next.context.reason).toBe(SUPPLEMENT_TIMEOUT_REASON);
  });

  it('when a returned step is sent again, then the return is counted and its reason cleared', () => {
    const [next] = transition(agencyStepMachine, at('returned'), { type: 'RESEND' });
    expect(next.context).toMatchObject({ returns: 1, reason: undefined });
  });

  it('when a deadline passes twice, then the breach is recorded once (the projection shows it)', () => {
    const [first, firstActions] = transition(agencyStepMachine, at('in_review'), {
      type: 'DEADLINE_PASSED',
    });
    const [second, secondActions] = transition(agencyStepMachine, first, {
      type: 'DEADLINE_PASSED',
    });
    expect(first.value).toBe('in_review');
    expect(second.context.breached).toBe(true);
    expect(first.context.breached).toBe(true);
    expect(described(firstActions)).toEqual([]);
    expect(described(secondActions)).toEqual([]);
  });

  it('when an event is not allowed in a state, then can() refuses it', () => {
    expect(at('pending').can({ type: 'APPROVED', result })).toBe(false);
    expect(at('in_review').can({ type: 'APPROVED', result })).toBe(true);
    expect(at('completed').can({ type: 'CANCEL', code: 'C', reason: 'late' })).toBe(false);
  });

  it('when a call fails for good, then the step is rejected with the failure’s code and reason', () => {
    const [next] = transition(agencyStepMachine, at('waiting_agency'), {
      type: 'STEP_FAILED',
      code: 'AGENCY.BAD_REQUEST',
      reason: 'POST /civil-status/births → 400',
    });
    expect(next.value).toBe('rejected');
    expect(next.context).toMatchObject({
      code: 'AGENCY.BAD_REQUEST',
      reason: 'POST /civil-status/births → 400',
    });
  });

  it('when an agency refuses with its code, then the code is kept beside the reason', () => {
    expect(at('rejected').context).toMatchObject({ code: 'X.Y', reason: 'r' });
  });

  it('when the step is a procedure’s first, then no return is offered and an agency’s return is a refusal', () => {
    const first = at('in_review', false);
    expect(first.can({ type: 'RETURNED', reason: 'r' })).toBe(false);
    expect(decisionsOpen(first)).toEqual(['approve', 'reject', 'request_supplement']);
    expect(decisionsOpen(at('in_review'))).toEqual([
      'approve',
      'reject',
      'request_supplement',
      'return',
    ]);
    const [returned] = transition(agencyStepMachine, at('waiting_agency', false), {
      type: 'AGENCY_RETURNED',
      reason: 'sai ngày sinh',
    });
    expect(returned.value).toBe('rejected');
    expect(returned.context).toMatchObject({ code: 'STEP.RETURNED', reason: 'sai ngày sinh' });
  });

  it('when the step is not in review, then no decision is offered', () => {
    expect(decisionsOpen(at('waiting_agency'))).toEqual([]);
    expect(decisionsOpen(at('awaiting_supplement'))).toEqual([]);
  });

  it('when every state is mapped to a public status, then the table covers the machine', () => {
    expect(Object.keys(STEP_STATUS_OF).sort()).toEqual(
      Object.keys(agencyStepMachine.states).sort(),
    );
  });

  it('when every reachable state is explored, then each can still reach a final state', () => {
    const serializeState = (snapshot: { value: unknown }) => String(snapshot.value);
    const reachable = getSimplePaths(agencyStepMachine, {
      events: ALL_EVENTS,
      serializeState,
      input: { returnable: true },
    });
    const states = new Map(reachable.map((p) => [String(p.state.value), p.state]));
    expect([...states.keys()].sort()).toEqual(Object.keys(agencyStepMachine.states).sort());
    for (const [name, snapshot] of states) {
      const toFinal = getSimplePaths(agencyStepMachine, {
        events: ALL_EVENTS,
        serializeState,
        input: { returnable: true },
        fromState: snapshot,
        toState: (s) => s.status === 'done',
      });
      expect(toFinal.length, `${name} has no way to a final state`).toBeGreaterThan(0);
    }
  });
});
