import { AuditRow } from '../audit.repository';
import type { Db } from '../pool';

/** A case's audit trail, oldest first. */
export async function auditTrail(db: Db, caseId: string) {
  const { rows } = await db.query(
    `SELECT seq, at, actor, role, action, case_id, request_id, outcome, sha256
       FROM audit_log WHERE case_id = $1 ORDER BY seq LIMIT 1000`,
    [caseId],
  );
  return rows.map((row) => AuditRow.parse(row));
}
