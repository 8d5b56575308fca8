// A person's action on a workflow (workflows/action-requests.ts): sent as the `act` signal naming the
// request, then its outcome asked for until it is known. A request with an Idempotency-Key is named
// after the key (RouteContext.requestId), so a retry — even after the API died before keeping its
// reply — finds the first request's outcome instead of acting twice.
import { randomUUID } from 'node:crypto';
import type { UpdateDefinition } from '@temporalio/common';
import {
  QueryNotRegisteredError,
  WorkflowNotFoundError,
  type WorkflowHandle,
} from '@temporalio/client';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError } from '../domain/errors';
import { act, getActionOutcome, type ActionOutcome } from '../workflows/messages';
import { HttpProblem } from './problem';

/** How long a request waits for its outcome before the caller is told to ask again. */
const OUTCOME_WAIT_MS = 30_000;
/** The first pause between asking for the outcome, doubled each time up to the last. */
const FIRST_PAUSE_MS = 10;
const LONGEST_PAUSE_MS = 250;

/** Asks `handle`'s workflow to take `action` and answers its result; refused → 422. */
export async function requestAction<R, A>(
  handle: WorkflowHandle,
  action: UpdateDefinition<R, [A]>,
  input: A,
  requestId: string = randomUUID(),
): Promise<R> {
  await handle.signal(act, { requestId, action: action.name, input });
  return outcomeOf<R>(handle, requestId);
}

/**
 * The route's own checks refuse the request. If this request (its key) already acted on one of
 * `handles`, only the reply was lost: the earlier outcome is the answer. Otherwise 422.
 */
export async function earlierOutcomeOrRefuse<R>(
  handles: readonly WorkflowHandle[],
  requestId: string | undefined,
  refusal: string,
): Promise<R> {
  if (requestId !== undefined) {
    for (const handle of handles) {
      const earlier = await ask(handle, requestId);
      if (earlier) return outcomeOf<R>(handle, requestId, earlier);
    }
  }
  throw new HttpProblem(ApiError.UNPROCESSABLE, refusal);
}

/** Waits for the outcome of a request the workflow received (`known`: as last asked); refused → 422. */
async function outcomeOf<R>(
  handle: WorkflowHandle,
  requestId: string,
  known: ActionOutcome<unknown> | null = null,
): Promise<R> {
  const until = Date.now() + OUTCOME_WAIT_MS;
  let outcome = known ?? (await ask(handle, requestId));
  for (let pause = FIRST_PAUSE_MS; ; pause = Math.min(pause * 2, LONGEST_PAUSE_MS)) {
    if (outcome?.state === 'refused')
      throw new HttpProblem(ApiError.UNPROCESSABLE, outcome.message);
    if (outcome?.state === 'done') return outcome.value as R;
    if (Date.now() > until) {
      throw new HttpProblem(
        ApiError.UNAVAILABLE,
        'the request was received and is still being carried out; send it again with the same Idempotency-Key for its outcome',
        {},
        { 'Retry-After': '5' },
      );
    }
    await sleep(pause);
    outcome = await ask(handle, requestId);
  }
}

/** The workflow's outcome of the request; null when it has none (or no such workflow or query). */
async function ask(
  handle: WorkflowHandle,
  requestId: string,
): Promise<ActionOutcome<unknown> | null> {
  try {
    return await handle.query(getActionOutcome, requestId);
  } catch (error) {
    // A workflow that has ended from before requests came as signals has no such query.
    if (error instanceof WorkflowNotFoundError || error instanceof QueryNotRegisteredError)
      return null;
    throw error;
  }
}
