// One agency step of a linked procedure, as a pure decision table (STYLE rule 17): the step workflow
// keeps the snapshot, runs the action descriptors that transition() returns (agency calls, inbox tasks,
// notifications, clocks) and feeds each outcome back as the next event. Temporal owns timers and I/O.
import { assign, setup } from 'xstate';

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

export interface StepContext {
  result?: StepResult;
  reason?: string;
  missing?: string[];
  /** Requests for supplement so far. */
  supplements: number;
  /** Times the step went back to an earlier agency and was sent again. */
  returns: number;
  reminded: boolean;
  breached: boolean;
}

export type StepEvent =
  | { type: 'SEND' }
  | { type: 'SKIP' }
  | { type: 'AGENCY_COMPLETED'; result: StepResult }
  | { type: 'AGENCY_REVIEW_REQUIRED' }
  | { type: 'AGENCY_REJECTED'; reason: string }
  | { type: 'AGENCY_RETURNED'; reason: string }
  | { type: 'APPROVED'; result: StepResult }
  | { type: 'REJECTED'; reason: string }
  | { type: 'SUPPLEMENT_REQUESTED'; missing: string[] }
  | { type: 'SUPPLEMENT_PROVIDED' }
  | { type: 'SUPPLEMENT_TIMED_OUT' }
  | { type: 'RETURNED'; reason: string }
  | { type: 'RESEND' }
  | { type: 'CANCEL'; reason: string }
  | { type: 'DEADLINE_APPROACHING' }
  | { type: 'DEADLINE_PASSED' };

/** Reason recorded when the citizen did not answer a request for supplement in time. */
export const SUPPLEMENT_TIMEOUT_REASON = 'SUPPLEMENT.TIMEOUT';

export const agencyStepMachine = setup({
  types: { context: {} as StepContext, events: {} as StepEvent },
  actions: {
    // Descriptors for the step workflow; they do nothing inside the machine.
    callAgency: () => undefined,
    cancelAgencyRequest: () => undefined,
    openTask: () => undefined,
    closeTask: () => undefined,
    notifyCitizen: () => undefined,
    pauseClock: () => undefined,
    resumeClock: () => undefined,
    remindOfficer: () => undefined,
    escalate: () => undefined,
    recordResult: assign({
      result: ({ event }) =>
        event.type === 'AGENCY_COMPLETED' || event.type === 'APPROVED' ? event.result : undefined,
    }),
    recordReason: assign({
      reason: ({ event }) =>
        'reason' in event
          ? event.reason
          : event.type === 'SUPPLEMENT_TIMED_OUT'
            ? SUPPLEMENT_TIMEOUT_REASON
            : undefined,
    }),
  },
}).createMachine({
  id: 'agencyStep',
  initial: 'pending',
  context: { supplements: 0, returns: 0, reminded: false, breached: false },
  on: {
    DEADLINE_APPROACHING: {
      guard: ({ context }) => !context.reminded,
      actions: [assign({ reminded: true }), 'remindOfficer'],
    },
    DEADLINE_PASSED: {
      guard: ({ context }) => !context.breached,
      actions: [assign({ breached: true }), 'escalate'],
    },
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
        AGENCY_REJECTED: { target: 'rejected', actions: ['recordReason', 'notifyCitizen'] },
        // The agency found a defect caused by an earlier step and sent the file back there.
        AGENCY_RETURNED: { target: 'returned', actions: 'recordReason' },
        CANCEL: { target: 'cancelled', actions: ['recordReason', 'cancelAgencyRequest'] },
      },
    },
    in_review: {
      on: {
        APPROVED: { target: 'completed', actions: ['recordResult', 'closeTask', 'notifyCitizen'] },
        REJECTED: { target: 'rejected', actions: ['recordReason', 'closeTask', 'notifyCitizen'] },
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
        RETURNED: { target: 'returned', actions: ['recordReason', 'closeTask'] },
        CANCEL: {
          target: 'cancelled',
          actions: ['recordReason', 'closeTask', 'cancelAgencyRequest'],
        },
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
        // The earlier agency could not correct the record (or gave up after repeated returns).
        REJECTED: { target: 'rejected', actions: ['recordReason', 'notifyCitizen'] },
        RESEND: {
          target: 'waiting_agency',
          actions: [
            assign({ returns: ({ context }) => context.returns + 1, reason: undefined }),
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

/** True once an agency has decided on the step (a decision ends the right to withdraw). */
export const DECIDED_STATES: readonly AgencyStepState[] = ['completed', 'rejected', 'returned'];
