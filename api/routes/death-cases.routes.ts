// Group B's own actions on a case: relatives confirming the one payee of a lump-sum survivor
// allowance (or the applicant uploading the relatives' declaration instead). The annulment of a
// finished case is api/routes/annulment.routes.ts.
import { z } from 'zod';
import { ApiError } from '../../domain/errors';
import { PersonalIdNumber, Role } from '../../domain/principal';
import { CaseView } from '../../domain/procedures/views';
import { confirmPayee, submitPayeeDeclaration } from '../../workflows/messages';
import { mayActAsApplicant, visibleCase } from '../access';
import type { ApiDeps } from '../deps';
import { caseViewFor } from '../masking';
import { HttpProblem } from '../problem';
import { refusal } from '../../domain/procedures/refusals';
import { earlierOutcomeOrRefuse, requestAction } from '../action-requests';
import { defineRoute, type RouteDefinition } from '../route';
import { CaseParams } from '../schemas/case.schemas';
import { jsonContent } from '../schemas/content';
import { problemResponse } from '../schemas/problem.schemas';
import { safeText } from '../schemas/text';
import { rule } from '../../domain/rule-texts';

export const PayeeConfirmationBody = z
  .object({
    payeePin: PersonalIdNumber.optional().describe(
      'a named adult relative confirms this payee (the caller’s own PIN is the relative)',
    ),
    declarationForm: safeText(1, 300)
      .optional()
      .describe('reference of the uploaded relatives’ declaration (Form 09-HSB), instead'),
  })
  .refine((b) => (b.payeePin === undefined) !== (b.declarationForm === undefined), {
    message: rule('payeeOrDeclaration'),
  })
  .meta({
    id: 'PayeeConfirmation',
    description: 'exactly one of `payeePin` and `declarationForm`',
    oneOf: [{ required: ['payeePin'] }, { required: ['declarationForm'] }],
    examples: [{ payeePin: '001162000111' }, { declarationForm: 'mau-09-HSB-ho-Le.pdf' }],
  });

export function deathCaseRoutes({ temporal, db }: ApiDeps): RouteDefinition[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/cases/{caseId}/payee-confirmations',
      operationId: 'confirmPayee',
      summary: 'confirm the payee of a lump-sum survivor allowance',
      description:
        'A named adult relative confirms the one payee (as in VNeID); or the applicant or a clerk ' +
        'of the commune submits the relatives’ declaration (Form 09-HSB, a document reference) for ' +
        'those who cannot, which a BHXH officer verifies (a task in their inbox) before it replaces ' +
        'the confirmations. The allowance is claimed once every adult relative confirmed, or the ' +
        'verified declaration stands, before the deadline.',
      tags: ['cases'],
      access: [Role.citizen, Role.clerk],
      idempotent: true,
      request: { params: CaseParams, body: PayeeConfirmationBody },
      responses: {
        200: { description: 'the case with its confirmations', content: jsonContent(CaseView) },
        403: problemResponse(
          'Relatives confirm for themselves; the declaration comes from the applicant or a clerk ' +
            'of the commune.',
        ),
        404: problemResponse('No such case (or not yours).'),
        422: problemResponse(
          'Not a named adult relative, another payee, or no confirmation is awaited.',
        ),
      },
      handle: async ({ params, body, principal, requestId }) => {
        const row = await visibleCase(db, principal, params.caseId);
        const handle = temporal.workflow.getHandle(params.caseId);
        // Whether a payee is awaited is the workflow's to say (its refusal names why not); the read
        // model only knows whether the case claims a lump sum at all, which never changes.
        const refused = () =>
          earlierOutcomeOrRefuse<CaseView>(
            db,
            [handle],
            requestId,
            refusal('noPayeeConfirmationAwaited'),
          );
        if (row.view.payee === undefined)
          return { status: 200, body: caseViewFor(principal, await refused()) };
        if (body.payeePin !== undefined) {
          if (principal.role !== 'citizen')
            throw new HttpProblem(ApiError.FORBIDDEN, {
              vi: 'mỗi thân nhân tự xác nhận người nhận',
              en: 'relatives confirm for themselves',
            });
          const view = await requestAction(
            db,
            handle,
            confirmPayee,
            { relativePin: principal.pin, payeePin: body.payeePin, by: principal.sub },
            requestId,
            refused,
          );
          return { status: 200, body: caseViewFor(principal, view) };
        }
        const parties = { commune: row.commune, partyPins: row.party_pins, agencies: [] };
        // The declaration speaks for every relative who has not confirmed: only the applicant (who
        // gathers the relatives' signatures) or the commune's one-stop clerk submits it (issue 19);
        // the applicant is the first of the case's parties (access.ts, mayActAsApplicant).
        if (!mayActAsApplicant(principal, parties))
          throw new HttpProblem(
            ApiError.DECLARATION_NOT_APPLICANT,
            {
              vi: 'chỉ người nộp hồ sơ hoặc công chức một cửa của xã nộp tờ khai của thân nhân',
              en: 'only the applicant or a clerk of the commune submits the relatives’ declaration',
            },
            {
              reason: {
                vi: 'Chỉ người nộp hồ sơ hoặc công chức một cửa của xã nộp tờ khai của thân nhân (mẫu 09-HSB).',
                en: 'Only the applicant or a one-stop clerk of the commune submits the relatives’ declaration (Form 09-HSB).',
              },
            },
          );
        const view = await requestAction(
          db,
          handle,
          submitPayeeDeclaration,
          { document: body.declarationForm ?? '', by: principal.sub },
          requestId,
          refused,
        );
        return { status: 200, body: caseViewFor(principal, view) };
      },
    }),
  ];
}
