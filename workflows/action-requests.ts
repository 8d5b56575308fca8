// What a person does to a case or step (an officer's decision, a supplement, a withdrawal, a payee's
// confirmation) arrives as the `act` signal naming the request, and its outcome is written to our
// PostgreSQL, where the API reads it. Not as a workflow update: Temporal's SDK (TS 1.24) can record an
// update accepted in a workflow task that also carried signals in an order its own replay does not
// reproduce (temporalio/sdk-rust#943 and #1146; a chaos run found it), and such a case is stuck on
// every worker that has to replay it. Signals are ordered by the history alone. The update
// definitions only name the actions and type their input and result.
//
// Nor read back with a query, as it was before patch `recorded-outcomes`: a query answered by a
// worker that does not hold the run in its cache replays the history to its end, signals not yet in
// a workflow task included, and keeps the run so; the next workflow task then hears the rest of its
// signals alone, in an activation of their own, and the commands it gives cannot be replayed (the
// SDK replays them in one activation). A chaos run stranded a death case that way — a worker killed,
// the case's next task waiting on its dead sticky queue, a relative's query between two signals;
// test/workflows/query-splits-signals.test.ts shows the SDK doing it. The API no longer queries a
// running workflow (CHANGELOG, "the API no longer queries running workflows"); the
// `getActionOutcome` query stays for runs started before the patch.
import type { UpdateDefinition } from '@temporalio/common';
import {
  ApplicationFailure,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { ProcedureError } from '../domain/errors';
import { isRefused, refusalWords, type Refused } from '../domain/procedures/refusals';
import { ACTIVITY_OPTIONS } from './activity-options';
import {
  act,
  getActionOutcome,
  type ActionOutcome,
  type ActionRequest,
  type FinalOutcome,
} from './messages';
import { bestEffort } from './outcomes';

/** Patch: each request's outcome is also written to the read model (action_outcomes). */
export const RECORDED_OUTCOMES_PATCH = 'recorded-outcomes';

const { recordActionOutcome } = proxyActivities<Pick<Activities, 'recordActionOutcome'>>(
  ACTIVITY_OPTIONS.database,
);

/** Outcomes kept for a retried request to find (the newest ones; a retry comes within minutes). */
const KEPT_OUTCOMES = 100;

/**
 * What a validator throws when the case or step does not allow the request now: its outcome, named
 * in the refusals' catalogue (the API says it in the caller's language; the message is its English).
 */
export const refuse = (refused: Refused) =>
  ApplicationFailure.create({
    type: ProcedureError.STEP_NOT_ALLOWED,
    message: refusalWords(refused).en,
    details: [refused],
    nonRetryable: true,
  });

interface Action {
  validate: (input: never) => void;
  run: (input: never) => unknown;
}

export class ActionRequests {
  private readonly handlers = new Map<string, Action>();
  private readonly outcomes = new Map<string, ActionOutcome<unknown>>();
  /** Whether this run writes its outcomes for the API (asked once, as the workflow starts). */
  private readonly recorded = patched(RECORDED_OUTCOMES_PATCH);

  /**
   * `shown`: projects what a request changed before its outcome is written, for an owner whose
   * requests change what the read model shows without waiting for the next projection (a case:
   * a withdrawal is refiled at once, against the case's projected status).
   */
  constructor(private readonly shown?: () => Promise<void>) {}

  /**
   * Hears requests from now on: called by the owner once it has said, with `on`, which actions it
   * takes. A request that came before — the workflow's first task can carry a withdrawal sent the
   * moment the filing was answered — is delivered here, and finds its action. (Until the filing
   * outbox no request could arrive before a run's first task had ended, so no recorded history has
   * one: listening later changes no run's replay.)
   */
  listen(): void {
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
    const known = this.outcomes.get(requestId);
    if (known) {
      // A request heard before: running, it writes its outcome when done; done, the API sent it
      // again not finding its outcome written (it died meanwhile): written again, changing nothing.
      if (known.state !== 'running') await this.record(requestId, known);
      return;
    }
    this.keep(requestId, { state: 'running' });
    let outcome: FinalOutcome;
    try {
      const handler = this.handlers.get(action);
      if (!handler) throw ApplicationFailure.nonRetryable(`no action '${action}' here`);
      handler.validate(input as never);
      outcome = { state: 'done', value: await handler.run(input as never) };
    } catch (error) {
      // A refusal is the outcome; anything else is a defect: fail the workflow task, as elsewhere.
      if (!(error instanceof ApplicationFailure)) throw error;
      const [refused] = error.details ?? [];
      outcome = {
        state: 'refused',
        message: error.message,
        ...(isRefused(refused) && { refusal: refused }),
      };
    }
    this.keep(requestId, outcome);
    if (this.recorded && outcome.state === 'done') await this.shown?.();
    await this.record(requestId, outcome);
  }

  /** Writes the outcome for the API (runs from before patch recorded-outcomes do not). */
  private async record(requestId: string, outcome: FinalOutcome): Promise<void> {
    if (!this.recorded) return;
    await bestEffort(() =>
      recordActionOutcome({ workflowId: workflowInfo().workflowId, requestId, outcome }),
    );
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
