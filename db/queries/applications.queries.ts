// The application as filed (migration 0022): what a document prints (documents/issuer.ts) and the
// whole dossier an officer decides on (GET /v1/cases/{caseId}/application).
import type { Queryable } from '../pool';

/** The application as filed; undefined for a case filed before filings were kept. */
export async function filedApplication(db: Queryable, caseId: string): Promise<unknown> {
  const { rows } = await db.query<{ application: unknown }>(
    'SELECT application FROM filed_applications WHERE case_id = $1',
    [caseId],
  );
  return rows[0]?.application;
}
