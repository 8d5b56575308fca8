// Documents a case hands out (issue 21): the desk receipt, printed right after filing; each step's
// signed electronic result; and the public verification their QR codes open.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { appendAudit } from '../../db/audit.repository';
import { keepReceipt } from '../../db/filings.repository';
import {
  caseDocuments,
  documentByCode,
  documentPdf,
  type DocumentRow,
} from '../../db/queries/documents.queries';
import { findReceipt } from '../../db/queries/receipts.queries';
import {
  DOCUMENT_TITLES,
  issuerName,
  ONE_STOP_DESK,
  verificationCode,
  verifyUrl,
  type DocumentKind,
} from '../../domain/documents';
import { ApiError } from '../../domain/errors';
import { Role } from '../../domain/principal';
import { renderReceipt } from '../../documents/receipt';
import { findVisibleCase } from '../access';
import type { ApiDeps } from '../deps';
import { HttpProblem } from '../problem';
import { defineRoute, type RouteDefinition } from '../route';
import { CaseParams } from '../schemas/case.schemas';
import {
  DocumentList,
  DocumentParams,
  Verification,
  VerifyParams,
} from '../schemas/document.schemas';
import { jsonContent } from '../schemas/content';
import { problemResponse } from '../schemas/problem.schemas';
import { verificationPage } from '../verification-page';

/** A receipt is asked for right after filing: the case may take a moment to reach the read model. */
const PROJECTION_WAIT_MS = 5_000;

/** A verification answers by `Accept`, and says what is true now (a revocation shows at once). */
const NOT_CACHED = { Vary: 'Accept', 'Cache-Control': 'no-store' };

const NO_SUCH_CODE = problemResponse(
  'No document has this code: problem+json for programs, a page saying so for browsers.',
);

const pdfContent = (example: string) => ({
  'application/pdf': { schema: z.string().meta({ format: 'binary', example }) },
});

