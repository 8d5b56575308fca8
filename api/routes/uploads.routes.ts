// Attachments (issue 21): a citizen or a clerk uploads a scan, then names it in a filing or a
// supplement answer; the case's officers and parties read it back. The bytes are served as stored,
// never interpreted: the media type the content proved at upload, `nosniff`, and a download name.
import { z } from 'zod';
import { findAttachment, type AttachmentRow } from '../../db/uploads.repository';
import { ApiError } from '../../domain/errors';
import { Role } from '../../domain/principal';
import { findVisibleCase } from '../access';
import type { ApiDeps } from '../deps';
import { HttpProblem } from '../problem';
import { defineRoute, type RouteDefinition } from '../route';
import { jsonContent } from '../schemas/content';
import { problemResponse } from '../schemas/problem.schemas';
import { AttachmentParams, UploadForm, UploadReceipt } from '../schemas/upload.schemas';
import { attachmentSettingsOf, receiveUpload } from '../uploads/attachments';
import { EXTENSION, type AcceptedMediaType } from '../uploads/sniff';

/** Where an attachment is read, as the case view lists it. */
export const attachmentHref = (row: Pick<AttachmentRow, 'case_id' | 'attachment_id'>) =>
  `/v1/cases/${encodeURIComponent(row.case_id)}/attachments/${row.attachment_id}`;

export function uploadRoutes(deps: ApiDeps): RouteDefinition[] {
  const { db, logger } = deps;
  const settings = attachmentSettingsOf(deps);
  const mib = settings.maxBytes / 1_048_576;
  return [
    defineRoute({
      method: 'post',
      path: '/v1/uploads',
      operationId: 'uploadFile',
      summary: 'upload a scan for a filing or a supplement answer',
      description:
        `multipart/form-data with one \`file\` (PDF, JPEG or PNG by its content, at most ${mib} ` +
        'MiB) and `item`, the dossier item it answers. The upload is the caller’s (a clerk’s: ' +
        'their desk’s) until a filing or a supplement answer names it in `attachments`; one ' +
        'nobody names is deleted at `expiresAt`. Scanned for malware where a scanner is ' +
        'configured (`scan`). Its SHA-256 is written to the audit log.',
      tags: ['attachments'],
      access: [Role.citizen, Role.clerk],
      multipart: UploadForm,
      responses: {
        201: { description: 'kept', content: jsonContent(UploadReceipt) },
        400: problemResponse(
          'No `file`, more than one, another field, an `item` that is not one line of plain ' +
            'text, or a file that is not a PDF, JPEG or PNG by its bytes (`API.UPLOAD_TYPE_REFUSED`).',
        ),
        413: problemResponse(`The file is larger than ${mib} MiB (reading stopped there).`),
        415: problemResponse('The body is not multipart/form-data.'),
        422: problemResponse('The malware scanner found something (`API.UPLOAD_INFECTED`).'),
      },
      handle: async ({ req, principal }) => {
        const upload = await receiveUpload(db, settings, req, principal, logger);
        return {
          status: 201,
          sha256: [upload.sha256],
          body: {
            uploadId: upload.upload_id,
            sha256: upload.sha256,
            size: upload.size,
            mediaType: upload.media_type,
            item: upload.item,
            scan: upload.scan,
            expiresAt: upload.expires_at,
          },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/cases/{caseId}/attachments/{attachmentId}',
      operationId: 'getAttachment',
      summary: 'read an attachment of a case (its bytes)',
      description:
        'For the case’s parties, the clerks of its commune, the officers of its steps and ' +
        'supervisors. A read of personal data: audited, with the file’s SHA-256.',
      tags: ['attachments'],
      access: [Role.citizen, Role.clerk, Role.officer, Role.supervisor],
      request: { params: AttachmentParams },
      responses: {
        200: {
          description: 'the bytes, as uploaded',
          headers: {
            'Content-Disposition': {
              description: '`inline; filename="<attachmentId>.<ext>"`',
              schema: { type: 'string' },
            },
            'X-Content-Type-Options': { description: '`nosniff`', schema: { type: 'string' } },
          },
          content: Object.fromEntries(
            Object.keys(EXTENSION).map((type) => [
              type,
              { schema: z.string().meta({ format: 'binary', example: '%PDF-1.7 … (the bytes)' }) },
            ]),
          ),
        },
        404: problemResponse('No such case or attachment (or not yours to read).'),
      },
      handle: async ({ params, principal }) => {
        const found = await findVisibleCase(db, principal, params.caseId);
        const row = found && (await findAttachment(db, params.caseId, params.attachmentId));
        if (!row) throw new HttpProblem(ApiError.NOT_FOUND);
        const stored = await settings.storage.get(row.storage_key);
        if (!stored) {
          logger.error(
            { attachmentId: row.attachment_id },
            'attachment bytes missing from storage',
          );
          throw new HttpProblem(ApiError.NOT_FOUND, {
            vi: 'tệp không còn trong kho lưu trữ',
            en: 'the file is missing from storage',
          });
        }
        const extension = EXTENSION[row.media_type as AcceptedMediaType];
        return {
          status: 200,
          sha256: [row.sha256],
          stream: stored.body,
          contentType: row.media_type,
          headers: {
            'Content-Length': String(row.size),
            'Content-Disposition': `inline; filename="${row.attachment_id}.${extension}"`,
            'X-Content-Type-Options': 'nosniff',
            // Personal data: no shared cache keeps it, and no page it opens in may run anything.
            'Cache-Control': 'private, no-store',
            'Content-Security-Policy': "default-src 'none'; sandbox",
          },
        };
      },
    }),
  ];
}
