import { initialTransition, transition } from 'xstate';
import { getSimplePaths } from 'xstate/graph';
import { describe, expect, it } from 'vitest';
import {
  linkedProcedureMachine as machine,
  type CaseEvent,
} from '../../../domain/procedures/linked-procedure.machine';
import { toCaseStatus } from '../../../domain/procedures/case-status';

type BranchStep = 'residence' | 'insurance';
const ALL = { residence: true, insurance: true };

function run(chosen: Record<BranchStep, boolean>, events: CaseEvent[]) {
  let [snapshot, actions] = initialTransition(machine, {
    first: 'birth',
    chosen,
    maxCorrections: 2,
  });
  const emitted = [actions];
  for (const event of events) {
    [snapshot, actions] = transition(machine, snapshot, event);
    emitted.push(actions);
  }
  const types = emitted
    .flat()
    .map((a) => a.type)
    .filter((t) => !t.startsWith('xstate.'));
  return { snapshot, types };
}

const birthDone: CaseEvent = { type: 'STEP_SETTLED', step: 'birth', outcome: 'completed' };
const settled = (step: BranchStep, outcome: 'completed' | 'rejected'): CaseEvent => ({
  type: 'STEP_SETTLED',
  step,
  outcome,
});
/** The card step is returned to civil status (for the `resent`-th time it was sent again). */
const cardReturned = (resent = 0): CaseEvent => ({
  type: 'STEP_CHANGED',
  step: 'insurance',
  state: 'returned',
  resent,
  reason: 'sai ngày sinh',
});