export function documentRoutes({ db, communes, publicUrl }: ApiDeps): RouteDefinition[] {
  const pages = publicUrl ?? 'http://127.0.0.1:3000';
  const communeName = (code: string | null) => (code && communes.get(code)?.name) ?? code ?? '';
  /** Revoked (an annulment undid it) outranks superseded (a correction issued it again). */
  const validity = (row: Pick<DocumentRow, 'revoked_at' | 'superseded_at'>) =>
    row.revoked_at ? 'revoked' : row.superseded_at ? 'superseded' : 'valid';
  const pdfReply = (pdf: Buffer, filename: string) => ({
    status: 200,
    body: pdf,
    contentType: 'application/pdf',
    headers: { 'Content-Disposition': `inline; filename="${filename}.pdf"` },
  });

  return [
    defineRoute({
      method: 'get',
      path: '/v1/cases/{caseId}/receipt.pdf',
      operationId: 'getReceipt',
      summary: 'the desk receipt: what was received, and the date the result is due (PDF)',
      description:
        'Giấy tiếp nhận hồ sơ và hẹn trả kết quả (form 01, Circular 01/2018/TT-VPCP): the case ' +
        'code, the applicant, each item of the dossier received, when it was received, the ' +
        'appointment date (the case’s legal deadline in working days), a QR code to the case’s ' +
        'page and one to its own verification. Kept as first printed: every print is the same ' +
        'document.',
      tags: ['cases'],
      access: [Role.citizen, Role.clerk, Role.supervisor, Role.admin],
      request: { params: CaseParams },
      responses: {
        200: {
          description: 'the receipt',
          content: pdfContent(
            '%PDF-1.7 … (Giấy tiếp nhận hồ sơ và hẹn trả kết quả KS-00004-2612-000123)',
          ),
        },
        404: problemResponse(
          'No such case (or not yours), or one filed before receipts were kept.',
        ),
      },
      handle: async ({ params, principal }) => {
        const found = await findVisibleCase(db, principal, params.caseId, PROJECTION_WAIT_MS);
        if (!found) throw new HttpProblem(ApiError.NOT_FOUND);
        const caseId = found.row.case_id;
        const facts = await findReceipt(db, caseId);
        if (!facts)
          throw new HttpProblem(ApiError.NOT_FOUND, {
            vi: 'hồ sơ này được nộp trước khi có giấy tiếp nhận: không có giấy tiếp nhận để in',
            en: 'this case was filed before receipts were kept: there is no receipt to print',
          });
        const code = verificationCode(randomBytes(12));
        const kept = await keepReceipt(
          db,
          { caseId, caseCode: facts.caseCode, issuer: ONE_STOP_DESK, verifyCode: code },
          () =>
            renderReceipt({
              facts,
              communeName: communeName(facts.receivingCommune),
              appointment: found.row.deadline,
              receivedBy: facts.receivedBy,
              trackingUrl: `${pages}/cases/${encodeURIComponent(caseId)}`,
              verification: { url: verifyUrl(pages, code), code },
            }),
        );
        return pdfReply(kept.pdf, facts.caseCode);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/cases/{caseId}/documents',
      operationId: 'listDocuments',
      summary: 'the documents a case handed out: its receipt and each step’s signed result',
      description:
        'Each completed step that hands out a document (birth and death extracts, the residence ' +
        'notices, the health-insurance card, the benefit decisions) lists it here, signed by its ' +
        'agency (PAdES); the receipt is listed once printed. A document is `pending` for the ' +
        'moment it takes to render and sign; `revoked` once an annulment undid it.',
      tags: ['cases'],
      access: [Role.citizen, Role.clerk, Role.officer, Role.supervisor, Role.admin],
      request: { params: CaseParams },
      responses: {
        200: { description: 'its documents', content: jsonContent(DocumentList) },
        404: problemResponse('No such case (or not yours).'),
      },
      handle: async ({ params, principal }) => {
        const found = await findVisibleCase(db, principal, params.caseId);
        if (!found) throw new HttpProblem(ApiError.NOT_FOUND);
        const caseId = found.row.case_id;
        const rows = await caseDocuments(db, caseId);
        return {
          status: 200,
          body: DocumentList.parse({
            items: rows.map((row) => ({
              documentId: row.document_id,
              kind: row.kind,
              title: DOCUMENT_TITLES[row.kind as DocumentKind].vi,
              number: row.number,
              issuer: issuerName(row.issuer, communeName(found.row.commune)),
              state: row.state,
              validity: validity(row),
              ...(row.issued_at && { issuedAt: row.issued_at }),
              ...(row.state === 'issued' && {
                href: `/v1/cases/${encodeURIComponent(caseId)}/documents/${row.document_id}`,
              }),
              verifyUrl: verifyUrl(pages, row.verify_code),
              ...(row.sha256 && { sha256: row.sha256 }),
            })),
          }),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/cases/{caseId}/documents/{documentId}',
      operationId: 'getDocument',
      summary: 'one document of a case, as issued and signed (PDF)',
      tags: ['cases'],
      access: [Role.citizen, Role.clerk, Role.officer, Role.supervisor, Role.admin],
      request: { params: DocumentParams },
      responses: {
        200: { description: 'the PDF', content: pdfContent('%PDF-1.7 … (Trích lục khai sinh)') },
        404: problemResponse('No such case or document (or not yours), or not issued yet.'),
      },
      handle: async ({ params, principal }) => {
        const found = await findVisibleCase(db, principal, params.caseId);
        if (!found) throw new HttpProblem(ApiError.NOT_FOUND);
        const document = await documentPdf(db, found.row.case_id, params.documentId);
        if (!document) throw new HttpProblem(ApiError.NOT_FOUND);
        return pdfReply(document.pdf, `${document.kind}-${document.number.replace(/\W+/g, '-')}`);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/verify/{code}',
      operationId: 'verifyDocument',
      summary: 'public verification of a document by the code under its QR code (no sign-in)',
      description:
        'What the document is, its number, issuer and date, whether it is valid, was revoked or ' +
        'superseded by a new issue (after a correction of the record), ' +
        'and the SHA-256 of the PDF as issued — nothing about the person it concerns. A page ' +
        'for browsers (the QR code opens it), JSON for `Accept: application/json`. Every ' +
        'verification is audited; the route is rate-limited per client address.',
      tags: ['documents'],
      access: 'public',
      request: { params: VerifyParams },
      responses: {
        200: {
          description: 'the document it stands for',
          content: {
            'application/json': { schema: Verification },
            'text/html': { schema: z.string().meta({ example: '<!doctype html>…' }) },
          },
        },
        404: {
          ...NO_SUCH_CODE,
          content: {
            ...NO_SUCH_CODE.content,
            'text/html': { schema: z.string().meta({ example: '<!doctype html>…' }) },
          },
        },
        429: problemResponse('Too many verifications from this address: wait a minute.'),
      },
      handle: async ({ params, req }) => {
        const row = await documentByCode(db, params.code);
        await appendAudit(db, {
          actor: 'public',
          role: 'public',
          action: 'verifyDocument',
          caseId: row?.case_id,
          requestId: typeof req.id === 'string' ? req.id : undefined,
          outcome: row ? 200 : 404,
        });
        const wantsJson = req.accepts(['text/html', 'application/json']) === 'application/json';
        if (!row) {
          if (wantsJson) throw new HttpProblem(ApiError.NOT_FOUND);
          return {
            status: 404,
            headers: NOT_CACHED,
            contentType: 'text/html',
            body: verificationPage(params.code, undefined),
          };
        }
        const verification = Verification.parse({
          code: row.verify_code,
          kind: row.kind,
          title: DOCUMENT_TITLES[row.kind as DocumentKind],
          number: row.number,
          issuer: issuerName(row.issuer, communeName(row.commune)),
          issuedAt: row.issued_at,
          status: validity(row),
          ...(row.revoked_at && { revokedAt: row.revoked_at }),
          ...(row.superseded_at && { supersededAt: row.superseded_at }),
          sha256: row.sha256,
        });
        return wantsJson
          ? { status: 200, headers: NOT_CACHED, body: verification }
          : {
              status: 200,
              headers: NOT_CACHED,
              contentType: 'text/html',
              body: verificationPage(params.code, verification),
            };
      },
    }),
  ];
}
