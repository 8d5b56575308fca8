// What a filing and a supplement answer hand in besides their data: attachments, and an answer's
// own words. Kept in PostgreSQL keyed by case and step, read by the officer beside the step — never
// sent to a workflow, which goes on hearing only that the supplement came (no workflow change).
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/pool';
import {
  detachFiling,
  listAttachments,
  listSupplementAnswers,
  markAnswerAccepted,
  markRequestAnswerAccepted,
  recordSupplementAnswer,
  withdrawAnswer,
  type AttachmentRow,
} from '../../db/uploads.repository';
import type { Principal } from '../../domain/principal';
import { HttpProblem } from '../problem';
import { attach, type AttachmentSettings } from './attachments';

/** The case view's list of attachments and answers, for who may read the case. */
export async function caseFiles(db: Db, caseId: string) {
  const [attachments, answers] = await Promise.all([
    listAttachments(db, caseId),
    listSupplementAnswers(db, caseId),
  ]);
  return {
    attachments: attachments.map(attachmentView),
    supplementAnswers: answers.map((answer) => ({
      answerId: answer.answer_id,
      step: answer.step,
      documents: answer.documents,
      attachments: attachments
        .filter((a) => a.answer_id === answer.answer_id)
        .map((a) => a.attachment_id),
      answeredAt: answer.answered_at,
    })),
  };
}

export const attachmentView = (row: AttachmentRow) => ({
  attachmentId: row.attachment_id,
  item: row.item,
  step: row.step,
  answerId: row.answer_id,
  mediaType: row.media_type,
  size: row.size,
  sha256: row.sha256,
  scan: row.scan,
  uploadedAt: row.uploaded_at,
  href: `/v1/cases/${encodeURIComponent(row.case_id)}/attachments/${row.attachment_id}`,
});

/**
 * Files a case with its attachments: they are taken for `caseId` before the case is filed (so two
 * filings cannot both take an upload), and given back if this request did not file the case
 * (another case of the key, a failure). `start` files it, and says whether it did.
 */
export async function fileWithAttachments<T>(
  db: Db,
  settings: AttachmentSettings,
  request: { caseId: string; principal: Principal; uploadIds: readonly string[] },
  /** Given the attachments taken, to name on what the case keeps of its filing (its receipt). */
  start: (attached: AttachmentRow[]) => Promise<{ started: true; value: T } | { started: false }>,
): Promise<{ started: true; value: T; attached: AttachmentRow[] } | { started: false }> {
  const { caseId, principal, uploadIds } = request;
  const taken =
    uploadIds.length === 0
      ? { attachments: [], fresh: [] }
      : await attach(db, settings, {
          caseId,
          step: null,
          answerId: null,
          principal,
          uploadIds,
          pointer: '/attachments',
        });
  const giveBack = () =>
    taken.fresh.length > 0 ? detachFiling(db, caseId, taken.fresh) : Promise.resolve();
  let outcome: Awaited<ReturnType<typeof start>>;
  try {
    outcome = await start(taken.attachments);
  } catch (error) {
    await giveBack();
    throw error;
  }
  if (!outcome.started) {
    await giveBack();
    return outcome;
  }
  return { ...outcome, attached: taken.attachments };
}

/**
 * Answers the step's request for supplement with words and files: the answer and its attachments
 * are recorded first (refused uploads refuse the answer), then `send` hands it to the step; a step
 * that refuses it (422) leaves no trace of it, and its uploads are the uploader's again.
 */
export async function answerSupplement<T>(
  db: Db,
  settings: AttachmentSettings,
  answer: {
    caseId: string;
    step: string;
    documents: string[];
    uploadIds: readonly string[];
    principal: Principal;
    requestId: string | undefined;
  },
  /** Sends the answer to the step under `requestId`, the request the answer is recorded under. */
  send: (requestId: string) => Promise<T>,
): Promise<{ value: T; attached: AttachmentRow[] }> {
  // Without an Idempotency-Key every request is its own answer.
  const requestId = answer.requestId ?? randomUUID();
  const recorded = await recordSupplementAnswer(db, {
    answer_id: randomUUID(),
    case_id: answer.caseId,
    step: answer.step,
    request_id: requestId,
    documents: answer.documents,
    answered_by: answer.principal.sub,
  });
  let attached: AttachmentRow[] = [];
  try {
    if (answer.uploadIds.length > 0)
      ({ attachments: attached } = await attach(db, settings, {
        caseId: answer.caseId,
        step: answer.step,
        answerId: recorded.answer_id,
        principal: answer.principal,
        uploadIds: answer.uploadIds,
        pointer: '/attachments',
      }));
    const value = await send(requestId);
    await markAnswerAccepted(db, recorded.answer_id);
    return { value, attached };
  } catch (error) {
    // Refused (by the uploads' checks or by the step): not an answer. Anything else (the step
    // could not be reached in time) may still be carried out: kept for the retry to find.
    if (error instanceof HttpProblem && error.status < 500 && recorded.accepted_at === null)
      await withdrawAnswer(db, recorded.answer_id);
    throw error;
  }
}

/** A retry whose first attempt was carried out (its reply lost): its answer stands. */
export async function confirmAnswer(db: Db, requestId: string | undefined): Promise<void> {
  if (requestId !== undefined) await markRequestAnswerAccepted(db, requestId);
}