describe('linkedProcedureMachine (Group A: birth → residence ∥ insurance)', () => {
  it.each([
    [{ residence: true, insurance: true }],
    [{ residence: true, insurance: false }],
    [{ residence: false, insurance: true }],
  ])('when %o are chosen and every step completes, then the case completes', (chosen) => {
    const events = (['residence', 'insurance'] as const)
      .filter((s) => chosen[s])
      .map((s) => settled(s, 'completed'));
    const { snapshot, types } = run(chosen, [birthDone, ...events]);
    expect(snapshot.value).toBe('completed');
    expect(types).toContain('startBranches');
    expect(snapshot.context.outcomes).toEqual({
      birth: 'completed',
      residence: chosen.residence ? 'completed' : 'skipped',
      insurance: chosen.insurance ? 'completed' : 'skipped',
    });
  });

  it('when residence is rejected and the card issued, then the case is partially completed', () => {
    const { snapshot } = run(ALL, [
      birthDone,
      settled('residence', 'rejected'),
      settled('insurance', 'completed'),
    ]);
    expect(snapshot.value).toBe('partially_completed');
    expect(snapshot.context.outcomes).toEqual({
      birth: 'completed',
      residence: 'rejected',
      insurance: 'completed',
    });
  });

  it('when one branch settles, then the case waits for the other', () => {
    const { snapshot } = run(ALL, [birthDone, settled('insurance', 'completed')]);
    expect(snapshot.value).toBe('linked_steps');
  });

  it('when the birth is rejected, then the case is rejected and the chosen branches are cancelled', () => {
    const { snapshot, types } = run({ residence: false, insurance: true }, [
      {
        type: 'STEP_SETTLED',
        step: 'birth',
        outcome: 'rejected',
        code: 'CIVIL_STATUS.REFUSED',
        reason: 'r',
      },
    ]);
    expect(snapshot.value).toBe('rejected');
    expect(snapshot.context.reason).toEqual({ code: 'CIVIL_STATUS.REFUSED', reason: 'r' });
    expect(snapshot.context.outcomes).toEqual({
      birth: 'rejected',
      residence: 'skipped',
      insurance: 'cancelled',
    });
    expect(types).not.toContain('startBranches');
  });

  it('when withdrawn before any decision, then every pending step is cancelled', () => {
    const { snapshot, types } = run(ALL, [{ type: 'WITHDRAW' }]);
    expect(snapshot.value).toBe('withdrawn');
    expect(snapshot.context.outcomes).toEqual({
      birth: 'cancelled',
      residence: 'cancelled',
      insurance: 'cancelled',
    });
    expect(types).toContain('cancelSteps');
  });

  it('when withdrawn after the birth was registered, then the registered birth stands', () => {
    const { snapshot } = run(ALL, [
      birthDone,
      settled('residence', 'completed'),
      { type: 'WITHDRAW' },
    ]);
    expect(snapshot.value).toBe('withdrawn');
    expect(snapshot.context.outcomes).toEqual({
      birth: 'completed',
      residence: 'completed',
      insurance: 'cancelled',
    });
  });

  it('when BHXH returns the file to civil status, then the birth is corrected and the card step resent', () => {
    const { snapshot, types } = run(ALL, [
      birthDone,
      cardReturned(0),
      { type: 'CORRECTION_DONE' },
      settled('residence', 'completed'),
      settled('insurance', 'completed'),
    ]);
    expect(snapshot.value).toBe('completed');
    expect(snapshot.context.corrections).toBe(1);
    expect(types).toEqual(expect.arrayContaining(['requestCorrection', 'resendAfterCorrection']));
  });

  it('when the card step comes back a third time, then it is refused instead of corrected again', () => {
    const round = (resent: number) => [cardReturned(resent), { type: 'CORRECTION_DONE' } as const];
    const { snapshot, types } = run(ALL, [birthDone, ...round(0), ...round(1), cardReturned(2)]);
    expect(snapshot.value).toBe('linked_steps');
    expect(snapshot.context.corrections).toBe(2);
    expect(types.filter((t) => t === 'requestCorrection')).toHaveLength(2);
    expect(types.at(-1)).toBe('refuseReturnedSteps');
  });

  it('when the same return is reported twice, then one correction is asked for', () => {
    const { snapshot, types } = run(ALL, [birthDone, cardReturned(0), cardReturned(0)]);
    expect(snapshot.value).toBe('correcting_first');
    expect(types.filter((t) => t === 'requestCorrection')).toHaveLength(1);
  });

  it('when civil status cannot correct the record, then the returned step is refused with its reason and the case goes on', () => {
    let [snapshot, actions] = initialTransition(machine, {
      first: 'birth',
      chosen: ALL,
      maxCorrections: 2,
    });
    for (const event of [
      birthDone,
      cardReturned(0),
      { type: 'CORRECTION_FAILED', code: 'CIVIL_STATUS.CORRECTION_REFUSED', reason: 'no' },
    ] satisfies CaseEvent[])
      [snapshot, actions] = transition(machine, snapshot, event);
    expect(snapshot.value).toBe('linked_steps');
    expect(actions.map(({ type, params }) => ({ type, params }))).toEqual([
      {
        type: 'refuseReturnedSteps',
        params: {
          returned: [{ step: 'insurance', reason: 'sai ngày sinh' }],
          refusal: { code: 'CIVIL_STATUS.CORRECTION_REFUSED', reason: 'no' },
        },
      },
    ]);
  });

  it('when both linked steps are returned during one correction, then both are sent again', () => {
    const { snapshot, types } = run(ALL, [
      birthDone,
      cardReturned(0),
      { type: 'STEP_CHANGED', step: 'residence', state: 'returned', resent: 0, reason: 'x' },
    ]);
    expect(snapshot.context.returned.map((r) => r.step)).toEqual(['insurance', 'residence']);
    const [next, resend] = transition(machine, snapshot, { type: 'CORRECTION_DONE' });
    expect(next.value).toBe('linked_steps');
    expect(resend.map((a) => a.params)).toEqual([
      {
        returned: [
          { step: 'insurance', reason: 'sai ngày sinh' },
          { step: 'residence', reason: 'x' },
        ],
      },
    ]);
    expect(types.filter((t) => t === 'requestCorrection')).toHaveLength(1);
  });

  it('when the verification step goes to review, then the case has the longer deadline', () => {
    let [snapshot] = initialTransition(machine, {
      first: 'birth',
      chosen: ALL,
      maxCorrections: 2,
      verificationStep: 'residence',
    });
    [snapshot] = transition(machine, snapshot, birthDone);
    [snapshot] = transition(machine, snapshot, {
      type: 'STEP_CHANGED',
      step: 'insurance',
      state: 'in_review',
      resent: 0,
    });
    expect(snapshot.context.verifying).toBe(false);
    [snapshot] = transition(machine, snapshot, {
      type: 'STEP_CHANGED',
      step: 'residence',
      state: 'in_review',
      resent: 0,
    });
    expect(snapshot.context.verifying).toBe(true);
  });

  it('when a branch that was not chosen reports, then the event is refused', () => {
    const { snapshot } = run({ residence: false, insurance: true }, [birthDone]);
    expect(snapshot.can(settled('residence', 'completed'))).toBe(false);
    expect(snapshot.can(settled('insurance', 'completed'))).toBe(true);
  });

  it('when the case is over, then nothing more is accepted', () => {
    const { snapshot } = run({ residence: false, insurance: true }, [
      birthDone,
      settled('insurance', 'completed'),
    ]);
    expect(snapshot.status).toBe('done');
    expect(snapshot.can({ type: 'WITHDRAW' })).toBe(false);
  });

  it('when every reachable state is explored, then each can still reach a final state', () => {
    const events: CaseEvent[] = [
      birthDone,
      { type: 'STEP_SETTLED', step: 'birth', outcome: 'rejected' },
      settled('residence', 'completed'),
      settled('residence', 'rejected'),
      settled('insurance', 'completed'),
      settled('insurance', 'rejected'),
      cardReturned(0),
      { type: 'CORRECTION_DONE' },
      { type: 'CORRECTION_FAILED', code: 'CIVIL_STATUS.CORRECTION_REFUSED', reason: 'r' },
      { type: 'WITHDRAW' },
    ];
    // Corrections are counted without bound: leave the counter out of the state's identity.
    const serializeState = (s: { value: unknown; context: { outcomes: unknown } }) =>
      JSON.stringify([s.value, s.context.outcomes]);
    const reachable = getSimplePaths(machine, {
      events,
      serializeState,
      input: { first: 'birth', chosen: ALL, maxCorrections: 2 },
    });
    const ends = new Set(reachable.map((p) => String(p.state.value)));
    expect([...ends].sort()).toEqual(
      [
        'completed',
        'correcting_first',
        'linked_steps',
        'partially_completed',
        'first_step',
        'rejected',
        'withdrawn',
      ].sort(),
    );
    for (const path of reachable.filter((p) => p.state.status !== 'done')) {
      const onward = getSimplePaths(machine, {
        events,
        serializeState,
        input: { first: 'birth', chosen: ALL, maxCorrections: 2 },
        fromState: path.state,
        toState: (s) => s.status === 'done',
      });
      expect(onward.length).toBeGreaterThan(0);
    }
  });
});

