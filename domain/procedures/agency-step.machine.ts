// One agency step of a linked procedure, as a pure decision table (STYLE rule 17): the step workflow
// keeps the snapshot, runs the action descriptors that transition() returns (agency calls,
// notifications, clocks) through a table the compiler checks, and feeds each outcome back as the next
// event — a refusal or a failure included, so every step ends with a reason. Temporal owns timers and I/O.
import { assign, setup } from 'xstate';
import { ReasonCode } from './reasons';

/** Public step status (DESIGN.md §4). */
export const StepStatus = {
  pending: 'pending',
  waiting_agency: 'waiting_agency',
  in_review: 'in_review',
  awaiting_supplement: 'awaiting_supplement',
  completed: 'completed',
  rejected: 'rejected',
  cancelled: 'cancelled',
  skipped: 'skipped',
  compensated: 'compensated',
} as const;
export type StepStatus = (typeof StepStatus)[keyof typeof StepStatus];

/** What an agency gives back when it completes a step: extract numbers, PIN, card number… */
export type StepResult = Record<string, string>;

export interface StepInput {
  /** There is an earlier agency this step's file can go back to (not on a procedure's first step). */
  returnable: boolean;
}

export interface StepContext extends StepInput {
  result?: StepResult;
  /** Why the step ended as it did: a namespaced code (reasons.ts) and the words of whoever decided. */
  code?: string;
  reason?: string;
  missing?: string[];
  /** Requests for supplement so far. */
  supplements: number;
  /** Times the step went back to an earlier agency and was sent again. */
  returns: number;
  reminded: boolean;
  breached: boolean;
}

/** Why a step ended without its result. */
export interface Refusal {
  code: string;
  reason: string;
}

export type StepEvent =
  | { type: 'SEND' }
  | { type: 'SKIP' }
  | { type: 'AGENCY_COMPLETED'; result: StepResult }
  | { type: 'AGENCY_REVIEW_REQUIRED' }
  /** `result`: what the refusal leaves in force (a benefit granted, its payment refused). */
  | ({ type: 'AGENCY_REJECTED'; result?: StepResult } & Refusal)
  | { type: 'AGENCY_RETURNED'; reason: string }
  | { type: 'APPROVED'; result: StepResult }
  | ({ type: 'REJECTED'; result?: StepResult } & Refusal)
  | { type: 'SUPPLEMENT_REQUESTED'; missing: string[] }
  | { type: 'SUPPLEMENT_PROVIDED' }
  | { type: 'SUPPLEMENT_TIMED_OUT' }
  | { type: 'RETURNED'; reason: string }
  | { type: 'RESEND' }
  /** The earlier agency's record stands (not corrected, or returned too often): the step ends. */
  | ({ type: 'RETURN_REFUSED' } & Refusal)
  | ({ type: 'CANCEL' } & Refusal)
  | { type: 'DEADLINE_APPROACHING' }
  | { type: 'DEADLINE_PASSED' }
  /** A call for this step failed for good (the agency refused the request itself, or it gave up). */
  | ({ type: 'STEP_FAILED' } & Refusal);

/** Reason recorded when the citizen did not answer a request for supplement in time. */
export const SUPPLEMENT_TIMEOUT_REASON = ReasonCode.SUPPLEMENT_TIMEOUT;

const descriptor = () => undefined;
/**
 * The actions the step workflow carries out. Only these come back from transition(): the context's
 * own assignments are applied inside the machine. The workflow's handler table is typed against this
 * object, so an action without a handler does not compile.
 */
export const STEP_ACTIONS = {
  /** Send the request to the agency (again after a return): its reply is the next event. */
  callAgency: descriptor,
  /** Withdraw a request still pending in the agency's system (registered facts stand). */
  cancelAgencyRequest: descriptor,
  /** A person must decide: the task is in the inbox; a review may allow more working days. */
  openTask: descriptor,
  notifyCitizen: descriptor,
  pauseClock: descriptor,
  resumeClock: descriptor,
};
export type StepAction = keyof typeof STEP_ACTIONS;

/** The reason carried by the event that ended the step. */
const reasonOf = (event: StepEvent): Partial<Refusal> => {
  if ('code' in event) return { code: event.code, reason: event.reason };
  if (event.type === 'SUPPLEMENT_TIMED_OUT')
    return { code: ReasonCode.SUPPLEMENT_TIMEOUT, reason: SUPPLEMENT_TIMEOUT_REASON };
  if (event.type === 'AGENCY_RETURNED' || event.type === 'RETURNED')
    return { code: ReasonCode.RETURNED, reason: event.reason };
  return {};
};

