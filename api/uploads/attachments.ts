// Attachments end to end: an upload is read within its limits, sniffed, scanned, hashed, stored, and
// recorded as its uploader's; a filing or a supplement answer then makes it an attachment of the
// case. The rules (who may upload, whose uploads a filing may name) are here, once, for every route.
import { createHash, randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { Logger } from '../../config/logger';
import type { Db } from '../../db/pool';
import {
  attachUploads,
  insertUpload,
  type AttachmentRow,
  type Uploader,
  type UploadRow,
} from '../../db/uploads.repository';
import { ApiError } from '../../domain/errors';
import type { Principal } from '../../domain/principal';
import { safeText } from '../../domain/safe-text';
import { HttpProblem, validationProblem } from '../problem';
import { postgresStorage } from './pg-storage';
import { readUpload } from './multipart';
import { ScannerUnavailableError, noScanner, type Scanner } from './scanner';
import { sniff } from './sniff';
import type { FileStorage } from './storage';
import { rule } from '../../domain/rule-texts';

export const MIB = 1_048_576;

export interface AttachmentSettings {
  storage: FileStorage;
  scanner: Scanner;
  /** Largest file, in bytes (10 MiB). */
  maxBytes: number;
  /** Most attachments a case holds (20). */
  maxPerCase: number;
  /** How long an upload nobody attached is kept (24 h). */
  ttlMs: number;
}

export const DEFAULT_ATTACHMENT_LIMITS = {
  maxBytes: 10 * MIB,
  maxPerCase: 20,
  ttlMs: 24 * 3_600_000,
};

/** The API's settings, with the development defaults: this database as the store, no scanner. */
export const attachmentSettingsOf = (deps: {
  db: Db;
  attachments?: Partial<AttachmentSettings> | undefined;
}): AttachmentSettings => ({
  storage: deps.attachments?.storage ?? postgresStorage(deps.db),
  scanner: noScanner,
  ...DEFAULT_ATTACHMENT_LIMITS,
  ...deps.attachments,
});

/** The dossier item an upload answers: one line of safe text (no bidi overrides, no controls). */
export const UploadItem = safeText(2, 200).describe(
  'the dossier item the file answers, e.g. "Giấy chứng sinh (bản scan)"',
);

/** Who may upload: a citizen for their own filings and answers, a clerk for their desk. */
export function uploaderOf(principal: Principal): Uploader {
  switch (principal.role) {
    case 'citizen':
      return { sub: principal.sub, role: 'citizen', commune: null };
    case 'clerk':
      return { sub: principal.sub, role: 'clerk', commune: principal.jurisdiction };
    case 'officer':
    case 'supervisor':
    case 'admin':
      throw new HttpProblem(ApiError.FORBIDDEN, {
        vi: 'chỉ công dân và công chức một cửa nộp tệp',
        en: 'only citizens and clerks hand in files',
      });
  }
}

const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Reads, checks and keeps one upload; nothing is stored unless every check passed. */
export async function receiveUpload(
  db: Db,
  settings: AttachmentSettings,
  req: Request,
  principal: Principal,
  logger: Logger,
): Promise<UploadRow> {
  const uploader = uploaderOf(principal);
  const { bytes, item } = await readUpload(req, { maxBytes: settings.maxBytes });
  const named = UploadItem.safeParse(item ?? '');
  if (!named.success)
    throw validationProblem(
      named.error.issues.map((issue) => ({ in: 'body', pointer: '/item', detail: issue.message })),
    );
  const kind = await sniff(bytes);
  if ('refused' in kind)
    throw new HttpProblem(ApiError.UPLOAD_TYPE_REFUSED, {
      vi: `nội dung tệp là ${kind.refused ?? 'một định dạng không nhận dạng được'}: chỉ nhận PDF, JPEG hoặc PNG`,
      en: `the file's content is ${kind.refused ?? 'of no recognised format'}: only PDF, JPEG or PNG`,
    });
  const verdict = await settings.scanner.scan(bytes).catch((error: unknown) => {
    if (!(error instanceof ScannerUnavailableError)) throw error;
    logger.warn({ err: error }, 'malware scanner unavailable: upload refused');
    throw new HttpProblem(
      ApiError.UNAVAILABLE,
      {
        vi: 'không kết nối được dịch vụ quét mã độc',
        en: 'the malware scanner cannot be reached',
      },
      {},
      { 'Retry-After': '30' },
    );
  });
  const sha256 = sha256Of(bytes);
  if (verdict.kind === 'infected') {
    // The signature's name and the digest say what was refused; the file itself is gone.
    logger.warn({ signature: verdict.signature, sha256 }, 'upload refused: malware found');
    throw new HttpProblem(ApiError.UPLOAD_INFECTED, {
      vi: `trình quét phát hiện ${verdict.signature}`,
      en: `the scanner found ${verdict.signature}`,
    });
  }
  const key = randomUUID();
  await settings.storage.put(key, bytes, kind.accepted);
  try {
    return await insertUpload(db, {
      upload_id: randomUUID(),
      owner_sub: uploader.sub,
      owner_role: uploader.role,
      owner_commune: uploader.commune,
      item: named.data,
      media_type: kind.accepted,
      size: bytes.length,
      sha256,
      storage_key: key,
      scan: verdict.kind,
      expires_at: new Date(Date.now() + settings.ttlMs).toISOString(),
    });
  } catch (error) {
    // No row names the bytes: they must not stay behind, unreachable and never purged.
    await settings.storage.delete(key).catch(() => undefined);
    throw error;
  }
}

/**
 * Makes the uploads attachments of the case (`step` null: the filing's dossier; else the step whose
 * supplement `answerId` answers), or refuses with what is wrong with which of them (`pointer`: where
 * the list is in the request body).
 */
export async function attach(
  db: Db,
  settings: AttachmentSettings,
  request: {
    caseId: string;
    step: string | null;
    answerId: string | null;
    principal: Principal;
    uploadIds: readonly string[];
    pointer: string;
  },
): Promise<{ attachments: AttachmentRow[]; fresh: string[] }> {
  const outcome = await attachUploads(db, {
    caseId: request.caseId,
    step: request.step,
    answerId: request.answerId,
    caller: uploaderOf(request.principal),
    uploadIds: request.uploadIds,
    maxPerCase: settings.maxPerCase,
  });
  const errors = (indexes: number[], detail: string) =>
    indexes.map((i) => ({ in: 'body', pointer: `${request.pointer}/${i}/uploadId`, detail }));
  switch (outcome.kind) {
    case 'attached':
      return { attachments: outcome.attachments, fresh: outcome.fresh };
    case 'unknown':
      throw new HttpProblem(ApiError.ATTACHMENT_UNKNOWN, undefined, {
        errors: errors(outcome.indexes, rule('uploadUnknown')),
      });
    case 'taken':
      throw new HttpProblem(ApiError.ATTACHMENT_TAKEN, undefined, {
        errors: errors(outcome.indexes, rule('uploadTaken')),
      });
    case 'too_many':
      throw new HttpProblem(ApiError.TOO_MANY_ATTACHMENTS, {
        vi: `một hồ sơ có tối đa ${settings.maxPerCase} tệp; hồ sơ này đã có ${outcome.attached}`,
        en: `a case holds at most ${settings.maxPerCase} files; this one has ${outcome.attached}`,
      });
  }
}
