// Model-based test of the lump sum's payee machine (issue 19): fast-check generates what people and
// the clock do — relatives confirming (the right payee or another, named or not), a declaration
// (Form 09-HSB) arriving, once or again, the BHXH officer approving or rejecting it, the deadline,
// the claim becoming ready, the case closing — in any order, and the machine must keep the rules:
// the survivor step starts at most once, and only when every adult relative confirmed or an officer
// approved the declaration; a declaration alone never releases the money; an officer's review is
// asked for at most once and closed when it no longer matters; and at rest the machine has ended or
// waits on someone who can act.
import fc from 'fast-check';
import { initialTransition, transition } from 'xstate';
import { describe, expect, it } from 'vitest';
import {
  payeeConfirmationMachine as machine,
  type PayeeEvent,
} from '../../domain/procedures/payee-confirmation.machine';

const RUNS = Number(process.env.MODEL_RUNS ?? 500);
const SEED = Number(process.env.MODEL_SEED ?? 20261202);

const PAYEE = '001162000111';
const CHILD = '001090000222';
const STRANGER = '001099000999';

const event: fc.Arbitrary<PayeeEvent> = fc.oneof(
  fc.record({
    type: fc.constant('CONFIRM' as const),
    relativePin: fc.constantFrom(PAYEE, CHILD, STRANGER),
    payeePin: fc.constantFrom(PAYEE, CHILD),
  }),
  fc.constant({ type: 'DECLARE' as const, document: 'mau-09-hsb.pdf' }),
  fc.constant({ type: 'DECLARATION_APPROVED' as const }),
  fc.constant({ type: 'DECLARATION_REJECTED' as const, reason: 'chữ ký không khớp' }),
  fc.constant({ type: 'DUE' as const }),
  fc.constant({ type: 'RECOUNTED' as const, due: 2_000 }),
  fc.constant({ type: 'CLAIM_READY' as const }),
  fc.constant({ type: 'CLOSE' as const }),
);

interface Trace {
  actions: string[];
  /** Each relative's valid confirmation, and whether an officer approved a declaration under review. */
  confirmedBy: Set<string>;
  approved: boolean;
  rejected: boolean;
  state: string;
  done: boolean;
}

/** Plays the events; an event the machine does not take now is refused (as the API answers 422). */
function play(required: string[], events: PayeeEvent[]): Trace {
  let [snapshot, emitted] = initialTransition(machine, { payeePin: PAYEE, required, due: 1_000 });
  const actions = emitted.map((a) => a.type);
  const confirmedBy = new Set<string>();
  let approved = false;
  let rejected = false;
  for (const e of events) {
    if (!snapshot.can(e)) continue;
    const reviewing = snapshot.value === 'reviewing_declaration';
    if (e.type === 'CONFIRM' && required.includes(e.relativePin) && e.payeePin === PAYEE)
      confirmedBy.add(e.relativePin);
    if (e.type === 'DECLARATION_APPROVED' && reviewing) approved = true;
    if (e.type === 'DECLARATION_REJECTED' && reviewing) rejected = true;
    [snapshot, emitted] = transition(machine, snapshot, e);
    actions.push(...emitted.map((a) => a.type));
  }
  return {
    actions,
    confirmedBy,
    approved,
    rejected,
    state: String(snapshot.value),
    done: snapshot.status === 'done',
  };
}

const count = (actions: string[], type: string) => actions.filter((a) => a === type).length;

describe('payeeConfirmationMachine, model-based', () => {
  it('when relatives, the officer and the clock act in any order, then money is released only on every adult relative’s confirmation or an approved declaration, at most once', () => {
    fc.assert(
      fc.property(
        fc.subarray([PAYEE, CHILD]),
        fc.array(event, { maxLength: 12 }),
        (required, events) => {
          const t = play(required, events);
          const started = count(t.actions, 'startSurvivor');
          const refused = count(t.actions, 'refuseSurvivor');
          expect(started + refused).toBeLessThanOrEqual(1);
          if (started === 1) {
            const everyone = required.every((pin) => t.confirmedBy.has(pin));
            expect(everyone || t.approved).toBe(true);
          }
          // A review is asked for once at most, and never left open once the payee is settled.
          const reviews = count(t.actions, 'reviewDeclaration');
          expect(reviews).toBeLessThanOrEqual(1);
          if (reviews === 1 && !t.approved && t.state !== 'reviewing_declaration')
            expect(t.rejected || count(t.actions, 'cancelDeclarationReview') === 1).toBe(true);
          // At rest: ended, or waiting on the relatives, the officer, or the claim / the clock.
          expect(
            t.done ||
              ['awaiting', 'reviewing_declaration', 'confirmed', 'expired'].includes(t.state),
          ).toBe(true);
          if (t.state === 'confirmed' || t.state === 'expired')
            expect(events.some((e) => e.type === 'CLAIM_READY')).toBe(false);
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('when a declaration arrives and nobody else acts, then nothing is released until the officer decides', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom<PayeeEvent>({ type: 'CLAIM_READY' }, { type: 'DUE' }), {
          maxLength: 3,
        }),
        (clock) => {
          const t = play([PAYEE, CHILD], [{ type: 'DECLARE', document: 'x' }, ...clock]);
          expect(t.actions).toEqual(['reviewDeclaration']);
          expect(t.state).toBe('reviewing_declaration');
        },
      ),
      { numRuns: Math.min(RUNS, 100), seed: SEED },
    );
  });
});
