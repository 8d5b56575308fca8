// What the API records when it files a case (migration 0021): the case's code (domain/case-code.ts)
// and the facts of its desk receipt (domain/receipt.ts).
import { formatCaseCode, type CaseCodeSeries } from '../domain/case-code';
import type { ReceiptFacts } from '../domain/receipt';
import type { Db } from './pool';

/**
 * The code of `caseId`: the one it was given, or the next of `series`. In one transaction, so a
 * number is used once or not at all: two filings of the same case id at once give it one code.
 */
export async function assignCaseCode(
  db: Db,
  caseId: string,
  series: CaseCodeSeries,
): Promise<string> {
  const given = await codeOf(db, caseId);
  if (given) return given;
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ last: number }>(
      `INSERT INTO case_code_counters (prefix, commune, period, last) VALUES ($1, $2, $3, 1)
       ON CONFLICT (prefix, commune, period) DO UPDATE SET last = case_code_counters.last + 1
       RETURNING last`,
      [series.prefix, series.commune, series.period],
    );
    const code = formatCaseCode(series, rows[0]?.last ?? 1);
    const inserted = await client.query(
      'INSERT INTO case_codes (case_id, code) VALUES ($1, $2) ON CONFLICT (case_id) DO NOTHING',
      [caseId, code],
    );
    // Given meanwhile by a concurrent filing: its code stands, this number is not used.
    await client.query(inserted.rowCount === 1 ? 'COMMIT' : 'ROLLBACK');
    return inserted.rowCount === 1 ? code : ((await codeOf(db, caseId)) ?? code);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function codeOf(db: Db, caseId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ code: string }>(
    'SELECT code FROM case_codes WHERE case_id = $1',
    [caseId],
  );
  return rows[0]?.code;
}

/** Keeps a filing's receipt facts; the first filing's stand (a retried filing changes nothing). */
export async function recordReceipt(db: Db, caseId: string, facts: ReceiptFacts): Promise<void> {
  await db.query(
    'INSERT INTO filing_receipts (case_id, facts) VALUES ($1, $2) ON CONFLICT (case_id) DO NOTHING',
    [caseId, JSON.stringify(facts)],
  );
}
