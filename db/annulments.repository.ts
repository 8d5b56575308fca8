// Annulment requests (migration 0013): a court's ruling recorded by one officer, approved or rejected
// by another. Written by the API: the record of people's acts, not procedure state — the
// compensation itself runs as the case's workflow, started only on approval.
import { z } from 'zod';
import type { Db } from './pool';

const AnnulmentRow = z.object({
  request_id: z.string(),
  case_id: z.string(),
  ruling_number: z.string(),
  court: z.string(),
  ruling_date: z.string(),
  document: z.string(),
  reason: z.string(),
  state: z.enum(['pending', 'approved', 'rejected']),
  recorded_by: z.string(),
  recorded_at: z.string(),
  decided_by: z.string().nullable(),
  decided_at: z.string().nullable(),
  decision_note: z.string().nullable(),
});
export type AnnulmentRow = z.infer<typeof AnnulmentRow>;

export interface RecordedRuling {
  caseId: string;
  ruling: { number: string; court: string; date: string; document: string };
  reason: string;
  by: string;
}

// A date column comes back as text (YYYY-MM-DD), never shifted by a time zone.
const COLUMNS = `request_id::text, case_id, ruling_number, court, ruling_date::text AS ruling_date,
  document, reason, state, recorded_by, recorded_at, decided_by, decided_at, decision_note`;

/** A new pending request; undefined when the case already has one pending or approved. */
export async function recordAnnulment(
  db: Db,
  { caseId, ruling, reason, by }: RecordedRuling,
): Promise<AnnulmentRow | undefined> {
  const { rows } = await db.query(
    `INSERT INTO annulment_requests (case_id, ruling_number, court, ruling_date, document, reason, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (case_id) WHERE state IN ('pending', 'approved') DO NOTHING
     RETURNING ${COLUMNS}`,
    [caseId, ruling.number, ruling.court, ruling.date, ruling.document, reason, by],
  );
  return rows[0] === undefined ? undefined : AnnulmentRow.parse(rows[0]);
}

/** The case's requests, newest first, whatever became of them. */
export async function listAnnulments(db: Db, caseId: string): Promise<AnnulmentRow[]> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM annulment_requests WHERE case_id = $1
      ORDER BY recorded_at DESC, request_id`,
    [caseId],
  );
  return rows.map((row) => AnnulmentRow.parse(row));
}

/**
 * Decides the case's pending request: locks it, runs `effect` (which may refuse by throwing, and on
 * approval starts the compensation), then records the decision — all or nothing, so two checkers at
 * once decide it once. Undefined when nothing is pending.
 */
export async function decidePendingAnnulment(
  db: Db,
  caseId: string,
  decision: { state: 'approved' | 'rejected'; by: string; note?: string | undefined },
  effect: (request: AnnulmentRow) => Promise<void>,
): Promise<AnnulmentRow | undefined> {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query(
      `SELECT ${COLUMNS} FROM annulment_requests WHERE case_id = $1 AND state = 'pending' FOR UPDATE`,
      [caseId],
    );
    if (rows[0] === undefined) {
      await client.query('ROLLBACK');
      return undefined;
    }
    await effect(AnnulmentRow.parse(rows[0]));
    const decided = await client.query(
      `UPDATE annulment_requests
          SET state = $2, decided_by = $3, decided_at = now(), decision_note = $4
        WHERE request_id = $1
        RETURNING ${COLUMNS}`,
      [
        (rows[0] as { request_id: string }).request_id,
        decision.state,
        decision.by,
        decision.note ?? null,
      ],
    );
    await client.query('COMMIT');
    return AnnulmentRow.parse(decided.rows[0]);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