describe('linkedProcedureMachine (Group B: death → residence removal ∥ benefits)', () => {
  const start = (chosen: Record<string, boolean>) =>
    initialTransition(machine, { first: 'death', chosen, maxCorrections: 0 });
  const runB = (chosen: Record<string, boolean>, events: CaseEvent[]) => {
    let [snapshot, actions] = start(chosen);
    const types = [...actions];
    for (const event of events) {
      [snapshot, actions] = transition(machine, snapshot, event);
      types.push(...actions);
    }
    return { snapshot, types: types.map((a) => a.type) };
  };
  const chosen = {
    'residence-removal': true,
    funeral: true,
    survivor: false,
    'pension-stop': true,
  };
  const deathDone: CaseEvent = { type: 'STEP_SETTLED', step: 'death', outcome: 'completed' };

  it('when there is no pension to stop, then the case completes with that step skipped', () => {
    const { snapshot } = runB(chosen, [
      deathDone,
      { type: 'STEP_SETTLED', step: 'pension-stop', outcome: 'skipped' },
      { type: 'STEP_SETTLED', step: 'residence-removal', outcome: 'completed' },
      { type: 'STEP_SETTLED', step: 'funeral', outcome: 'completed' },
    ]);
    expect(snapshot.value).toBe('completed');
    expect(snapshot.context.outcomes).toEqual({
      death: 'completed',
      'residence-removal': 'completed',
      funeral: 'completed',
      survivor: 'skipped',
      'pension-stop': 'skipped',
    });
  });

  it('when the funeral allowance is refused, then the other steps still complete and the case is partial', () => {
    const { snapshot } = runB(chosen, [
      deathDone,
      { type: 'STEP_SETTLED', step: 'funeral', outcome: 'rejected' },
      { type: 'STEP_SETTLED', step: 'pension-stop', outcome: 'skipped' },
      { type: 'STEP_SETTLED', step: 'residence-removal', outcome: 'completed' },
    ]);
    expect(snapshot.value).toBe('partially_completed');
  });

  it('when no correction is allowed and a step is returned, then the returned step is refused', () => {
    const { snapshot, types } = runB(chosen, [
      deathDone,
      { type: 'STEP_CHANGED', step: 'funeral', state: 'returned', resent: 0, reason: 'r' },
    ]);
    expect(snapshot.value).toBe('linked_steps');
    expect(types).toContain('refuseReturnedSteps');
    expect(types).not.toContain('requestCorrection');
  });

  it('when an unchosen step reports, then it is ignored', () => {
    const [snapshot] = start(chosen);
    const [linked] = transition(machine, snapshot, deathDone);
    expect(linked.can({ type: 'STEP_SETTLED', step: 'survivor', outcome: 'completed' })).toBe(
      false,
    );
  });
});

describe('toCaseStatus', () => {
  it.each([
    ['first_step', ['pending', 'pending', 'skipped'], 'submitted'],
    ['first_step', ['in_review', 'pending', 'pending'], 'in_progress'],
    ['linked_steps', ['completed', 'awaiting_supplement', 'waiting_agency'], 'awaiting_supplement'],
    ['linked_steps', ['completed', 'in_review', 'completed'], 'in_progress'],
    ['partially_completed', ['completed', 'rejected', 'completed'], 'partially_completed'],
    ['withdrawn', ['cancelled', 'cancelled', 'cancelled'], 'withdrawn'],
  ] as const)(
    'when the machine is %s with steps %o, then the case is %s',
    (state, steps, expected) => {
      expect(toCaseStatus(state, steps)).toBe(expected);
    },
  );
});