export const agencyStepMachine = setup({
  types: { context: {} as StepContext, events: {} as StepEvent, input: {} as StepInput },
  actions: {
    ...STEP_ACTIONS,
    recordResult: assign({
      result: ({ event }) => ('result' in event ? event.result : undefined),
    }),
    recordReason: assign(({ event }) => reasonOf(event)),
  },
  guards: {
    returnable: ({ context }) => context.returnable,
  },
}).createMachine({
  id: 'agencyStep',
  initial: 'pending',
  context: ({ input }) => ({
    returnable: input.returnable,
    supplements: 0,
    returns: 0,
    reminded: false,
    breached: false,
  }),
  on: {
    DEADLINE_APPROACHING: {
      guard: ({ context }) => !context.reminded,
      actions: assign({ reminded: true }),
    },
    DEADLINE_PASSED: {
      guard: ({ context }) => !context.breached,
      actions: assign({ breached: true }),
    },
    // From any state at rest: a step whose call cannot succeed ends rejected with the reason,
    // never waits for a reply that will not come.
    STEP_FAILED: { target: '.rejected', actions: ['recordReason', 'notifyCitizen'] },
  },
  states: {
    pending: {
      on: {
        SEND: { target: 'waiting_agency', actions: 'callAgency' },
        SKIP: { target: 'skipped' },
        CANCEL: { target: 'cancelled', actions: 'recordReason' },
      },
    },
    waiting_agency: {
      on: {
        AGENCY_COMPLETED: { target: 'completed', actions: ['recordResult', 'notifyCitizen'] },
        AGENCY_REVIEW_REQUIRED: { target: 'in_review', actions: 'openTask' },
        AGENCY_REJECTED: {
          target: 'rejected',
          actions: ['recordResult', 'recordReason', 'notifyCitizen'],
        },
        // The agency found a defect caused by an earlier step and sent the file back there; a first
        // step has no earlier agency, so the return is a refusal.
        AGENCY_RETURNED: [
          { guard: 'returnable', target: 'returned', actions: 'recordReason' },
          { target: 'rejected', actions: ['recordReason', 'notifyCitizen'] },
        ],
        CANCEL: { target: 'cancelled', actions: ['recordReason', 'cancelAgencyRequest'] },
      },
    },
    in_review: {
      on: {
        APPROVED: { target: 'completed', actions: ['recordResult', 'notifyCitizen'] },
        REJECTED: {
          target: 'rejected',
          actions: ['recordResult', 'recordReason', 'notifyCitizen'],
        },
        SUPPLEMENT_REQUESTED: {
          target: 'awaiting_supplement',
          actions: [
            assign({
              missing: ({ event }) => event.missing,
              supplements: ({ context }) => context.supplements + 1,
            }),
            'pauseClock',
            'notifyCitizen',
          ],
        },
        // Only where there is an earlier agency: the API refuses it elsewhere (422).
        RETURNED: { guard: 'returnable', target: 'returned', actions: 'recordReason' },
        CANCEL: { target: 'cancelled', actions: ['recordReason', 'cancelAgencyRequest'] },
      },
    },
    awaiting_supplement: {
      on: {
        SUPPLEMENT_PROVIDED: {
          target: 'in_review',
          actions: [assign({ missing: undefined }), 'resumeClock', 'openTask'],
        },
        SUPPLEMENT_TIMED_OUT: {
          target: 'rejected',
          actions: ['recordReason', 'cancelAgencyRequest', 'notifyCitizen'],
        },
        CANCEL: { target: 'cancelled', actions: ['recordReason', 'cancelAgencyRequest'] },
      },
    },
    // Sent back to an earlier agency whose step caused the defect; sent again once it is corrected.
    returned: {
      on: {
        RETURN_REFUSED: { target: 'rejected', actions: ['recordReason', 'notifyCitizen'] },
        RESEND: {
          target: 'waiting_agency',
          actions: [
            assign({
              returns: ({ context }) => context.returns + 1,
              code: undefined,
              reason: undefined,
            }),
            'callAgency',
          ],
        },
        CANCEL: { target: 'cancelled', actions: 'recordReason' },
      },
    },
    completed: { type: 'final' },
    rejected: { type: 'final' },
    cancelled: { type: 'final' },
    skipped: { type: 'final' },
  },
});

/** The machine's states; the tests check this list against the machine itself. */
export type AgencyStepState =
  | 'pending'
  | 'waiting_agency'
  | 'in_review'
  | 'awaiting_supplement'
  | 'returned'
  | 'completed'
  | 'rejected'
  | 'cancelled'
  | 'skipped';

/** Public status of each machine state; `returned` shows as pending until it is sent again. */
export const STEP_STATUS_OF = {
  pending: StepStatus.pending,
  waiting_agency: StepStatus.waiting_agency,
  in_review: StepStatus.in_review,
  awaiting_supplement: StepStatus.awaiting_supplement,
  returned: StepStatus.pending,
  completed: StepStatus.completed,
  rejected: StepStatus.rejected,
  cancelled: StepStatus.cancelled,
  skipped: StepStatus.skipped,
} as const satisfies Record<AgencyStepState, StepStatus>;

/** An officer's decision on a step in review, as the API and the step workflow name it. */
export const OfficerDecision = ['approve', 'reject', 'request_supplement', 'return'] as const;
export type OfficerDecision = (typeof OfficerDecision)[number];

/** The event a decision stands for (an approval's result and a rejection's code come later). */
export function decisionEvent(
  decision: OfficerDecision,
  details: { reason?: string; missing?: string[] } = {},
): StepEvent {
  switch (decision) {
    case 'approve':
      return { type: 'APPROVED', result: {} };
    case 'reject':
      return { type: 'REJECTED', code: ReasonCode.OFFICER_REJECTED, reason: details.reason ?? '' };
    case 'request_supplement':
      return { type: 'SUPPLEMENT_REQUESTED', missing: details.missing ?? [] };
    case 'return':
      return { type: 'RETURNED', reason: details.reason ?? '' };
  }
}

type StepSnapshot = { can: (event: StepEvent) => boolean };
/** The decisions the step allows now: what an officer's page offers, and nothing else. */
export const decisionsOpen = (snapshot: StepSnapshot): OfficerDecision[] =>
  OfficerDecision.filter((d) => snapshot.can(decisionEvent(d)));
