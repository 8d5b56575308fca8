// The one payee of a lump-sum survivor allowance: every adult relative confirms the same payee in VNeID,
// or the relatives' declaration (Form 09-HSB) is uploaded for those who cannot, before a deadline
// (QĐ 1449/QĐ-BHXH; DOMAIN.md §3B, §5). A declaration replaces the confirmations only once a BHXH
// officer has verified it (issue 19): until then the relatives may still confirm; rejected, it
// replaces nothing and the relatives confirm in VNeID (one review per case). The survivor step starts
// only once the payee is confirmed and its claim is ready (the death registered, the allowance
// decided); a deadline passed unconfirmed refuses it. A pure decision table (STYLE rule 17) beside
// the case machine: the Group B workflow keeps both snapshots and runs their actions.
import { and, assign, not, setup } from 'xstate';

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
  /** The declaration in review, or the one that replaced the confirmations. */
  declaration?: string;
  /** The officer's verdict on the last declaration, and why when rejected. */
  verdict?: { decision: 'approved' | 'rejected'; reason?: string };
  /** The deadline passed while a declaration was in review: a rejection then ends the wait. */
  duePassed: boolean;
  /** The survivor claim is ready to send: only the payee still holds it back. */
  ready: boolean;
}

/** The declaration's officer review (the workflow runs it as a task, see PAYEE_ACTIONS). */
export interface DeclarationReviewParams {
  document: string;
}

export type PayeeEvent =
  | { type: 'CONFIRM'; relativePin: string; payeePin: string }
  /**
   * The relatives' declaration arrives. `unreviewed`: accepted at once without an officer — the v1.0.0
   * baseline, kept only for histories recorded before patch `payee-declaration-review`.
   */
  | { type: 'DECLARE'; document: string; unreviewed?: true }
  /** The officer verified the declaration. */
  | { type: 'DECLARATION_APPROVED' }
  /** The officer found the declaration invalid, or its review ended without a decision. */
  | { type: 'DECLARATION_REJECTED'; reason: string }
  /** The confirmation deadline passed (a timer of the workflow). */
  | { type: 'DUE' }
  /**
   * An official calendar notice changed the working days: the deadline counted again (issue 20).
   * Heard while confirmations are awaited; once the deadline has passed, it stays passed.
   */
  | { type: 'RECOUNTED'; due: number }
  | { type: 'CLAIM_READY' }
  /** The case ended or no survivor claim will be sent: confirmations no longer matter. */
  | { type: 'CLOSE' };

const descriptor = () => undefined;
const withParams =
  <P>() =>
  (_: unknown, _params: P) =>
    undefined;
/** What the Group B workflow does when the payee question is settled, or a declaration arrives. */
export const PAYEE_ACTIONS = {
  startSurvivor: descriptor,
  refuseSurvivor: descriptor,
  /** Open the officer's task verifying the declaration (its decision comes back as an event). */
  reviewDeclaration: withParams<DeclarationReviewParams>(),
  /** The review no longer matters (everyone confirmed meanwhile, or the case ended): close it. */
  cancelDeclarationReview: descriptor,
};
export type PayeeAction = keyof typeof PAYEE_ACTIONS;

export const payeeConfirmationMachine = setup({
  types: { context: {} as PayeeContext, events: {} as PayeeEvent, input: {} as PayeeInput },
  actions: {
    ...PAYEE_ACTIONS,
    markReady: assign({ ready: true }),
    recount: assign({
      due: ({ context, event }) => (event.type === 'RECOUNTED' ? event.due : context.due),
    }),
    /** The declaration was rejected: it replaces nothing. */
    recordRejection: assign({
      declaration: undefined,
      verdict: ({ event }) => ({
        decision: 'rejected' as const,
        reason: event.type === 'DECLARATION_REJECTED' ? event.reason : '',
      }),
    }),
    /** A named adult relative confirmed (a repeat counts once). */
    recordConfirmation: assign({
      confirmed: ({ context, event }) =>
        event.type !== 'CONFIRM' || context.confirmed.includes(event.relativePin)
          ? context.confirmed
          : [...context.confirmed, event.relativePin],
    }),
  },
  guards: {
    namedRelative: ({ context, event }) =>
      event.type === 'CONFIRM' && context.required.includes(event.relativePin),
    samePayee: ({ context, event }) =>
      event.type === 'CONFIRM' && event.payeePin === context.payeePin,
    everyoneConfirmed: ({ context }) =>
      context.required.every((pin) => context.confirmed.includes(pin)),
    ready: ({ context }) => context.ready,
    duePassed: ({ context }) => context.duePassed,
    unreviewed: ({ event }) => event.type === 'DECLARE' && event.unreviewed === true,
    noVerdictYet: ({ context }) => context.verdict === undefined,
  },
}).createMachine({
  id: 'payeeConfirmation',
  initial: 'awaiting',
  context: ({ input }) => ({ ...input, confirmed: [], duePassed: false, ready: false }),
  states: {
    awaiting: {
      always: { guard: 'everyoneConfirmed', target: 'confirmed' },
      on: {
        CONFIRM: { guard: and(['namedRelative', 'samePayee']), actions: 'recordConfirmation' },
        // One declaration review per case: a rejected one leaves the confirmations in VNeID.
        DECLARE: [
          {
            guard: 'unreviewed',
            target: 'confirmed',
            actions: assign({ declaration: ({ event }) => event.document }),
          },
          {
            guard: 'noVerdictYet',
            target: 'reviewing_declaration',
            actions: [
              assign({ declaration: ({ event }) => event.document, verdict: undefined }),
              {
                type: 'reviewDeclaration',
                params: ({ event }): DeclarationReviewParams => ({ document: event.document }),
              },
            ],
          },
        ],
        DUE: 'expired',
        RECOUNTED: { actions: 'recount' },
        CLAIM_READY: { actions: 'markReady' },
        CLOSE: 'closed',
      },
    },
    /** An officer verifies the declaration; the relatives may still confirm meanwhile. */
    reviewing_declaration: {
      always: {
        guard: 'everyoneConfirmed',
        target: 'confirmed',
        actions: [assign({ declaration: undefined }), 'cancelDeclarationReview'],
      },
      on: {
        CONFIRM: { guard: and(['namedRelative', 'samePayee']), actions: 'recordConfirmation' },
        DECLARATION_APPROVED: {
          target: 'confirmed',
          actions: assign({ verdict: { decision: 'approved' } }),
        },
        DECLARATION_REJECTED: [
          // The deadline passed during the review: nothing else can come now.
          {
            guard: 'duePassed',
            target: 'expired',
            actions: 'recordRejection',
          },
          { target: 'awaiting', actions: 'recordRejection' },
        ],
        // A declaration that arrived in time is decided even after the deadline.
        DUE: { actions: assign({ duePassed: true }) },
        RECOUNTED: { guard: not('duePassed'), actions: 'recount' },
        CLAIM_READY: { actions: 'markReady' },
        CLOSE: { target: 'closed', actions: 'cancelDeclarationReview' },
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

export type PayeeState =
  | 'awaiting'
  | 'reviewing_declaration'
  | 'confirmed'
  | 'expired'
  | 'released'
  | 'refused'
  | 'closed';

/** The public state of the confirmations (views.ts) for each machine state. */
export const PAYEE_STATE_OF = {
  awaiting: 'awaiting',
  // Confirmations are still awaited (and accepted) while an officer verifies the declaration.
  reviewing_declaration: 'awaiting',
  confirmed: 'confirmed',
  released: 'confirmed',
  expired: 'expired',
  refused: 'expired',
  closed: 'closed',
} as const satisfies Record<PayeeState, string>;
