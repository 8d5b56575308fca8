// The lump sum's payee without Temporal: who may confirm, when the survivor step starts or is refused,
// and that every path ends (STYLE rule 20).
import { initialTransition, transition } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { describe, expect, it } from 'vitest';
import {
  PAYEE_STATE_OF,
  payeeConfirmationMachine as machine,
  type PayeeEvent,
} from '../../../domain/procedures/payee-confirmation.machine';

const PAYEE = '001162000111';
const SISTER = '001090000222';
const input = { payeePin: PAYEE, required: [PAYEE, SISTER], due: 1_000 };

function run(events: PayeeEvent[], start = input) {
  let [snapshot, actions] = initialTransition(machine, start);
  const types = actions.map((a) => a.type);
  for (const event of events) {
    [snapshot, actions] = transition(machine, snapshot, event);
    types.push(...actions.map((a) => a.type));
  }
  return { snapshot, types };
}

const confirm = (relativePin: string, payeePin = PAYEE): PayeeEvent => ({
  type: 'CONFIRM',
  relativePin,
  payeePin,
});

describe('payeeConfirmationMachine', () => {
  it('when every adult relative confirms before the claim is ready, then the survivor step starts once it is', () => {
    const confirmed = run([confirm(PAYEE), confirm(SISTER)]);
    expect(confirmed.snapshot.value).toBe('confirmed');
    expect(confirmed.types).toEqual([]);
    const { snapshot, types } = run([confirm(PAYEE), confirm(SISTER), { type: 'CLAIM_READY' }]);
    expect(snapshot.value).toBe('released');
    expect(types).toEqual(['startSurvivor']);
  });

  it('when the claim is ready first, then the last confirmation starts the survivor step', () => {
    const { snapshot, types } = run([{ type: 'CLAIM_READY' }, confirm(PAYEE), confirm(SISTER)]);
    expect(snapshot.value).toBe('released');
    expect(types).toEqual(['startSurvivor']);
  });

  it('when a declaration form is uploaded, then it goes to an officer and replaces nothing yet', () => {
    const { snapshot, types } = run([
      { type: 'DECLARE', document: 'mau-09-hsb.pdf' },
      { type: 'CLAIM_READY' },
    ]);
    expect(snapshot.value).toBe('reviewing_declaration');
    expect(PAYEE_STATE_OF[snapshot.value]).toBe('awaiting');
    expect(snapshot.context.declaration).toBe('mau-09-hsb.pdf');
    expect(types).toEqual(['reviewDeclaration']);
  });

  it('when the officer approves the declaration, then it stands for every confirmation', () => {
    const { snapshot, types } = run([
      { type: 'DECLARE', document: 'mau-09-hsb.pdf' },
      { type: 'CLAIM_READY' },
      { type: 'DECLARATION_APPROVED' },
    ]);
    expect(snapshot.value).toBe('released');
    expect(snapshot.context.verdict).toEqual({ decision: 'approved' });
    expect(types).toEqual(['reviewDeclaration', 'startSurvivor']);
  });

  it('when the officer rejects the declaration, then the relatives must still confirm and no second declaration is taken', () => {
    const { snapshot, types } = run([
      { type: 'DECLARE', document: 'mau-09-hsb.pdf' },
      { type: 'CLAIM_READY' },
      { type: 'DECLARATION_REJECTED', reason: 'chữ ký không khớp' },
    ]);
    expect(snapshot.value).toBe('awaiting');
    expect(snapshot.context.declaration).toBeUndefined();
    expect(snapshot.context.verdict).toEqual({ decision: 'rejected', reason: 'chữ ký không khớp' });
    expect(snapshot.can({ type: 'DECLARE', document: 'again.pdf' })).toBe(false);
    expect(types).toEqual(['reviewDeclaration']);
    const confirmed = run([
      { type: 'DECLARE', document: 'mau-09-hsb.pdf' },
      { type: 'CLAIM_READY' },
      { type: 'DECLARATION_REJECTED', reason: 'x' },
      confirm(PAYEE),
      confirm(SISTER),
    ]);
    expect(confirmed.snapshot.value).toBe('released');
  });

  it('when every adult relative confirms while the declaration is in review, then the review is cancelled', () => {
    const { snapshot, types } = run([
      { type: 'DECLARE', document: 'd' },
      confirm(PAYEE),
      confirm(SISTER),
      { type: 'CLAIM_READY' },
    ]);
    expect(snapshot.value).toBe('released');
    expect(snapshot.context.declaration).toBeUndefined();
    expect(types).toEqual(['reviewDeclaration', 'cancelDeclarationReview', 'startSurvivor']);
  });

  it('when the deadline passes during the review, then the officer still decides, and a rejection ends the wait', () => {
    const approved = run([
      { type: 'CLAIM_READY' },
      { type: 'DECLARE', document: 'd' },
      { type: 'DUE' },
      { type: 'DECLARATION_APPROVED' },
    ]);
    expect(approved.types).toEqual(['reviewDeclaration', 'startSurvivor']);
    const rejected = run([
      { type: 'CLAIM_READY' },
      { type: 'DECLARE', document: 'd' },
      { type: 'DUE' },
      { type: 'DECLARATION_REJECTED', reason: 'x' },
    ]);
    expect(rejected.snapshot.value).toBe('refused');
    expect(rejected.types).toEqual(['reviewDeclaration', 'refuseSurvivor']);
  });

  it('when a calendar notice moves the deadline while confirmations are awaited, also during a review, then the machine keeps the new one; once the deadline has passed, a notice does not reopen it (issue 20)', () => {
    const recount = (due: number): PayeeEvent => ({ type: 'RECOUNTED', due });
    expect(run([recount(2_000)]).snapshot.context.due).toBe(2_000);
    expect(run([{ type: 'DECLARE', document: 'd' }, recount(2_000)]).snapshot.context.due).toBe(
      2_000,
    );
    const passedInReview = run([
      { type: 'DECLARE', document: 'd' },
      { type: 'DUE' },
      recount(9_000),
    ]);
    expect(passedInReview.snapshot.context).toMatchObject({ due: 1_000, duePassed: true });
    const expired = run([{ type: 'DUE' }, recount(9_000)]);
    expect(expired.snapshot.value).toBe('expired');
    expect(expired.snapshot.context.due).toBe(1_000);
  });

  it('when the case ends during the review, then the review is cancelled', () => {
    const { snapshot, types } = run([{ type: 'DECLARE', document: 'd' }, { type: 'CLOSE' }]);
    expect(snapshot.value).toBe('closed');
    expect(types).toEqual(['reviewDeclaration', 'cancelDeclarationReview']);
  });

  it('when a history from before patch payee-declaration-review replays, then its declaration stands at once', () => {
    const { snapshot, types } = run([
      { type: 'DECLARE', document: 'mau-09-hsb.pdf', unreviewed: true },
      { type: 'CLAIM_READY' },
    ]);
    expect(snapshot.value).toBe('released');
    expect(types).toEqual(['startSurvivor']);
  });

  it('when the deadline passes unconfirmed, then the survivor step is refused, whenever the claim is ready', () => {
    expect(run([confirm(PAYEE), { type: 'DUE' }, { type: 'CLAIM_READY' }]).types).toEqual([
      'refuseSurvivor',
    ]);
    expect(run([{ type: 'CLAIM_READY' }, { type: 'DUE' }]).types).toEqual(['refuseSurvivor']);
  });

  it('when someone not named, or naming another payee, confirms, then it is refused', () => {
    const [start] = initialTransition(machine, input);
    expect(start.can(confirm('001099999999'))).toBe(false);
    expect(start.can(confirm(SISTER, SISTER))).toBe(false);
    expect(start.can(confirm(SISTER))).toBe(true);
  });

  it('when the same relative confirms twice, then they count once', () => {
    const { snapshot } = run([confirm(SISTER), confirm(SISTER)]);
    expect(snapshot.context.confirmed).toEqual([SISTER]);
    expect(snapshot.value).toBe('awaiting');
  });

  it('when no adult relative must confirm, then the payee stands from the start', () => {
    expect(run([], { ...input, required: [] }).snapshot.value).toBe('confirmed');
  });

  it('when the case ends first, then confirmations are closed and nothing starts', () => {
    const { snapshot, types } = run([confirm(PAYEE), { type: 'CLOSE' }]);
    expect(snapshot.value).toBe('closed');
    expect(snapshot.can(confirm(SISTER))).toBe(false);
    expect(types).toEqual([]);
  });

  it('when every state is mapped to a public state, then the table covers the machine', () => {
    expect(Object.keys(PAYEE_STATE_OF).sort()).toEqual(Object.keys(machine.states).sort());
  });

  it('when every reachable state is explored, then each can still reach a final state', () => {
    const events: PayeeEvent[] = [
      confirm(PAYEE),
      confirm(SISTER),
      { type: 'DECLARE', document: 'd' },
      { type: 'DECLARE', document: 'd', unreviewed: true },
      { type: 'DECLARATION_APPROVED' },
      { type: 'DECLARATION_REJECTED', reason: 'r' },
      { type: 'DUE' },
      { type: 'RECOUNTED', due: 2_000 },
      { type: 'CLAIM_READY' },
      { type: 'CLOSE' },
    ];
    const serializeState = (s: { value: unknown; context: unknown }) =>
      JSON.stringify([s.value, s.context]);
    // Every reachable state, once each (its shortest path: the set is what simple paths would give).
    const paths = getShortestPaths(machine, { events, serializeState, input });
    for (const { state } of paths.filter((p) => p.state.status !== 'done')) {
      // One way to an end is enough: the shortest (a breadth-first search, not every simple path).
      const onward = getShortestPaths(machine, {
        events,
        serializeState,
        input,
        fromState: state,
        toState: (s) => s.status === 'done',
      });
      expect(onward.length, String(state.value)).toBeGreaterThan(0);
    }
    expect(new Set(paths.map((p) => String(p.state.value)))).toEqual(
      new Set(Object.keys(machine.states)),
    );
  });
});
