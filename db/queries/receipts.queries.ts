// A filing's receipt facts (migration 0021, domain/receipt.ts), for the receipt PDF.
import type { ReceiptFacts } from '../../domain/receipt';
import type { Db } from '../pool';

export async function findReceipt(db: Db, caseId: string): Promise<ReceiptFacts | undefined> {
  const { rows } = await db.query<{ facts: ReceiptFacts }>(
    'SELECT facts FROM filing_receipts WHERE case_id = $1',
    [caseId],
  );
  return rows[0]?.facts;
}
