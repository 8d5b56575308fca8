// A linked procedure as a whole: the first step (birth or death registration), then the linked
// steps in parallel as chosen (residence, health insurance; residence removal, benefits). A pure
// decision table (STYLE rule 17) shared by every procedure; the case workflow runs the actions it
// asks for through a table the compiler checks, and reports every step change and outcome back —
// failures included — so what may happen next is decided here and nowhere else.
// Step-level detail lives in agency-step.machine.ts.
import { and, assign, setup } from 'xstate';
import type { AgencyStepState, Refusal } from './agency-step.machine';
import { ReasonCode } from './reasons';

export type Outcome = 'pending' | 'completed' | 'rejected' | 'cancelled' | 'skipped';

export interface CaseInput {
  /** The step everything else needs (its record is what later agencies build on). */
  first: string;
  /** The linked steps, each chosen by the applicant or not. */
  chosen: Record<string, boolean>;
  /** Corrections of the first step allowed before a returned step is refused (rule version). */
  maxCorrections: number;
  /** A step whose review means the case needs verification (more working days for the case). */
  verificationStep?: string;
}

/** A later step sent back to the first step's agency, and why. */
export interface ReturnedStep {
  step: string;
  reason: string;
}

export interface CaseContext extends CaseInput {
  outcomes: Record<string, Outcome>;
  /** Corrections of the first step's record asked for by a later agency. */
  corrections: number;
  /** Steps waiting for the first step's correction, to be sent again once it is done. */
  returned: ReturnedStep[];
  /** Per step, how often it had been sent again when it was last seen returned (a new return counts). */
  seenReturns: Record<string, number>;
  /** The verification step went to review: the case has the longer deadline. */
  verifying: boolean;
  /** Why the case ended without its first step's record, or was withdrawn. */
  reason?: Refusal;
}

export type CaseEvent =
  /** A step's workflow ended; `skipped`: it did not apply (e.g. no pension to stop). */
  | ({
      type: 'STEP_SETTLED';
      step: string;
      outcome: Exclude<Outcome, 'pending'>;
    } & Partial<Refusal>)
  /** A step moved on (its view's state and how often it was sent again after a return). */
  | { type: 'STEP_CHANGED'; step: string; state: AgencyStepState; resent: number; reason?: string }
  | { type: 'CORRECTION_DONE' }
  | ({ type: 'CORRECTION_FAILED' } & Refusal)
  | { type: 'WITHDRAW' };

const branches = (context: CaseContext): string[] =>
  Object.keys(context.chosen).filter((step) => context.chosen[step]);

const withOutcome = (context: CaseContext, outcome: (step: string) => Outcome) =>
  Object.fromEntries(Object.keys(context.outcomes).map((step) => [step, outcome(step)]));

type Changed = Extract<CaseEvent, { type: 'STEP_CHANGED' }>;
/** The step is returned now, and was not when last seen (or has been sent again since). */
const isNewReturn = (context: CaseContext, event: Changed) =>
  event.state === 'returned' && context.seenReturns[event.step] !== event.resent;

/** Parameters of the actions that name steps. */
export interface ReturnedParams {
  returned: ReturnedStep[];
}
export interface RefuseParams extends ReturnedParams {
  refusal: Refusal;
}

const descriptor = () => undefined;
const withParams =
  <P>() =>
  (_: unknown, _params: P) =>
    undefined;
/** The actions the case workflow carries out; its handler table is typed against this object. */
export const CASE_ACTIONS = {
  /** The first step's record exists: start the chosen linked steps. */
  startBranches: descriptor,
  /** Withdrawn: cancel every step still under way (registered facts stand). */
  cancelSteps: descriptor,
  /** Ask the first step's agency to correct its record for these returned steps. */
  requestCorrection: withParams<ReturnedParams>(),
  /** The record is corrected: send these steps again. */
  resendAfterCorrection: withParams<ReturnedParams>(),
  /** The record stands: end the returned steps rejected with this reason. */
  refuseReturnedSteps: withParams<RefuseParams>(),
  notifyOutcome: descriptor,
};
export type CaseAction = keyof typeof CASE_ACTIONS;

/** Why a withdrawn case and the steps it cancels ended. */
export const WITHDRAWAL: Refusal = {
  code: ReasonCode.WITHDRAWN,
  reason: 'withdrawn by the applicant',
};

// Allowed in every state at rest, not on the machine's root: a finished case cannot be withdrawn.
const WITHDRAW = {
  target: 'withdrawn',
  actions: ['cancelPending', 'cancelSteps', 'recordWithdrawal'],
} as const;

