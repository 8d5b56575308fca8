// Workflow updates that a retried request must not make twice. A request with an Idempotency-Key
// names its update after the key (RouteContext.updateId): Temporal answers an update id it has seen
// with the first update's outcome, and once the step or case has moved on — so the route's own
// checks would refuse the retry — the outcome is read back from the update itself.
import { isGrpcServiceError, WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';

/** gRPC's NOT_FOUND: the server has no update of that id on this workflow run. */
const NOT_FOUND = 5;

/** `executeUpdate` options naming the update after the request, when it has a key. */
export const updateOptions = <A>(args: A, updateId: string | undefined) => ({
  args,
  ...(updateId !== undefined && { updateId }),
});

/** The outcome of the update this request already made on one of `handles`, if it made one. */
export async function earlierOutcome<R>(
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
