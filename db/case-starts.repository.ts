// The filing outbox (migration 0025): a case is filed by one transaction — its start, its receipt,
// application and people (db/filings.repository.ts), its first read-model row — and its workflow is
// started from the row afterwards (api/case-starts.ts), as often as it takes.
import { z } from 'zod';
import type { BirthApplication } from '../domain/BirthApplication';
import { readModelKeys } from '../domain/case-people';
import type { DeathApplication } from '../domain/DeathApplication';
import type { CaseView } from '../domain/procedures/views';
import type { ReceiptFacts } from '../domain/receipt';
import { recordFiling } from './filings.repository';
import { inTransaction, type Db } from './pool';
import { upsertCase } from './read-model.repository';

/** A case whose workflow is still to be started: what starting it takes. */
export const PendingStart = z.object({
  case_id: z.string(),
  filing_id: z.string(),
  workflow_type: z.string(),
  input: z.unknown(),
  attempts: z.number().int(),
});
export type PendingStart = z.infer<typeof PendingStart>;

export interface Filing extends PendingStart {
  requestId: string | undefined;
  application: BirthApplication | DeathApplication;
  receipt: ReceiptFacts;
  /** The case's first view (version 0): readable as soon as the filing is answered. */
  view: CaseView;
  /** Until then the relay leaves the start to the API that filed it. */
  leaseMs: number;
}

/**
 * Files the case, or — when its case id is filed already — answers which request filed it (its
 * Idempotency-Key; null without one), for the caller to tell a retry from a duplicate.
 */
export async function fileCase(
  db: Db,
  filing: Filing,
): Promise<{ filed: true } | { filed: false; requestId: string | null }> {
  const filed = await inTransaction(db, async (client) => {
    const { rowCount } = await client.query(
      `INSERT INTO case_starts (case_id, filing_id, request_id, workflow_type, input, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, now() + $6 * interval '1 millisecond')
       ON CONFLICT (case_id) DO NOTHING`,
      [
        filing.case_id,
        filing.filing_id,
        filing.requestId ?? null,
        filing.workflow_type,
        filing.input,
        filing.leaseMs,
      ],
    );
    if (rowCount !== 1) return false;
    await recordFiling(client, filing.case_id, filing.receipt, filing.application);
    await upsertCase(client, { view: filing.view, ...readModelKeys(filing.application) });
    return true;
  });
  if (filed) return { filed: true };
  const { rows } = await db.query<{ request_id: string | null }>(
    'SELECT request_id FROM case_starts WHERE case_id = $1',
    [filing.case_id],
  );
  return { filed: false, requestId: rows[0]?.request_id ?? null };
}

/**
 * Up to `limit` cases due to be started, each leased to the caller for `leaseMs` (another relay
 * skips it meanwhile; one that dies with it leaves it to the next after the lease).
 */
export async function claimPendingStarts(
  db: Db,
  limit: number,
  leaseMs: number,
): Promise<PendingStart[]> {
  const { rows } = await db.query(
    `UPDATE case_starts SET next_attempt_at = now() + $2 * interval '1 millisecond'
      WHERE case_id IN (SELECT case_id FROM case_starts
                         WHERE started_at IS NULL AND refused_at IS NULL AND next_attempt_at <= now()
                         ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
      RETURNING case_id, filing_id, workflow_type, input, attempts`,
    [limit, leaseMs],
  );
  return rows.map((row) => PendingStart.parse(row));
}

/** The case's start still to be made, if it is one (else undefined: started, refused or unknown). */
export async function pendingStart(db: Db, caseId: string): Promise<PendingStart | undefined> {
  const { rows } = await db.query(
    `SELECT case_id, filing_id, workflow_type, input, attempts FROM case_starts
      WHERE case_id = $1 AND started_at IS NULL AND refused_at IS NULL`,
    [caseId],
  );
  const [row] = rows as unknown[];
  return row === undefined ? undefined : PendingStart.parse(row);
}

/** The workflow runs: its input is no longer kept here. */
export async function markStarted(db: Db, caseId: string): Promise<void> {
  await db.query(
    `UPDATE case_starts SET started_at = now(), input = NULL, last_error = NULL
      WHERE case_id = $1 AND started_at IS NULL`,
    [caseId],
  );
}

/** Not started this time: tried again after a pause that grows with each attempt (at most 10 min). */
export async function postponeStart(db: Db, caseId: string, error: string): Promise<void> {
  await db.query(
    `UPDATE case_starts
        SET attempts = attempts + 1, last_error = left($2, 500),
            next_attempt_at = now() + least(power(2, attempts), 600) * interval '1 second'
      WHERE case_id = $1 AND started_at IS NULL AND refused_at IS NULL`,
    [caseId, error],
  );
}

/**
 * Temporal refused the start for good: the case ends — its read-model row says why (`view`, the
 * received view with its final status and reason, over any other version) — and may be filed again.
 */
export async function refuseStart(
  db: Db,
  caseId: string,
  error: string,
  view: (received: CaseView) => CaseView,
): Promise<void> {
  await inTransaction(db, async (client) => {
    const { rowCount } = await client.query(
      `UPDATE case_starts SET refused_at = now(), input = NULL, last_error = left($2, 500),
              attempts = attempts + 1
        WHERE case_id = $1 AND started_at IS NULL AND refused_at IS NULL`,
      [caseId, error],
    );
    if (rowCount !== 1) return;
    const { rows } = await client.query<{ view: CaseView }>(
      'SELECT view FROM cases WHERE case_id = $1 FOR UPDATE',
      [caseId],
    );
    const received = rows[0]?.view;
    if (!received) return;
    const ended = view(received);
    await client.query(
      `UPDATE cases SET status = $2, view = $3, version = $4, updated_at = now() WHERE case_id = $1`,
      [caseId, ended.status, ended, ended.version],
    );
  });
}
