// The audit log: appended to by the API for every action and every read of personal data; the chain
// of hashes is extended by the database itself (migration 0004), so no writer can forge it.
import { z } from 'zod';
import type { Db } from './pool';

export interface AuditEntry {
  actor: string;
  role: string;
  action: string;
  caseId?: string | undefined;
  requestId?: string | undefined;
  outcome: number;
}

export async function appendAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (actor, role, action, case_id, request_id, outcome, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, '', '')`,
    [
      entry.actor,
      entry.role,
      entry.action,
      entry.caseId ?? null,
      entry.requestId ?? null,
      entry.outcome,
    ],
  );
}

/** Recomputes the chain in order; the first row whose hash or link does not match, if any. */
export async function verifyAuditChain(db: Db): Promise<{ rows: number; firstBroken?: number }> {
  const { rows } = await db.query<{
    seq: string;
    prev_hash: string;
    hash: string;
    expected: string;
  }>(
    `SELECT seq, prev_hash, hash, encode(sha256(convert_to(audit_row_text(a), 'UTF8')), 'hex') AS expected
       FROM audit_log a ORDER BY seq`,
  );
  let previous = 'genesis';
  for (const row of rows) {
    if (row.prev_hash !== previous || row.hash !== row.expected) {
      return { rows: rows.length, firstBroken: Number(row.seq) };
    }
    previous = row.hash;
  }
  return { rows: rows.length };
}

export const AuditRow = z.object({
  seq: z.coerce.number(),
  at: z.string(),
  actor: z.string(),
  role: z.string(),
  action: z.string(),
  case_id: z.string().nullable(),
  request_id: z.string().nullable(),
  outcome: z.number(),
});
