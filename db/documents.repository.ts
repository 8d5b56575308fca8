// The documents a case hands out (migration 0022): asked for and revoked by the case projection,
// issued by the worker's issuer (documents/issuer.ts), one at a time per row however many workers
// run it.
import { randomBytes } from 'node:crypto';
import { DocumentKind, resultDocumentOf, verificationCode } from '../domain/documents';
import type { CaseView, StepView } from '../domain/procedures/views';
import type { Db } from './pool';

/**
 * Asks for the document of each completed step of `view` that hands one out — issued again after
 * each correction of its record — then revokes what the view undoes (revokeUndone).
 */
export async function syncCaseDocuments(db: Db, view: CaseView): Promise<void> {
  await askForDocuments(db, view.caseId, view.steps, correctionsOf(view));
  await revokeUndone(db, view);
}

/**
 * Asks once for the document of each of `steps` that completed and hands one out: the first
 * projection that shows it completed — the step's own or the case's — asks, later ones change
 * nothing. `corrections` (by step) is how often the step's record was corrected since: each
 * correction is a new issue of its document, which supersedes the issue before. Nothing is asked of
 * a case already annulled.
 */
export async function askForDocuments(
  db: Db,
  caseId: string,
  steps: readonly Pick<StepView, 'step' | 'agency' | 'state' | 'result'>[],
  corrections: Readonly<Record<string, number>> = {},
): Promise<void> {
  const asked = steps.flatMap((step) => {
    const document = resultDocumentOf(step);
    return document ? [{ step: step.step, issue: corrections[step.step] ?? 0, ...document }] : [];
  });
  if (asked.length === 0) return;
  await db.query(
    `INSERT INTO documents (case_id, step, kind, issue, issuer, number, template, verify_code)
     SELECT $1, step, kind, issue, issuer, number, template, code
       FROM unnest($2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[])
            AS a(step, kind, issue, issuer, number, template, code)
      WHERE NOT EXISTS (SELECT 1 FROM cases WHERE case_id = $1 AND status = 'annulled')
     ON CONFLICT (case_id, kind, issue) DO NOTHING`,
    [
      caseId,
      asked.map((a) => a.step),
      asked.map((a) => a.spec.kind),
      asked.map((a) => a.issue),
      asked.map((a) => a.issuer),
      asked.map((a) => a.number),
      asked.map((a) => a.spec.template),
      asked.map(() => verificationCode(randomBytes(12))),
    ],
  );
  if (asked.some((a) => a.issue > 0))
    // Each earlier issue is superseded by the latest of its kind.
    await db.query(
      `UPDATE documents earlier
          SET superseded_by = latest.document_id, superseded_at = now()
         FROM documents latest
        WHERE earlier.case_id = $1 AND latest.case_id = $1 AND latest.kind = earlier.kind
          AND latest.issue > earlier.issue AND earlier.superseded_by IS NULL
          AND latest.issue = (SELECT max(issue) FROM documents d
                               WHERE d.case_id = $1 AND d.kind = latest.kind)`,
      [caseId],
    );
}

/** How often each step's record was corrected: the case's `corrected` timeline entries. */
export const correctionsOf = (view: Pick<CaseView, 'timeline'>): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const entry of view.timeline)
    if (entry.event === 'corrected' && entry.step)
      counts[entry.step] = (counts[entry.step] ?? 0) + 1;
  return counts;
};

/**
 * An annulment undoes what the case did (workflows/death-annulment.workflow.ts): each compensated
 * step's document, and once the case is annulled every result it handed out, are revoked — kept,
 * and verified as revoked. The receipt stays true: the dossier was received.
 */
async function revokeUndone(db: Db, view: CaseView): Promise<void> {
  const annulled = view.status === 'annulled';
  const compensated = view.steps.filter((s) => s.state === 'compensated').map((s) => s.step);
  if (!annulled && compensated.length === 0) return;
  await db.query(
    `UPDATE documents SET revoked_at = now(), revoked_reason = $4
      WHERE case_id = $1 AND revoked_at IS NULL AND kind <> $5
        AND ($2 OR step = ANY($3::text[]))`,
    [
      view.caseId,
      annulled,
      compensated,
      annulled ? 'annulled' : 'compensated',
      DocumentKind.receipt,
    ],
  );
}

export interface DocumentToIssue {
  document_id: string;
  case_id: string;
  step: string;
  kind: string;
  /** 0, or the correction of the step's record it follows. */
  issue: number;
  issuer: string;
  number: string;
  template: string;
  verify_code: string;
  requested_at: string;
  attempts: number;
}

/** After this many failed attempts a document is left `failed` for operators (README). */
export const MAX_ISSUE_ATTEMPTS = 8;

/**
 * Takes the oldest document due, renders and stores it with `issue` in one transaction: a worker
 * that dies midway leaves it pending for the next. A failure is counted and retried later
 * (backing off), and after MAX_ISSUE_ATTEMPTS left `failed` with its error. False: nothing due.
 */
export async function issueNextDocument(
  db: Db,
  issue: (document: DocumentToIssue) => Promise<{ pdf: Buffer; sha256: string }>,
): Promise<{ issued: boolean; error?: unknown } | false> {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<DocumentToIssue>(
      `SELECT document_id, case_id, step, kind, issue, issuer, number, template, verify_code,
              requested_at, attempts
         FROM documents
        WHERE state = 'pending' AND next_attempt_at <= now()
        ORDER BY next_attempt_at
        LIMIT 1
        FOR UPDATE SKIP LOCKED`,
    );
    const document = rows[0];
    if (!document) {
      await client.query('COMMIT');
      return false;
    }
    try {
      const { pdf, sha256 } = await issue(document);
      await client.query(
        `UPDATE documents
            SET state = 'issued', pdf = $2, sha256 = $3, issued_at = now(), last_error = NULL
          WHERE document_id = $1`,
        [document.document_id, pdf, sha256],
      );
      await client.query('COMMIT');
      return { issued: true };
    } catch (error) {
      const attempts = document.attempts + 1;
      await client.query(
        `UPDATE documents
            SET attempts = $2::int, last_error = $3,
                state = CASE WHEN $2::int >= $4::int THEN 'failed' ELSE 'pending' END,
                next_attempt_at = now() + make_interval(secs => least(300, 2.0 ^ $2::int))
          WHERE document_id = $1`,
        [
          document.document_id,
          attempts,
          error instanceof Error ? error.message.slice(0, 500) : 'unknown error',
          MAX_ISSUE_ATTEMPTS,
        ],
      );
      await client.query('COMMIT');
      return { issued: false, error };
    }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
