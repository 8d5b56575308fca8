// What the API records when it files a case (migrations 0021, 0022): the case's code
// (domain/case-code.ts), the facts of its desk receipt (domain/receipt.ts) and the application as
// filed (what the documents of its steps print); and the receipt once it is printed.
import type { BirthApplication } from '../domain/BirthApplication';
import type { CaseCodeSeries } from '../domain/case-code';
import { peopleOf } from '../domain/case-people';
import type { DeathApplication } from '../domain/DeathApplication';
import { DocumentKind, RECEIPT_TEMPLATE } from '../domain/documents';
import type { ReceiptFacts } from '../domain/receipt';
import type { Db, Queryable } from './pool';

/**
 * The code of `caseId`: the one it was given, or the next of `series` (migration 0033: in one call,
 * so the series' counter is locked only while the server runs it; a number is used once or not at
 * all, and two filings of the same case id at once give it one code).
 */
export async function assignCaseCode(
  db: Db,
  caseId: string,
  series: CaseCodeSeries,
): Promise<string> {
  const { rows } = await db.query<{ code: string }>(
    'SELECT assign_case_code($1, $2, $3, $4) AS code',
    [caseId, series.prefix, series.commune, series.period],
  );
  const code = rows[0]?.code;
  if (code === undefined) throw new Error(`no case code given to ${caseId}`);
  return code;
}

/**
 * Keeps a filing's receipt facts, its application and the people it names (to find it by), together;
 * the first filing's stand (a retried filing changes nothing).
 */
export async function recordFiling(
  db: Queryable,
  caseId: string,
  facts: ReceiptFacts,
  application: BirthApplication | DeathApplication,
): Promise<void> {
  const people = peopleOf(application);
  await db.query(
    `WITH receipt AS (
       INSERT INTO filing_receipts (case_id, facts) VALUES ($1, $2) ON CONFLICT (case_id) DO NOTHING
     ), people AS (
       INSERT INTO case_people (case_id, position, role, full_name, pin)
       SELECT $1, n - 1, role, full_name, pin
         FROM unnest($4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS p(role, full_name, pin, n)
       ON CONFLICT (case_id, position) DO NOTHING
     )
     INSERT INTO filed_applications (case_id, application) VALUES ($1, $3)
     ON CONFLICT (case_id) DO NOTHING`,
    [
      caseId,
      JSON.stringify(facts),
      JSON.stringify(application),
      people.map((p) => p.role),
      people.map((p) => p.fullName),
      people.map((p) => p.pin ?? null),
    ],
  );
}

export interface StoredReceipt {
  pdf: Buffer;
  verifyCode: string;
}

/**
 * Keeps the receipt as first printed, so every later print and its verification (the SHA-256 the
 * verification page states) are of the same bytes: `render` is called with a new verification code
 * only when none is kept; two first prints at once keep one, and both get it.
 */
export async function keepReceipt(
  db: Db,
  receipt: { caseId: string; caseCode: string; issuer: string; verifyCode: string },
  render: () => Promise<Uint8Array>,
): Promise<StoredReceipt> {
  const kept = await storedReceipt(db, receipt.caseId);
  if (kept) return kept;
  const pdf = Buffer.from(await render());
  await db.query(
    `INSERT INTO documents (case_id, kind, issuer, number, template, verify_code, state, pdf,
                            sha256, issued_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'issued', $7, encode(sha256($7), 'hex'), now())
     ON CONFLICT (case_id, kind, issue) DO NOTHING`,
    [
      receipt.caseId,
      DocumentKind.receipt,
      receipt.issuer,
      receipt.caseCode,
      RECEIPT_TEMPLATE,
      receipt.verifyCode,
      pdf,
    ],
  );
  return (await storedReceipt(db, receipt.caseId)) ?? { pdf, verifyCode: receipt.verifyCode };
}

async function storedReceipt(db: Db, caseId: string): Promise<StoredReceipt | undefined> {
  const { rows } = await db.query<{ pdf: Buffer; verify_code: string }>(
    `SELECT pdf, verify_code FROM documents WHERE case_id = $1 AND kind = $2`,
    [caseId, DocumentKind.receipt],
  );
  const row = rows[0];
  return row && { pdf: row.pdf, verifyCode: row.verify_code };
}
