// What a person does to a case or step (an officer's decision, a supplement, a withdrawal, a payee's
// confirmation) arrives as the `act` signal naming the request, and its outcome is read back with the
// `getActionOutcome` query. Not as a workflow update: Temporal's SDK (TS 1.24) can record an update
// accepted in a workflow task that also carried signals in an order its own replay does not reproduce
// (temporalio/sdk-rust#943 and #1146; a chaos run found it), and such a case is stuck on every worker
// that has to replay it. Signals are ordered by the history alone. The update definitions only name
// the actions and type their input and result.
import type { UpdateDefinition } from '@temporalio/common';
import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import { ProcedureError } from '../domain/errors';
import { act, getActionOutcome, type ActionOutcome, type ActionRequest } from './messages';

/** Outcomes kept for a retried request to find (the newest ones; a retry comes within minutes). */
const KEPT_OUTCOMES = 100;

/** What a validator throws when the case or step does not allow the request now: its outcome. */
export const refuse = (message: string) =>
  ApplicationFailure.create({ type: ProcedureError.STEP_NOT_ALLOWED, message, nonRetryable: true });

interface Action {
  validate: (input: never) => void;
  run: (input: never) => unknown;
}

export class ActionRequests {
  private readonly handlers = new Map<string, Action>();
  private readonly outcomes = new Map<string, ActionOutcome<unknown>>();

  constructor() {
    setHandler(act, (request) => this.receive(request));
    setHandler(getActionOutcome, (requestId) => this.outcomes.get(requestId) ?? null);
  }

  /** Accepts `action` as a signal-borne request. */
  on<R, A>(
    action: UpdateDefinition<R, [A]>,
    run: (input: A) => R | Promise<R>,
    validate: (input: A) => void,
  ): void {
    this.handlers.set(action.name, { validate, run });
  }

  /** Runs a request once: a repeated request id (a retry) is already running or done. */
  private async receive({ requestId, action, input }: ActionRequest): Promise<void> {
    if (this.outcomes.has(requestId)) return;
    this.keep(requestId, { state: 'running' });
    try {
      const handler = this.handlers.get(action);
      if (!handler) throw ApplicationFailure.nonRetryable(`no action '${action}' here`);
      handler.validate(input as never);
      this.keep(requestId, { state: 'done', value: await handler.run(input as never) });
    } catch (error) {
      // A refusal is the outcome; anything else is a defect: fail the workflow task, as elsewhere.
      if (!(error instanceof ApplicationFailure)) throw error;
      this.keep(requestId, { state: 'refused', message: error.message });
    }
  }

  private keep(requestId: string, outcome: ActionOutcome<unknown>): void {
    this.outcomes.delete(requestId);
    this.outcomes.set(requestId, outcome);
    for (const oldest of this.outcomes.keys()) {
      if (this.outcomes.size <= KEPT_OUTCOMES) break;
      this.outcomes.delete(oldest);
    }
  }
}
