// A person's action on a workflow (workflows/action-requests.ts): written down as sent, then sent as
// the `act` signal naming the request; the workflow writes its outcome over it in our PostgreSQL,
// where it is read until known. A request with an Idempotency-Key is named after the key
// (RouteContext.requestId), so a retry — even after the API died before keeping its reply — finds the
// first request, answered or still on its way, instead of acting twice or being refused because the
// first one already changed what the route checks.
//
// The API does not query a running workflow (workflows/action-requests.ts: such a query, answered by
// a worker without the run in its cache, can leave the run's next workflow task impossible to
// replay). Only a run started before patch `recorded-outcomes`, which writes no outcomes, is still
// asked by query; whether it is one its own search attribute says (the patches it took), from the
// server, not a worker.
import { randomUUID } from 'node:crypto';
import {
  defineSearchAttributeKey,
  SearchAttributeType,
  type UpdateDefinition,
} from '@temporalio/common';
import {
  QueryNotRegisteredError,
  WorkflowNotFoundError,
  type WorkflowHandle,
} from '@temporalio/client';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '../db/pool';
import { recordSentRequest } from '../db/action-outcomes.repository';
import { findActionOutcome } from '../db/queries/action-outcomes.queries';
import { filedThroughOutbox } from '../db/queries/case-starts.queries';
import { ApiError } from '../domain/errors';
import { refusalWords, type Refused } from '../domain/procedures/refusals';
import { RECORDED_OUTCOMES_PATCH } from '../workflows/action-requests';
import {
  act,
  getActionOutcome,
  type ActionOutcome,
  type FinalOutcome,
} from '../workflows/messages';
import { HttpProblem } from './problem';

/** How long a request waits for its outcome before the caller is told to ask again. */
const OUTCOME_WAIT_MS = 30_000;
/** The first pause between looking for the outcome, doubled each time up to the last. */
const FIRST_PAUSE_MS = 10;
const LONGEST_PAUSE_MS = 250;

/**
 * Asks `handle`'s workflow to take `action` and answers its result; refused → 422. A workflow that
 * has ended hears nothing: `closed` then answers (an earlier outcome of this request, or a refusal).
 */
export async function requestAction<R, A>(
  db: Db,
  handle: WorkflowHandle,
  action: UpdateDefinition<R, [A]>,
  input: A,
  requestId: string = randomUUID(),
  closed?: () => Promise<R>,
): Promise<R> {
  const request = { requestId, action: action.name, input };
  await recordSentRequest(db, handle.workflowId, request);
  try {
    await handle.signal(act, request);
  } catch (error) {
    if (closed && error instanceof WorkflowNotFoundError) return closed();
    throw error;
  }
  return outcomeOf<R>(db, handle, requestId);
}

/**
 * The route's own checks refuse the request. If this request (its key) already acted on one of
 * `handles`, only the reply was lost: the earlier outcome is the answer. Otherwise 422.
 */
export async function earlierOutcomeOrRefuse<R>(
  db: Db,
  handles: readonly WorkflowHandle[],
  requestId: string | undefined,
  refusal: Refused,
): Promise<R> {
  if (requestId !== undefined) {
    const recorded = await findActionOutcome(
      db,
      handles.map((h) => h.workflowId),
      requestId,
    );
    if (recorded && recorded.state !== 'sent') return answer<R>(recorded);
    const sentTo = recorded && handles.find((h) => h.workflowId === recorded.workflowId);
    if (recorded && sentTo) {
      // Sent and not answered yet: on its way — or, should the API have died before signalling,
      // sent now (the workflow acts on a request once). A workflow that has ended refuses it.
      try {
        await sentTo.signal(act, recorded.request);
        return await outcomeOf<R>(db, sentTo, requestId);
      } catch (error) {
        if (!(error instanceof WorkflowNotFoundError)) throw error;
      }
    }
    for (const handle of handles) {
      if (!(await predatesRecordedOutcomes(db, handle))) continue;
      const earlier = await ask(handle, requestId);
      if (earlier) return outcomeOf<R>(db, handle, requestId, earlier);
    }
  }
  throw new HttpProblem(ApiError.UNPROCESSABLE, refusalWords(refusal));
}

/** Waits for the outcome of a request the workflow received (`known`: as last asked); refused → 422. */
async function outcomeOf<R>(
  db: Db,
  handle: WorkflowHandle,
  requestId: string,
  known: ActionOutcome<unknown> | null = null,
): Promise<R> {
  const until = Date.now() + OUTCOME_WAIT_MS;
  let legacy: Promise<boolean> | undefined;
  const look = async () => {
    const recorded = await findActionOutcome(db, [handle.workflowId], requestId);
    if (recorded && recorded.state !== 'sent') return recorded;
    return (await (legacy ??= predatesRecordedOutcomes(db, handle)))
      ? ask(handle, requestId)
      : null;
  };
  let outcome = known ?? (await look());
  for (let pause = FIRST_PAUSE_MS; ; pause = Math.min(pause * 2, LONGEST_PAUSE_MS)) {
    if (outcome && outcome.state !== 'running') return answer<R>(outcome);
    if (Date.now() > until) {
      throw new HttpProblem(
        ApiError.UNAVAILABLE,
        {
          vi: 'yêu cầu đã được nhận và đang được thực hiện; gửi lại với cùng Idempotency-Key để biết kết quả',
          en: 'the request was received and is still being carried out; send it again with the same Idempotency-Key for its outcome',
        },
        {},
        { 'Retry-After': '5' },
      );
    }
    await sleep(pause);
    outcome = await look();
  }
}

function answer<R>(outcome: FinalOutcome): R {
  if (outcome.state === 'refused')
    throw new HttpProblem(
      ApiError.UNPROCESSABLE,
      // A run from before refusals were named wrote its English words only.
      outcome.refusal
        ? refusalWords(outcome.refusal)
        : { vi: outcome.message, en: outcome.message },
    );
  return outcome.value as R;
}

/** The patches a run took, as the SDK records them in its search attributes. */
const CHANGE_VERSION = defineSearchAttributeKey(
  'TemporalChangeVersion',
  SearchAttributeType.KEYWORD_LIST,
);

/**
 * Whether the run began before patch `recorded-outcomes`: its outcomes are only in its memory. A case
 * filed through the filing outbox (migration 0025) began long after it, though the patch's search
 * attribute comes only with its first workflow task — which a withdrawal sent right after filing can
 * precede.
 */
async function predatesRecordedOutcomes(db: Db, handle: WorkflowHandle): Promise<boolean> {
  if (await filedThroughOutbox(db, handle.workflowId)) return false;
  try {
    const { typedSearchAttributes } = await handle.describe();
    return !(typedSearchAttributes.get(CHANGE_VERSION) ?? []).includes(RECORDED_OUTCOMES_PATCH);
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
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
