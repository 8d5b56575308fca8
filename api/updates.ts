// Workflow updates that a retried request must not make twice. A request with an Idempotency-Key
// names its update after the key (RouteContext.updateId): Temporal answers an update id it has seen
// with the first update's outcome, and once the step or case has moved on — so the route's own
// checks would refuse the retry — the outcome is read back from the update itself.
import { isGrpcServiceError, WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import { ApiError } from '../domain/errors';
import { HttpProblem } from './problem';

/** gRPC's NOT_FOUND: the server has no update of that id on this workflow run. */
const NOT_FOUND = 5;

/** `executeUpdate` options naming the update after the request, when it has a key. */
export const updateOptions = <A>(args: A, updateId: string | undefined) => ({
  args,
  ...(updateId !== undefined && { updateId }),
});

/**
 * The route's own checks refuse the request. If this request (its key) already made its update on
 * one of `handles`, only the reply was lost: the update's outcome is the answer. Otherwise 422.
 */
export async function earlierOutcomeOrRefuse<R>(
  handles: readonly WorkflowHandle[],
  updateId: string | undefined,
  refusal: string,
): Promise<R> {
  const earlier = await earlierOutcome<R>(handles, updateId);
  if (earlier === undefined) throw new HttpProblem(ApiError.UNPROCESSABLE, refusal);
  return earlier;
}

/** The outcome of the update this request already made on one of `handles`, if it made one. */
async function earlierOutcome<R>(
  handles: readonly WorkflowHandle[],
  updateId: string | undefined,
): Promise<R | undefined> {
  if (updateId === undefined) return undefined;
  for (const handle of handles) {
    try {
      return await handle.getUpdateHandle<R>(updateId).result();
    } catch (error) {
      const notFound =
        error instanceof WorkflowNotFoundError ||
        (isGrpcServiceError(error) && Number(error.code) === NOT_FOUND) ||
        (error instanceof Error &&
          isGrpcServiceError(error.cause) &&
          Number(error.cause.code) === NOT_FOUND);
      if (!notFound) throw error;
    }
  }
  return undefined;
}