export const linkedProcedureMachine = setup({
  types: {
    context: {} as CaseContext,
    events: {} as CaseEvent,
    input: {} as CaseInput,
  },
  actions: {
    ...CASE_ACTIONS,
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
    noteReturn: assign({
      seenReturns: ({ context, event }) =>
        event.type === 'STEP_CHANGED'
          ? { ...context.seenReturns, [event.step]: event.resent }
          : context.seenReturns,
      returned: ({ context, event }) =>
        event.type === 'STEP_CHANGED'
          ? [
              ...context.returned.filter((r) => r.step !== event.step),
              { step: event.step, reason: event.reason ?? '' },
            ]
          : context.returned,
    }),
    forgetReturned: assign({ returned: [] }),
    recordWithdrawal: assign({
      reason: WITHDRAWAL,
    }),
    /** A branch's outcome, heard in every state where branches run. */
    recordBranchOutcome: assign({
      outcomes: ({ context, event }) =>
        event.type === 'STEP_SETTLED'
          ? { ...context.outcomes, [event.step]: event.outcome }
          : context.outcomes,
    }),
    noteVerification: assign({
      verifying: ({ context, event }) =>
        context.verifying ||
        (event.type === 'STEP_CHANGED' &&
          event.step === context.verificationStep &&
          event.state === 'in_review'),
    }),
  },
  guards: {
    allSettled: ({ context }) => branches(context).every((s) => context.outcomes[s] !== 'pending'),
    allCompleted: ({ context }) =>
      branches(context).every(
        (s) => context.outcomes[s] === 'completed' || context.outcomes[s] === 'skipped',
      ),
    correctionAllowed: ({ context }) => context.corrections < context.maxCorrections,
    newReturn: ({ context, event }) => event.type === 'STEP_CHANGED' && isNewReturn(context, event),
    pendingBranch: ({ context, event }) =>
      event.type === 'STEP_SETTLED' &&
      context.chosen[event.step] === true &&
      context.outcomes[event.step] === 'pending',
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
    returned: [],
    seenReturns: {},
    verifying: false,
  }),
  states: {
    first_step: {
      entry: 'skipUnchosen',
      on: {
        WITHDRAW,
        STEP_SETTLED: [
          {
            guard: ({ context, event }) =>
              event.step === context.first && event.outcome === 'completed',
            // Through settling: with no linked step chosen, the case is complete at once.
            target: 'settling',
            actions: [
              assign({
                outcomes: ({ context }) => ({ ...context.outcomes, [context.first]: 'completed' }),
              }),
              'startBranches',
            ],
          },
          {
            // Rejected, failed or stopped: nothing downstream can start without the first record.
            guard: ({ context, event }) => event.step === context.first,
            target: 'rejected',
            actions: assign({
              outcomes: ({ context }) =>
                withOutcome(context, (step) =>
                  step === context.first
                    ? 'rejected'
                    : context.chosen[step]
                      ? 'cancelled'
                      : 'skipped',
                ),
              reason: ({ event }) => ({
                code: event.code ?? ReasonCode.STEP_FAILED,
                reason: event.reason ?? event.outcome,
              }),
            }),
          },
        ],
      },
    },
    linked_steps: {
      on: {
        WITHDRAW,
        STEP_SETTLED: {
          guard: 'pendingBranch',
          target: 'settling',
          actions: 'recordBranchOutcome',
        },
        STEP_CHANGED: [
          {
            guard: and(['newReturn', 'correctionAllowed']),
            target: 'correcting_first',
            actions: [
              'noteReturn',
              assign({ corrections: ({ context }) => context.corrections + 1 }),
              {
                type: 'requestCorrection',
                params: ({ context }): ReturnedParams => ({ returned: context.returned }),
              },
            ],
          },
          {
            // Returned again and again (or no correction allowed): refused rather than looping
            // between agencies.
            guard: 'newReturn',
            actions: [
              'noteReturn',
              {
                type: 'refuseReturnedSteps',
                params: ({ context }): RefuseParams => ({
                  returned: context.returned,
                  refusal: {
                    code: ReasonCode.CORRECTION_LIMIT,
                    reason: `returned ${context.corrections + 1} times for correction`,
                  },
                }),
              },
              'forgetReturned',
            ],
          },
          { actions: 'noteVerification' },
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
    // the steps that found it are sent again. Other steps go on meanwhile (the returned ones are
    // pending, so the case cannot close here).
    correcting_first: {
      on: {
        WITHDRAW,
        STEP_SETTLED: { guard: 'pendingBranch', actions: 'recordBranchOutcome' },
        STEP_CHANGED: [
          // Returned while the record is being corrected: sent again with the others.
          { guard: 'newReturn', actions: 'noteReturn' },
          { actions: 'noteVerification' },
        ],
        CORRECTION_DONE: {
          target: 'linked_steps',
          actions: [
            {
              type: 'resendAfterCorrection',
              params: ({ context }): ReturnedParams => ({ returned: context.returned }),
            },
            'forgetReturned',
          ],
        },
        CORRECTION_FAILED: {
          target: 'linked_steps',
          actions: [
            {
              type: 'refuseReturnedSteps',
              params: ({ context, event }): RefuseParams => ({
                returned: context.returned,
                refusal: { code: event.code, reason: event.reason },
              }),
            },
            'forgetReturned',
          ],
        },
      },
    },
    completed: { type: 'final', entry: 'notifyOutcome' },
    partially_completed: { type: 'final', entry: 'notifyOutcome' },
    rejected: { type: 'final', entry: 'notifyOutcome' },
    withdrawn: { type: 'final', entry: 'notifyOutcome' },
  },
});
