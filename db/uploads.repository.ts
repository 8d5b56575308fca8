// Uploads and the attachments they become (migration 0023). An upload is its uploader's until a
// filing or a supplement answer of theirs names it; then it is an attachment of that case, once:
// `case_attachments.upload_id` is unique, so the database itself refuses a second case (or the
// same case twice at once) the same upload.
import { z } from 'zod';
import type { Db } from './pool';

export const UploadRow = z.object({
  upload_id: z.string(),
  owner_sub: z.string(),
  owner_role: z.enum(['citizen', 'clerk']),
  owner_commune: z.string().nullable(),
  item: z.string(),
  media_type: z.string(),
  size: z.number(),
  sha256: z.string(),
  storage_key: z.string(),
  scan: z.enum(['clean', 'not_scanned']),
  uploaded_at: z.string(),
  expires_at: z.string(),
});
export type UploadRow = z.infer<typeof UploadRow>;

export type NewUpload = Omit<UploadRow, 'uploaded_at'>;

export async function insertUpload(db: Db, upload: NewUpload): Promise<UploadRow> {
  const { rows } = await db.query(
    `INSERT INTO uploads (upload_id, owner_sub, owner_role, owner_commune, item, media_type, size,
                          sha256, storage_key, scan, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
    [
      upload.upload_id,
      upload.owner_sub,
      upload.owner_role,
      upload.owner_commune,
      upload.item,
      upload.media_type,
      upload.size,
      upload.sha256,
      upload.storage_key,
      upload.scan,
      upload.expires_at,
    ],
  );
  return UploadRow.parse(rows[0]);
}

/** Whose upload it is: the caller's own, or (at a desk) another clerk's of the same commune. */
export interface Uploader {
  sub: string;
  role: 'citizen' | 'clerk';
  commune: string | null;
}

const mayUse = (row: UploadRow, caller: Uploader) =>
  (row.owner_sub === caller.sub && row.owner_role === caller.role) ||
  (caller.role === 'clerk' && row.owner_role === 'clerk' && row.owner_commune === caller.commune);

export interface AttachRequest {
  caseId: string;
  /** Null for the filing's own dossier; else the step whose supplement the answer replies to. */
  step: string | null;
  answerId: string | null;
  caller: Uploader;
  uploadIds: readonly string[];
  maxPerCase: number;
}

export type AttachOutcome =
  /** `fresh`: the uploads this call attached (not a retry's earlier ones), to undo if need be. */
  | { kind: 'attached'; attachments: AttachmentRow[]; fresh: string[] }
  /** Indexes into `uploadIds`: no such upload of the caller's (or it expired). */
  | { kind: 'unknown'; indexes: number[] }
  /** Indexes into `uploadIds`: attached to a case already (another, or this one otherwise). */
  | { kind: 'taken'; indexes: number[] }
  | { kind: 'too_many'; attached: number };

const UNIQUE_VIOLATION = '23505';

/**
 * Makes the uploads attachments of the case, all or none, in one transaction: the case's count is
 * taken under a per-case lock, each upload's row is locked, and the unique upload id refuses what
 * a concurrent attach took meanwhile. Naming again uploads this same request attached (a retry:
 * same case, step and caller) is not a conflict: their attachments are answered.
 */
export async function attachUploads(db: Db, given: AttachRequest): Promise<AttachOutcome> {
  // PostgreSQL writes uuids in lower case; a caller may send them in upper case.
  const request = { ...given, uploadIds: given.uploadIds.map((id) => id.toLowerCase()) };
  const ids = [...new Set(request.uploadIds)];
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `case_attachments:${request.caseId}`,
    ]);
    const locked = await client.query(
      `SELECT * FROM uploads WHERE upload_id = ANY($1::uuid[]) AND expires_at > now() FOR UPDATE`,
      [ids],
    );
    const uploads = new Map(
      locked.rows.map((r) => UploadRow.parse(r)).map((row) => [row.upload_id, row]),
    );
    const indexesOf = (pick: (id: string) => boolean) =>
      request.uploadIds.flatMap((id, i) => (pick(id) ? [i] : []));
    const unknown = indexesOf((id) => {
      const row = uploads.get(id);
      return !row || !mayUse(row, request.caller);
    });
    if (unknown.length > 0) {
      await client.query('ROLLBACK');
      return { kind: 'unknown', indexes: unknown };
    }
    // A statement of its own after the locks: it sees attachments committed while it waited.
    const existing = await client.query<{
      upload_id: string;
      case_id: string;
      step: string | null;
      attached_by: string;
    }>(
      'SELECT upload_id, case_id, step, attached_by FROM case_attachments WHERE upload_id = ANY($1::uuid[])',
      [ids],
    );
    const again = (a: (typeof existing.rows)[number]) =>
      a.case_id === request.caseId &&
      a.step === request.step &&
      a.attached_by === request.caller.sub;
    const taken = new Set(existing.rows.filter((a) => !again(a)).map((a) => a.upload_id));
    if (taken.size > 0) {
      await client.query('ROLLBACK');
      return { kind: 'taken', indexes: indexesOf((id) => taken.has(id)) };
    }
    const already = new Set(existing.rows.map((a) => a.upload_id));
    const fresh = ids.filter((id) => !already.has(id));
    const { rows: count } = await client.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM case_attachments WHERE case_id = $1',
      [request.caseId],
    );
    const attached = count[0]?.n ?? 0;
    if (attached + fresh.length > request.maxPerCase) {
      await client.query('ROLLBACK');
      return { kind: 'too_many', attached };
    }
    await client.query(
      `INSERT INTO case_attachments (attachment_id, upload_id, case_id, step, answer_id, attached_by)
       SELECT gen_random_uuid(), u, $2, $3, $4, $5 FROM unnest($1::uuid[]) AS u`,
      [fresh, request.caseId, request.step, request.answerId, request.caller.sub],
    );
    await client.query('COMMIT');
    return {
      kind: 'attached',
      attachments: await attachmentsOf(db, request.caseId, ids),
      fresh,
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    if ((error as { code?: unknown }).code === UNIQUE_VIOLATION)
      return { kind: 'taken', indexes: request.uploadIds.map((_, i) => i) };
    throw error;
  } finally {
    client.release();
  }
}

/** Undoes a filing's attachments when its case was not started by this request. */
export async function detachFiling(
  db: Db,
  caseId: string,
  uploadIds: readonly string[],
): Promise<void> {
  await db.query(
    'DELETE FROM case_attachments WHERE case_id = $1 AND step IS NULL AND upload_id = ANY($2::uuid[])',
    [caseId, uploadIds],
  );
}

export const AttachmentRow = z.object({
  attachment_id: z.string(),
  case_id: z.string(),
  step: z.string().nullable(),
  answer_id: z.string().nullable(),
  item: z.string(),
  media_type: z.string(),
  size: z.number(),
  sha256: z.string(),
  scan: z.enum(['clean', 'not_scanned']),
  storage_key: z.string(),
  uploaded_at: z.string(),
  attached_at: z.string(),
});
export type AttachmentRow = z.infer<typeof AttachmentRow>;

const ATTACHMENT_COLUMNS = `a.attachment_id, a.case_id, a.step, a.answer_id, u.item, u.media_type,
  u.size, u.sha256, u.scan, u.storage_key, u.uploaded_at, a.attached_at`;

async function attachmentsOf(
  db: Db,
  caseId: string,
  uploadIds: readonly string[],
): Promise<AttachmentRow[]> {
  const { rows } = await db.query(
    `SELECT ${ATTACHMENT_COLUMNS} FROM case_attachments a JOIN uploads u USING (upload_id)
      WHERE a.case_id = $1 AND a.upload_id = ANY($2::uuid[]) ORDER BY a.attached_at, u.uploaded_at`,
    [caseId, uploadIds],
  );
  return rows.map((r) => AttachmentRow.parse(r));
}

/** Every attachment of the case, in the order they came. */
export async function listAttachments(db: Db, caseId: string): Promise<AttachmentRow[]> {
  const { rows } = await db.query(
    `SELECT ${ATTACHMENT_COLUMNS} FROM case_attachments a JOIN uploads u USING (upload_id)
      WHERE a.case_id = $1 ORDER BY a.attached_at, u.uploaded_at`,
    [caseId],
  );
  return rows.map((r) => AttachmentRow.parse(r));
}

export async function findAttachment(
  db: Db,
  caseId: string,
  attachmentId: string,
): Promise<AttachmentRow | undefined> {
  const { rows } = await db.query(
    `SELECT ${ATTACHMENT_COLUMNS} FROM case_attachments a JOIN uploads u USING (upload_id)
      WHERE a.case_id = $1 AND a.attachment_id = $2`,
    [caseId, attachmentId],
  );
  return rows[0] === undefined ? undefined : AttachmentRow.parse(rows[0]);
}

export const SupplementAnswerRow = z.object({
  answer_id: z.string(),
  case_id: z.string(),
  step: z.string(),
  documents: z.array(z.string()),
  answered_by: z.string(),
  answered_at: z.string(),
  accepted_at: z.string().nullable(),
});
export type SupplementAnswerRow = z.infer<typeof SupplementAnswerRow>;

/** Records an answer before the step hears it; a retry (same request) finds the first one. */
export async function recordSupplementAnswer(
  db: Db,
  answer: Pick<
    SupplementAnswerRow,
    'answer_id' | 'case_id' | 'step' | 'documents' | 'answered_by'
  > & {
    request_id: string;
  },
): Promise<SupplementAnswerRow> {
  await db.query(
    `INSERT INTO supplement_answers (answer_id, case_id, step, request_id, documents, answered_by)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (request_id) DO NOTHING`,
    [
      answer.answer_id,
      answer.case_id,
      answer.step,
      answer.request_id,
      JSON.stringify(answer.documents),
      answer.answered_by,
    ],
  );
  const { rows } = await db.query('SELECT * FROM supplement_answers WHERE request_id = $1', [
    answer.request_id,
  ]);
  return SupplementAnswerRow.parse(rows[0]);
}

export async function markAnswerAccepted(db: Db, answerId: string): Promise<void> {
  await db.query(
    'UPDATE supplement_answers SET accepted_at = coalesce(accepted_at, now()) WHERE answer_id = $1',
    [answerId],
  );
}

/** The answer a request (its Idempotency-Key) sent, taken by its step. */
export async function markRequestAnswerAccepted(db: Db, requestId: string): Promise<void> {
  await db.query(
    'UPDATE supplement_answers SET accepted_at = coalesce(accepted_at, now()) WHERE request_id = $1',
    [requestId],
  );
}

/** The step refused the answer: it and its attachments go, their uploads are the uploader's again. */
export async function withdrawAnswer(db: Db, answerId: string): Promise<void> {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    await client.query('DELETE FROM case_attachments WHERE answer_id = $1', [answerId]);
    await client.query(
      'DELETE FROM supplement_answers WHERE answer_id = $1 AND accepted_at IS NULL',
      [answerId],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * The answers to the case's requests for supplement that their steps took, oldest first: confirmed
 * by the API, or — should the API have died before it could confirm — by the step's own outcome of
 * the request (action_outcomes, written by the step's workflow, `<caseId>:<step>`).
 */
export async function listSupplementAnswers(
  db: Db,
  caseId: string,
): Promise<SupplementAnswerRow[]> {
  const { rows } = await db.query(
    `SELECT answer_id, case_id, step, documents, answered_by, answered_at, accepted_at
       FROM supplement_answers a
      WHERE case_id = $1
        AND (accepted_at IS NOT NULL OR EXISTS (
              SELECT 1 FROM action_outcomes o
               WHERE o.workflow_id = a.case_id || ':' || a.step
                 AND o.request_id = a.request_id AND o.state = 'done'))
      ORDER BY answered_at`,
    [caseId],
  );
  return rows.map((r) => SupplementAnswerRow.parse(r));
}

/** Uploads nobody attached, past their time: at most `limit` of them, oldest first. */
export async function expiredUploads(
  db: Db,
  limit: number,
): Promise<{ upload_id: string; storage_key: string }[]> {
  const { rows } = await db.query<{ upload_id: string; storage_key: string }>(
    `SELECT upload_id, storage_key FROM uploads u
      WHERE expires_at <= now()
        AND NOT EXISTS (SELECT 1 FROM case_attachments a WHERE a.upload_id = u.upload_id)
      ORDER BY expires_at LIMIT $1`,
    [limit],
  );
  return rows;
}

const FOREIGN_KEY_VIOLATION = '23503';

/**
 * Deletes an expired upload's row, unless it became an attachment meanwhile (the foreign key of
 * `case_attachments` refuses the delete then). True when the row went: its bytes may go too.
 */
export async function deleteExpiredUpload(db: Db, uploadId: string): Promise<boolean> {
  try {
    const { rowCount } = await db.query(
      'DELETE FROM uploads WHERE upload_id = $1 AND expires_at <= now()',
      [uploadId],
    );
    return rowCount === 1;
  } catch (error) {
    if ((error as { code?: unknown }).code === FOREIGN_KEY_VIOLATION) return false;
    throw error;
  }
}
