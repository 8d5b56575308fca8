// Signals, updates and queries shared by the workflows and the API (STYLE rule 39). A person's action
// is named by its update definition and sent as the `act` signal (workflows/action-requests.ts says why).
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CalendarChange } from '../domain/calendar/notices';
import type { OfficerDecision, Refusal } from '../domain/procedures/agency-step.machine';
import type { Refused } from '../domain/procedures/refusals';
import type { CaseView, StepView } from '../domain/procedures/views';

/** The one query of every procedure and step workflow. */
export const getProcedureStatus = defineQuery<CaseView>('getProcedureStatus');
export const getStepStatus = defineQuery<StepView>('getStepStatus');

export interface OfficerDecisionInput {
  decision: OfficerDecision;
  reason?: string;
  missing?: string[];
  officer: string;
}

/** An officer decides on a step in review; refused when the step's machine does not allow it. */
export const decideStep = defineUpdate<StepView, [OfficerDecisionInput]>('decideStep');
/** The citizen (or a clerk) answers a request for supplement. */
export const submitSupplement = defineUpdate<StepView, [{ documents: string[]; by: string }]>(
  'submitSupplement',
);
/** Withdraw the whole application. */
export const withdrawCase = defineUpdate<CaseView, [{ reason: string; by: string }]>(
  'withdrawCase',
);

/** A named adult relative agrees to the one payee of a lump-sum survivor allowance (VNeID). */
export interface PayeeConfirmationInput {
  relativePin: string;
  payeePin: string;
  by: string;
}
export const confirmPayee = defineUpdate<CaseView, [PayeeConfirmationInput]>('confirmPayee');
/** The relatives' declaration (Form 09-HSB) for those who cannot confirm in VNeID. */
export const submitPayeeDeclaration = defineUpdate<CaseView, [{ document: string; by: string }]>(
  'submitPayeeDeclaration',
);

/**
 * A person's action (one of the updates above, by name) as a signal: `requestId` names the request,
 * the same for its retries, so the action happens once and its outcome can be asked for.
 */
export interface ActionRequest {
  requestId: string;
  action: string;
  input: unknown;
}
export const act = defineSignal<[ActionRequest]>('act');

/** What became of a request: still running, done with the action's result, or refused and why. */
export type ActionOutcome<R> =
  | { state: 'running' }
  | { state: 'done'; value: R }
  /** `refusal`: by name, to be said in the reader's language (runs before it wrote only `message`). */
  | { state: 'refused'; message: string; refusal?: Refused };
/** A request's outcome once carried out or refused: what the workflow records for the API. */
export type FinalOutcome<R = unknown> = Exclude<ActionOutcome<R>, { state: 'running' }>;
/** The outcome of the request of that id, or null when this workflow has not received it. */
export const getActionOutcome = defineQuery<ActionOutcome<unknown> | null, [string]>(
  'getActionOutcome',
);

/** Parent → step: stop, the case is withdrawn or cannot continue. */
export const cancelStep = defineSignal<[Refusal]>('cancelStep');
/** Parent → step: the earlier agency corrected its record; send the request again. */
export const resendStep = defineSignal('resendStep');
/** Parent → step: the earlier agency's record stands as it is; refuse the returned step. */
export const closeReturnedStep = defineSignal<[Refusal]>('closeReturnedStep');
/** Step → parent: the step changed. */
export const stepChanged = defineSignal<[StepView]>('stepChanged');

/**
 * API → case → its running steps: an official notice changed the working calendar; pending deadlines
 * move, finished steps keep theirs. Ignored unless its calendar's revision is newer than the case's.
 */
export const calendarChanged = defineSignal<[CalendarChange]>('calendarChanged');
