// Reads for the API. The API may import db/queries and db/pool, never the repositories that write.
import { z } from 'zod';
import type { Db } from '../pool';

export const SelfCheckRow = z.object({
  check_id: z.uuid(),
  workflow_id: z.string(),
  requested_by: z.string(),
  requested_at: z.iso.datetime({ offset: true }),
  recorded_at: z.iso.datetime({ offset: true }),
});
export type SelfCheckRow = z.infer<typeof SelfCheckRow>;

export async function findSelfCheck(db: Db, checkId: string): Promise<SelfCheckRow | undefined> {
  const { rows } = await db.query('SELECT * FROM self_checks WHERE check_id = $1', [checkId]);
  return rows[0] === undefined ? undefined : SelfCheckRow.parse(rows[0]);
}
