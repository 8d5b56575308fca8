import { z } from 'zod';
import { DocumentKind, parseVerificationCode } from '../../domain/documents';
import { CaseParams, EXAMPLE_CASE_ID } from './case.schemas';
import { readAs } from './text';
import { rule } from '../../domain/rule-texts';

const kinds = Object.values(DocumentKind) as [DocumentKind, ...DocumentKind[]];
const EXAMPLE_DOCUMENT_ID = '6f1c2a4e-2b7d-4f5e-9a51-3c2d8e9b0a17';
const EXAMPLE_CODE = '7KQ2M9XH4TRW';

export const DocumentParams = CaseParams.extend({
  documentId: z.uuid().describe('document id, as listed').meta({ example: EXAMPLE_DOCUMENT_ID }),
});

export const VerifyParams = z.object({
  code: z
    .string()
    .regex(/^[0-9A-Za-z -]{12,40}$/, rule('verificationCode'))
    .transform(readAs(parseVerificationCode, rule('verificationCode')))
    .describe('the code printed under the document’s QR code (any letter case, dashes allowed)')
    .meta({ example: EXAMPLE_CODE }),
});

const Validity = z
  .enum(['valid', 'revoked', 'superseded'])
  .describe(
    'revoked: an annulment undid it; superseded: the record was corrected and a new issue replaces it',
  );

export const DocumentSummary = z
  .object({
    documentId: z.string(),
    kind: z.enum(kinds),
    title: z.string().describe('what it is, in Vietnamese'),
    number: z.string().describe('its number (the case code, for the receipt)'),
    issuer: z.string().describe('who issued and signed it'),
    state: z
      .enum(['pending', 'issued', 'failed'])
      .describe('pending: being rendered and signed; failed: operators are told, it is retried'),
    validity: Validity,
    issuedAt: z.string().optional(),
    href: z.string().optional().describe('the PDF (application/pdf), once issued'),
    verifyUrl: z.string().describe('the public verification page its QR code opens'),
    sha256: z.string().optional().describe('SHA-256 of the PDF, as the verification states it'),
  })
  .meta({ id: 'DocumentSummary' });

const EXAMPLE_SUMMARY = {
  documentId: EXAMPLE_DOCUMENT_ID,
  kind: 'birth_extract',
  title: 'Trích lục khai sinh',
  number: 'KS-00004-2026-000042',
  issuer: 'UBND Phường Phúc Xá',
  state: 'issued',
  validity: 'valid',
  issuedAt: '2026-11-20T03:40:14.000Z',
  href: `/v1/cases/${EXAMPLE_CASE_ID}/documents/${EXAMPLE_DOCUMENT_ID}`,
  verifyUrl: `https://lienthong.example.vn/verify/${EXAMPLE_CODE}`,
  sha256: '9f2c…',
} as const;

export const DocumentList = z
  .object({ items: z.array(DocumentSummary) })
  .meta({ id: 'DocumentList', examples: [{ items: [EXAMPLE_SUMMARY] }] });

export const Verification = z
  .object({
    code: z.string(),
    kind: z.enum(kinds),
    title: z.object({ vi: z.string(), en: z.string() }),
    number: z.string(),
    issuer: z.string(),
    issuedAt: z.string(),
    status: Validity,
    revokedAt: z.string().optional(),
    supersededAt: z
      .string()
      .optional()
      .describe('when a new issue replaced it (the record was corrected): ask its holder for that'),
    sha256: z.string().describe('SHA-256 of the PDF as issued: a copy that differs is not it'),
  })
  .meta({
    id: 'Verification',
    description: 'what a document is — and nothing about the person it concerns',
    examples: [
      {
        code: EXAMPLE_CODE,
        kind: 'birth_extract',
        title: { vi: 'Trích lục khai sinh', en: 'Birth registration extract' },
        number: 'KS-00004-2026-000042',
        issuer: 'UBND Phường Phúc Xá',
        issuedAt: '2026-11-20T03:40:14.000Z',
        status: 'valid',
        sha256: '9f2c…',
      },
    ],
  });
export type Verification = z.infer<typeof Verification>;
