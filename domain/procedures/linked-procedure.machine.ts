// A linked procedure as a whole: the first step (birth or death registration), then the linked
// steps in parallel as chosen (residence, health insurance; residence removal, benefits). A pure
// decision table (STYLE rule 17) shared by every procedure; the case workflow runs the steps it asks
// for and reports each step's outcome back. Step-level detail lives in agency-step.machine.ts.
import { assign, setup } from 'xstate';

export type Outcome = 'pending' | 'completed' | 'rejected' | 'cancelled' | 'skipped';

export interface CaseInput {
  /** The step everything else needs (its record is what later agencies build on). */
  first: string;
  /** The linked steps, each chosen by the applicant or not. */
  chosen: Record<string, boolean>;
  /** Corrections of the first step allowed before a returned step is refused (rule version). */
  maxCorrections: number;
}

export interface CaseContext extends CaseInput {
  outcomes: Record<string, Outcome>;
  /** Corrections of the first step's record asked for by a later agency. */
  corrections: number;
}

export type CaseEvent =
  | { type: 'FIRST_SETTLED'; outcome: 'completed' | 'rejected' }
  /** `skipped`: the step does not apply to this case (e.g. no pension to stop). */
  | { type: 'BRANCH_SETTLED'; step: string; outcome: 'completed' | 'rejected' | 'skipped' }
  | { type: 'CORRECTION_REQUESTED' }
  | { type: 'CORRECTION_DONE' }
  | { type: 'WITHDRAW' };

const branches = (context: CaseContext): string[] =>
  Object.keys(context.chosen).filter((step) => context.chosen[step]);

const withOutcome = (context: CaseContext, outcome: (step: string) => Outcome) =>
  Object.fromEntries(Object.keys(context.outcomes).map((step) => [step, outcome(step)]));

// Allowed in every state at rest, not on the machine's root: a finished case cannot be withdrawn.
const WITHDRAW = { target: 'withdrawn', actions: ['cancelPending', 'cancelSteps'] } as const;

export const linkedProcedureMachine = setup({
  types: {
    context: {} as CaseContext,
    events: {} as CaseEvent,
    input: {} as CaseInput,
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
      outcomes: ({ context }) =>
        withOutcome(context, (step) =>
          context.outcomes[step] === 'pending'
            ? 'cancelled'
            : (context.outcomes[step] ?? 'pending'),
        ),
    }),
    skipUnchosen: assign({
      outcomes: ({ context }) =>
        withOutcome(context, (step) =>
          step === context.first || context.chosen[step] ? 'pending' : 'skipped',
        ),
    }),
  },
  guards: {
    allSettled: ({ context }) => branches(context).every((s) => context.outcomes[s] !== 'pending'),
    allCompleted: ({ context }) =>
      branches(context).every(
        (s) => context.outcomes[s] === 'completed' || context.outcomes[s] === 'skipped',
      ),
  },
}).createMachine({
  id: 'linkedProcedure',
  initial: 'first_step',
  context: ({ input }) => ({
    ...input,
    outcomes: Object.fromEntries(
      [input.first, ...Object.keys(input.chosen)].map((step) => [step, 'pending']),
    ),
    corrections: 0,
  }),
  states: {
    first_step: {
      entry: 'skipUnchosen',
      on: {
        WITHDRAW,
        FIRST_SETTLED: [
          {
            guard: ({ event }) => event.outcome === 'completed',
            target: 'linked_steps',
            actions: [
              assign({
                outcomes: ({ context }) => ({ ...context.outcomes, [context.first]: 'completed' }),
              }),
              'startBranches',
            ],
          },
          {
            target: 'rejected',
            // Nothing downstream can start without the first step's record.
            actions: assign({
              outcomes: ({ context }) =>
                withOutcome(context, (step) =>
                  step === context.first
                    ? 'rejected'
                    : context.chosen[step]
                      ? 'cancelled'
                      : 'skipped',
                ),
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
            context.chosen[event.step] === true && context.outcomes[event.step] === 'pending',
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
            target: 'correcting_first',
            actions: [
              assign({ corrections: ({ context }) => context.corrections + 1 }),
              'requestCorrection',
            ],
          },
          // Returned again and again (or no correction allowed): the step is refused rather than
          // looping between agencies.
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
    // A later agency found a defect caused by the first step: its agency corrects the record, then
    // the step that found it is sent again.
    correcting_first: {
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
  | 'first_step'
  | 'linked_steps'
  | 'correcting_first'
  | 'completed'
  | 'partially_completed'
  | 'rejected'
  | 'withdrawn';
