// Two rules every workflow here follows (STYLE rule 20a): a machine's actions run through a handler
// table the compiler completes, and a call that fails for good becomes the machine's next event with a
// reason — never an unhandled rejection that fails the workflow task and strands the case.
import {
  ActivityFailure,
  ApplicationFailure,
  CancelledFailure,
  ChildWorkflowFailure,
  isCancellation,
  log,
  TerminatedFailure,
  TimeoutFailure,
} from '@temporalio/workflow';
import type { Refusal } from '../domain/procedures/agency-step.machine';
import { ReasonCode } from '../domain/procedures/reasons';

/** One handler per action a machine declares; `satisfies ActionHandlers<A>` flags a missing one. */
export type ActionHandlers<A extends string> = Record<A, (params: never) => Promise<void> | void>;

/** A machine's action descriptor as transition() returns it. */
export interface ActionDescriptor {
  type: string;
  params?: unknown;
}

/** Runs the queued actions in order, each through its handler (the table covers every name). */
export async function runActions<A extends string>(
  queue: ActionDescriptor[],
  handlers: ActionHandlers<A>,
): Promise<void> {
  while (queue.length > 0) {
    const action = queue.shift() as ActionDescriptor;
    const handler = (
      handlers as unknown as Record<string, ((params: unknown) => Promise<void> | void) | undefined>
    )[action.type];
    // Unreachable while the table is typed against the machine's actions; fail the task loudly.
    if (!handler) throw new TypeError(`no handler for the action '${action.type}'`);
    await handler(action.params);
  }
}

/** Why a call failed for good, as a reason code and the words of whoever failed it. */
export function refusalOf(error: unknown): Refusal {
  const cause =
    error instanceof ActivityFailure || error instanceof ChildWorkflowFailure
      ? (error.cause ?? error)
      : error;
  if (cause instanceof ApplicationFailure)
    return { code: cause.type ?? ReasonCode.STEP_FAILED, reason: cause.message };
  if (cause instanceof TimeoutFailure)
    return { code: ReasonCode.STEP_TIMED_OUT, reason: cause.message };
  if (cause instanceof CancelledFailure || cause instanceof TerminatedFailure)
    return { code: ReasonCode.STEP_CANCELLED, reason: cause.message };
  return {
    code: ReasonCode.STEP_FAILED,
    reason: cause instanceof Error ? cause.message : String(cause),
  };
}

/**
 * Runs `call`; when it fails for good, `onFailure` says what that means instead. A cancellation of
 * this workflow itself is not a failure of the call: it goes on up, and the workflow ends cancelled.
 */
export async function orElse<T>(
  call: () => Promise<T>,
  onFailure: (refusal: Refusal) => T | Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isCancellation(error) && !(error instanceof ChildWorkflowFailure)) throw error;
    const refusal = refusalOf(error);
    log.warn('a call failed for good', { code: refusal.code });
    return onFailure(refusal);
  }
}

/** A call whose failure changes nothing that happens next (a notification): noted, then passed over. */
export const bestEffort = (call: () => Promise<unknown>): Promise<void> =>
  orElse(
    async () => void (await call()),
    () => undefined,
  );
