// Group A as a whole: birth registration first, then residence ∥ health-insurance card as chosen.
// A pure decision table (STYLE rule 17); the parent workflow runs the steps it asks for and reports
// each step's outcome back. Step-level detail lives in agency-step.machine.ts.
import { assign, setup } from 'xstate';

export type BranchStep = 'residence' | 'insurance';
export type Outcome = 'pending' | 'completed' | 'rejected' | 'cancelled' | 'skipped';

export interface CaseContext {
  chosen: Record<BranchStep, boolean>;
  /** Corrections allowed before a returned step is refused instead (rule version). */
  maxCorrections: number;
  outcomes: { birth: Outcome } & Record<BranchStep, Outcome>;
  /** Corrections of the birth record asked for by a later agency. */
  corrections: number;
}

export type CaseEvent =
  | { type: 'BIRTH_SETTLED'; outcome: 'completed' | 'rejected' }
  | { type: 'BRANCH_SETTLED'; step: BranchStep; outcome: 'completed' | 'rejected' }
  | { type: 'CORRECTION_REQUESTED' }
  | { type: 'CORRECTION_DONE' }
  | { type: 'WITHDRAW' };

const branches = (context: CaseContext): BranchStep[] =>
  (['residence', 'insurance'] as const).filter((step) => context.chosen[step]);

// Allowed in every state at rest, not on the machine's root: a finished case cannot be withdrawn.
const WITHDRAW = { target: 'withdrawn', actions: ['cancelPending', 'cancelSteps'] } as const;

export const birthResidenceInsuranceMachine = setup({
  types: {
    context: {} as CaseContext,
    events: {} as CaseEvent,
    input: {} as { chosen: Record<BranchStep, boolean>; maxCorrections: number },
  },
  actions: {
    // Descriptors for the workflow.
    startBranches: () => undefined,
    cancelSteps: () => undefined,
    requestCorrection: () => undefined,
    resendAfterCorrection: () => undefined,
    refuseReturnedStep: () => undefined,
    notifyOutcome: () => undefined,
    cancelPending: assign({
      outcomes: ({ context }) => {
        const outcomes = { ...context.outcomes };
        for (const step of ['birth', 'residence', 'insurance'] as const) {
          if (outcomes[step] === 'pending') outcomes[step] = 'cancelled';
        }
        return outcomes;
      },
    }),
    skipUnchosen: assign({
      outcomes: ({ context }) => ({
        ...context.outcomes,
        residence: context.chosen.residence ? context.outcomes.residence : 'skipped',
        insurance: context.chosen.insurance ? context.outcomes.insurance : 'skipped',
      }),
    }),
  },
  guards: {
    allSettled: ({ context }) => branches(context).every((s) => context.outcomes[s] !== 'pending'),
    allCompleted: ({ context }) =>
      branches(context).every((s) => context.outcomes[s] === 'completed'),
  },
}).createMachine({
  id: 'birthResidenceInsurance',
  initial: 'registering_birth',
  context: ({ input }) => ({
    chosen: input.chosen,
    maxCorrections: input.maxCorrections,
    outcomes: { birth: 'pending', residence: 'pending', insurance: 'pending' },
    corrections: 0,
  }),
  states: {
    registering_birth: {
      entry: 'skipUnchosen',
      on: {
        WITHDRAW,
        BIRTH_SETTLED: [
          {
            guard: ({ event }) => event.outcome === 'completed',
            target: 'linked_steps',
            actions: [
              assign({ outcomes: ({ context }) => ({ ...context.outcomes, birth: 'completed' }) }),
              'startBranches',
            ],
          },
          {
            target: 'rejected',
            // Nothing downstream can start without a birth certificate.
            actions: assign({
              outcomes: ({ context }) => ({
                birth: 'rejected' as const,
                residence: context.chosen.residence ? ('cancelled' as const) : ('skipped' as const),
                insurance: context.chosen.insurance ? ('cancelled' as const) : ('skipped' as const),
              }),
            }),
          },
        ],
      },
    },
    linked_steps: {
      on: {
        WITHDRAW,
        BRANCH_SETTLED: {
          guard: ({ context, event }) =>
            context.chosen[event.step] && context.outcomes[event.step] === 'pending',
          target: 'settling',
          actions: assign({
            outcomes: ({ context, event }) => ({
              ...context.outcomes,
              [event.step]: event.outcome,
            }),
          }),
        },
        CORRECTION_REQUESTED: [
          {
            guard: ({ context }) => context.corrections < context.maxCorrections,
            target: 'correcting_birth',
            actions: [
              assign({ corrections: ({ context }) => context.corrections + 1 }),
              'requestCorrection',
            ],
          },
          // Returned again and again: the step is refused rather than looping between agencies.
          { actions: 'refuseReturnedStep' },
        ],
      },
    },
    settling: {
      always: [{ guard: 'allSettled', target: 'closing' }, { target: 'linked_steps' }],
    },
    closing: {
      always: [{ guard: 'allCompleted', target: 'completed' }, { target: 'partially_completed' }],
    },
    // A later agency found a defect caused by the birth step: civil status corrects it, then the
    // step that found it is sent again.
    correcting_birth: {
      on: {
        WITHDRAW,
        CORRECTION_DONE: { target: 'linked_steps', actions: 'resendAfterCorrection' },
      },
    },
    completed: { type: 'final', entry: 'notifyOutcome' },
    partially_completed: { type: 'final', entry: 'notifyOutcome' },
    rejected: { type: 'final', entry: 'notifyOutcome' },
    withdrawn: { type: 'final', entry: 'notifyOutcome' },
  },
});

/** States at rest (settling and closing are transient: `always` leaves them at once). */
export type CaseState =
  | 'registering_birth'
  | 'linked_steps'
  | 'correcting_birth'
  | 'completed'
  | 'partially_completed'
  | 'rejected'
  | 'withdrawn';
