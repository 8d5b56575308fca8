// Documents a case hands out (issue 21): the desk receipt, printed right after filing.
import { z } from 'zod';
import { findReceipt } from '../../db/queries/receipts.queries';
import { ApiError } from '../../domain/errors';
import { Role } from '../../domain/principal';
import { findVisibleCase } from '../access';
import type { ApiDeps } from '../deps';
import { renderReceipt } from '../documents/receipt-pdf';
import { HttpProblem } from '../problem';
import { defineRoute, type RouteDefinition } from '../route';
import { CaseParams } from '../schemas/case.schemas';
import { problemResponse } from '../schemas/problem.schemas';

/** A receipt is asked for right after filing: the case may take a moment to reach the read model. */
const PROJECTION_WAIT_MS = 5_000;

export function documentRoutes({ db, communes, publicUrl }: ApiDeps): RouteDefinition[] {
  const pages = publicUrl ?? 'http://127.0.0.1:3000';
  return [
    defineRoute({
      method: 'get',
      path: '/v1/cases/{caseId}/receipt.pdf',
      operationId: 'getReceipt',
      summary: 'the desk receipt: what was received, and the date the result is due (PDF)',
      description:
        'Giấy tiếp nhận hồ sơ và hẹn trả kết quả (form 01, Circular 01/2018/TT-VPCP): the case ' +
        'code, the applicant, each item of the dossier received, when it was received, the ' +
        'appointment date (the case’s legal deadline in working days) and a QR code to the ' +
        'case’s page.',
      tags: ['cases'],
      access: [Role.citizen, Role.clerk, Role.supervisor, Role.admin],
      request: { params: CaseParams },
      responses: {
        200: {
          description: 'the receipt',
          content: {
            'application/pdf': {
              schema: z.string().meta({
                format: 'binary',
                example:
                  '%PDF-1.7 … (Giấy tiếp nhận hồ sơ và hẹn trả kết quả KS-00004-2612-000123)',
              }),
            },
          },
        },
        404: problemResponse(
          'No such case (or not yours), or one filed before receipts were kept.',
        ),
      },
      handle: async ({ params, principal }) => {
        const found = await findVisibleCase(db, principal, params.caseId, PROJECTION_WAIT_MS);
        if (!found) throw new HttpProblem(ApiError.NOT_FOUND);
        const facts = await findReceipt(db, found.row.case_id);
        if (!facts)
          throw new HttpProblem(ApiError.NOT_FOUND, {
            vi: 'hồ sơ này được nộp trước khi có giấy tiếp nhận: không có giấy tiếp nhận để in',
            en: 'this case was filed before receipts were kept: there is no receipt to print',
          });
        const pdf = await renderReceipt({
          facts,
          communeName: communes.get(facts.receivingCommune)?.name ?? facts.receivingCommune,
          appointment: found.row.deadline,
          trackingUrl: `${pages}/cases/${encodeURIComponent(found.row.case_id)}`,
        });
        return {
          status: 200,
          body: Buffer.from(pdf),
          contentType: 'application/pdf',
          headers: { 'Content-Disposition': `inline; filename="${facts.caseCode}.pdf"` },
        };
      },
    }),
  ];
}
