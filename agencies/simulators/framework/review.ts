// Records an officer's decision on a registration or claim that waited for review (civil status,
// police, social protection).
import { z } from 'zod';

export const ReviewDecision = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve') }),
  z.object({ decision: z.literal('reject'), reason: z.string().min(1) }),
]);
export type ReviewDecision = z.infer<typeof ReviewDecision>;

/**
 * The UPDATE (and its parameters) recording `decision` on the row of `table` whose `keyColumn` is
 * `key`; `approveSet` is what approval sets besides the decision time (status and the record's number).
 */
export function decisionUpdate(
  table: string,
  approveSet: string,
  key: string,
  decision: ReviewDecision,
  keyColumn = 'registration_key',
): [string, unknown[]] {
  return decision.decision === 'approve'
    ? [
        `UPDATE ${table} SET ${approveSet}, decided_at = now() WHERE ${keyColumn} = $1 RETURNING *`,
        [key],
      ]
    : [
        `UPDATE ${table} SET status = 'rejected', reason = $2, decided_at = now()
          WHERE ${keyColumn} = $1 RETURNING *`,
        [key, decision.reason],
      ];
}
