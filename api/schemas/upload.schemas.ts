import { z } from 'zod';
import { UploadItem } from '../uploads/attachments';
import { ACCEPTED_MEDIA_TYPES } from '../uploads/sniff';
import { CaseView } from '../../domain/procedures/views';
import { CaseParams, DeadlineClock, EXAMPLE_CASE_ID } from './case.schemas';

const EXAMPLE_UPLOAD_ID = '0b7d3c1e-6a7f-4a39-9d5e-2f4b8c1a9e60';
const EXAMPLE_ATTACHMENT_ID = '5e2a9c4b-1d3f-4b8e-a6c7-9f0e1d2c3b4a';
const EXAMPLE_SHA256 = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

export const UploadForm = z
  .object({
    file: z
      .string()
      .meta({ format: 'binary' })
      .describe('one PDF, JPEG or PNG (by its content), at most 10 MiB'),
    item: UploadItem,
  })
  .meta({
    id: 'UploadForm',
    examples: [{ file: '%PDF-1.7 … (the scan’s bytes)', item: 'Giấy chứng sinh (bản scan)' }],
  });

export const UploadReceipt = z
  .object({
    uploadId: z.string().describe('name it in a filing’s or a supplement answer’s `attachments`'),
    sha256: z.string().describe('SHA-256 of the bytes, hex'),
    size: z.number().int().describe('bytes'),
    mediaType: z.enum(ACCEPTED_MEDIA_TYPES).describe('what the bytes are, whatever the name said'),
    item: z.string(),
    scan: z
      .enum(['clean', 'not_scanned'])
      .describe('`not_scanned`: no malware scanner is configured on this service'),
    expiresAt: z.string().describe('deleted then unless a filing or a supplement names it'),
  })
  .meta({
    id: 'UploadReceipt',
    examples: [
      {
        uploadId: EXAMPLE_UPLOAD_ID,
        sha256: EXAMPLE_SHA256,
        size: 183_204,
        mediaType: 'application/pdf',
        item: 'Giấy chứng sinh (bản scan)',
        scan: 'clean',
        expiresAt: '2026-11-21T02:15:00.000Z',
      },
    ],
  });

export const AttachmentParams = CaseParams.extend({
  attachmentId: z
    .uuid()
    .describe('as the case view lists it')
    .meta({ example: EXAMPLE_ATTACHMENT_ID }),
});

export const AttachmentView = z
  .object({
    attachmentId: z.string(),
    item: z.string().describe('the dossier item it answers'),
    step: z
      .string()
      .nullable()
      .describe('null: handed in with the filing; else the step whose supplement it answers'),
    answerId: z.string().nullable().describe('the supplement answer it came with'),
    mediaType: z.enum(ACCEPTED_MEDIA_TYPES),
    size: z.number().int(),
    sha256: z.string(),
    scan: z.enum(['clean', 'not_scanned']),
    uploadedAt: z.string(),
    href: z.string().describe('GET it here (with the bearer token)'),
  })
  .meta({ id: 'AttachmentView' });

export const SupplementAnswerView = z
  .object({
    answerId: z.string(),
    step: z.string().describe('the step whose request for supplement it answers'),
    documents: z.array(z.string()).describe('what the answer names in words'),
    attachments: z.array(z.string()).describe('the attachment ids it came with'),
    answeredAt: z.string(),
  })
  .meta({ id: 'SupplementAnswerView' });

export const EXAMPLE_ATTACHMENT = {
  attachmentId: EXAMPLE_ATTACHMENT_ID,
  item: 'Giấy chứng sinh (bản scan)',
  step: null,
  answerId: null,
  mediaType: 'application/pdf' as const,
  size: 183_204,
  sha256: EXAMPLE_SHA256,
  scan: 'clean' as const,
  uploadedAt: '2026-11-20T02:10:00.000Z',
  href: `/v1/cases/${encodeURIComponent(EXAMPLE_CASE_ID)}/attachments/${EXAMPLE_ATTACHMENT_ID}`,
};

/** A case as GET /v1/cases/{caseId} answers it: the view, and what was handed in with it. */
export const CaseRead = CaseView.extend({
  attachments: z
    .array(AttachmentView)
    .describe('every file handed in, with the filing or a supplement answer'),
  supplementAnswers: z
    .array(SupplementAnswerView)
    .describe('the answers to requests for supplement, as their steps took them'),
  clocks: z
    .object({
      case: DeadlineClock.optional().describe('the whole case’s deadline, while it is open'),
      steps: z
        .record(z.string(), DeadlineClock)
        .describe('each open step’s, by step name: a supplement pauses it'),
    })
    .describe('deadlines in working days as of this reading, by the official calendar'),
  mayWithdraw: z
    .boolean()
    .describe(
      'whether the caller may withdraw the case now (POST …/withdraw): the applicant who filed ' +
        'it, or a clerk of its commune, while it is open; the case itself may still refuse',
    ),
}).meta({
  id: 'CaseRead',
  examples: [
    {
      ...(z.globalRegistry.get(CaseView)?.examples as Record<string, unknown>[] | undefined)?.[0],
      attachments: [EXAMPLE_ATTACHMENT],
      supplementAnswers: [],
      clocks: {
        case: { state: 'open', workingDays: 2 },
        steps: { birth: { state: 'open', workingDays: 1 } },
      },
      mayWithdraw: true,
    },
  ],
});
