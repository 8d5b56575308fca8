// Writes PostgreSQL refused for good (migration 0009): one row per target, counted, so a refusal is
// seen by operators instead of being retried without end.
import type { Db } from './pool';
import { describeRefusal, type Refusal } from './pg-errors';

export const RefusedWrite = {
  projectCase: 'projectCase',
  projectStep: 'projectStep',
  recordActionOutcome: 'recordActionOutcome',
  audit: 'audit',
} as const;
export type RefusedWrite = (typeof RefusedWrite)[keyof typeof RefusedWrite];

export interface RefusedTarget {
  kind: RefusedWrite;
  /** The projected workflow's id, or the API operation of an audit row. */
  target: string;
  caseId?: string | undefined;
  procedure?: string | undefined;
  commune?: string | undefined;
  version?: number | undefined;
}

/** Records (or counts again) a refusal; the message holds codes and schema names, no values. */
export async function recordRefusal(
  db: Db,
  refused: RefusedTarget,
  refusal: Refusal,
): Promise<void> {
  await db.query(
    `INSERT INTO write_refusals (kind, target, case_id, procedure, commune, version, sqlstate, message)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (kind, target) DO UPDATE
       SET count = write_refusals.count + 1, last_seen = now(), sqlstate = EXCLUDED.sqlstate,
           message = EXCLUDED.message,
           version = greatest(write_refusals.version, EXCLUDED.version),
           commune = coalesce(EXCLUDED.commune, write_refusals.commune)`,
    [
      refused.kind,
      refused.target,
      refused.caseId ?? null,
      refused.procedure ?? null,
      refused.commune ?? null,
      refused.version ?? null,
      refusal.sqlstate,
      describeRefusal(refusal),
    ],
  );
}
