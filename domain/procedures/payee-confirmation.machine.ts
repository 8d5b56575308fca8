// The one payee of a lump-sum survivor allowance: every adult relative confirms the same payee in VNeID,
// or the relatives' declaration (Form 09-HSB) is uploaded, before a deadline (DOMAIN.md §5). The
// survivor step starts only once the payee is confirmed and its claim is ready (the death registered,
// the allowance decided); a deadline passed unconfirmed refuses it. A pure decision table (STYLE rule
// 17) beside the case machine: the Group B workflow keeps both snapshots and runs their actions.
import { and, assign, setup } from 'xstate';

export interface PayeeInput {
  /** The relative the applicant named to be paid. */
  payeePin: string;
  /** PINs of the adult relatives who must confirm (on the claim date). */
  required: string[];
  /** When confirmations close (epoch ms). */
  due: number;
}

export interface PayeeContext extends PayeeInput {
  confirmed: string[];
  declaration?: string;
  /** The survivor claim is ready to send: only the payee still holds it back. */
  ready: boolean;
}

export type PayeeEvent =
  | { type: 'CONFIRM'; relativePin: string; payeePin: string }
  | { type: 'DECLARE'; document: string }
  /** The confirmation deadline passed (a timer of the workflow). */
  | { type: 'DUE' }
  | { type: 'CLAIM_READY' }
  /** The case ended or no survivor claim will be sent: confirmations no longer matter. */
  | { type: 'CLOSE' };

const descriptor = () => undefined;
/** What the Group B workflow does when the payee question is settled. */
export const PAYEE_ACTIONS = {
  startSurvivor: descriptor,
  refuseSurvivor: descriptor,
};
export type PayeeAction = keyof typeof PAYEE_ACTIONS;

export const payeeConfirmationMachine = setup({
  types: { context: {} as PayeeContext, events: {} as PayeeEvent, input: {} as PayeeInput },
  actions: {
    ...PAYEE_ACTIONS,
    markReady: assign({ ready: true }),
  },
  guards: {
    namedRelative: ({ context, event }) =>
      event.type === 'CONFIRM' && context.required.includes(event.relativePin),
    samePayee: ({ context, event }) =>
      event.type === 'CONFIRM' && event.payeePin === context.payeePin,
    everyoneConfirmed: ({ context }) =>
      context.required.every((pin) => context.confirmed.includes(pin)),
    ready: ({ context }) => context.ready,
  },
}).createMachine({
  id: 'payeeConfirmation',
  initial: 'awaiting',
  context: ({ input }) => ({ ...input, confirmed: [], ready: false }),
  states: {
    awaiting: {
      always: { guard: 'everyoneConfirmed', target: 'confirmed' },
      on: {
        CONFIRM: {
          guard: and(['namedRelative', 'samePayee']),
          actions: assign({
            confirmed: ({ context, event }) =>
              context.confirmed.includes(event.relativePin)
                ? context.confirmed
                : [...context.confirmed, event.relativePin],
          }),
        },
        DECLARE: {
          target: 'confirmed',
          actions: assign({ declaration: ({ event }) => event.document }),
        },
        DUE: 'expired',
        CLAIM_READY: { actions: 'markReady' },
        CLOSE: 'closed',
      },
    },
    confirmed: {
      always: { guard: 'ready', target: 'released', actions: 'startSurvivor' },
      on: {
        CLAIM_READY: { target: 'released', actions: 'startSurvivor' },
        CLOSE: 'closed',
      },
    },
    expired: {
      always: { guard: 'ready', target: 'refused', actions: 'refuseSurvivor' },
      on: {
        CLAIM_READY: { target: 'refused', actions: 'refuseSurvivor' },
        CLOSE: 'closed',
      },
    },
    /** The survivor step was started with the confirmed payee. */
    released: { type: 'final' },
    /** The survivor step was refused: the payee was not confirmed in time. */
    refused: { type: 'final' },
    closed: { type: 'final' },
  },
});

export type PayeeState = 'awaiting' | 'confirmed' | 'expired' | 'released' | 'refused' | 'closed';

/** The public state of the confirmations (views.ts) for each machine state. */
export const PAYEE_STATE_OF = {
  awaiting: 'awaiting',
  confirmed: 'confirmed',
  released: 'confirmed',
  expired: 'expired',
  refused: 'expired',
  closed: 'closed',
} as const satisfies Record<PayeeState, string>;
