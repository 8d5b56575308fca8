// Reads of the documents a case hands out (migration 0022): its list, one PDF, and what a
// verification code stands for.
import type { Db } from '../pool';

export interface DocumentRow {
  document_id: string;
  case_id: string;
  step: string | null;
  kind: string;
  issuer: string;
  number: string;
  template: string;
  verify_code: string;
  state: 'pending' | 'issued' | 'failed';
  issued_at: string | null;
  sha256: string | null;
  revoked_at: string | null;
  revoked_reason: string | null;
  superseded_at: string | null;
}

const COLUMNS = `document_id, case_id, step, kind, issuer, number, template, verify_code, state,
                 issued_at, sha256, revoked_at, revoked_reason, superseded_at`;

/** A case's documents, the receipt first, then in the order they were asked for. */
export async function caseDocuments(db: Db, caseId: string): Promise<DocumentRow[]> {
  const { rows } = await db.query<DocumentRow>(
    `SELECT ${COLUMNS} FROM documents WHERE case_id = $1
      ORDER BY step IS NOT NULL, requested_at, kind, issue`,
    [caseId],
  );
  return rows;
}

/** One issued document's bytes, if it is the case's. */
export async function documentPdf(
  db: Db,
  caseId: string,
  documentId: string,
): Promise<{ pdf: Buffer; number: string; kind: string } | undefined> {
  const { rows } = await db.query<{ pdf: Buffer; number: string; kind: string }>(
    `SELECT pdf, number, kind FROM documents
      WHERE case_id = $1 AND document_id = $2 AND state = 'issued'`,
    [caseId, documentId],
  );
  return rows[0];
}

/** What a verification code stands for (issued documents only). */
export async function documentByCode(
  db: Db,
  code: string,
): Promise<(DocumentRow & { commune: string | null }) | undefined> {
  const { rows } = await db.query<DocumentRow & { commune: string | null }>(
    `SELECT ${COLUMNS}, (SELECT commune FROM cases c WHERE c.case_id = d.case_id) AS commune
       FROM documents d WHERE verify_code = $1 AND state = 'issued'`,
    [code],
  );
  return rows[0];
}
