// Group B's own actions on a case: relatives confirming the one payee of a lump-sum survivor
// allowance (or the applicant uploading the relatives' declaration instead), and the annulment of a
// finished case after a court annulled the declaration of death.
import { WorkflowExecutionAlreadyStartedError, type WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { z } from 'zod';
import type { DeathApplication } from '../../domain/DeathApplication';
import { ApiError } from '../../domain/errors';
import { PersonalIdNumber, Role } from '../../domain/principal';
import { CaseView } from '../../domain/procedures/views';
import type { deathAnnulment } from '../../workflows/death-annulment.workflow';
import { confirmPayee, getProcedureStatus, submitPayeeDeclaration } from '../../workflows/messages';
import { TASK_QUEUES } from '../../workflows/task-queues';
import { mayActForApplicant, visibleCase } from '../access';
import type { ApiDeps } from '../deps';
import { caseViewFor } from '../masking';
import { HttpProblem } from '../problem';
import { earlierOutcomeOrRefuse, requestAction } from '../action-requests';
import { defineRoute, type RouteDefinition } from '../route';
import { CaseParams } from '../schemas/case.schemas';
import { jsonContent } from '../schemas/content';
import { problemResponse } from '../schemas/problem.schemas';
import { safeText } from '../schemas/text';

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
    message: 'send either payeePin or declarationForm',
  })
  .meta({
    id: 'PayeeConfirmation',
    description: 'exactly one of `payeePin` and `declarationForm`',
    oneOf: [{ required: ['payeePin'] }, { required: ['declarationForm'] }],
    examples: [{ payeePin: '001062000111' }, { declarationForm: 'mau-09-HSB-ho-Le.pdf' }],
  });

export const Annulment = z
  .object({
    ruling: z.object({
      number: safeText(2, 60).describe('số bản án / quyết định'),
      court: safeText(2, 200),
      date: z.iso.date(),
    }),
    reason: safeText(3, 500, 'several lines'),
  })
  .meta({
    id: 'Annulment',
    examples: [
      {
        ruling: { number: '12/2026/QĐST-DS', court: 'TAND TP Hà Nội', date: '2026-12-01' },
        reason: 'the person declared dead has returned',
      },
    ],
  });

/** The arguments a workflow run was started with, from its history. */
type History = Awaited<ReturnType<WorkflowHandle['fetchHistory']>>;
const workflowInput = (history: History): unknown[] =>
  (history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? []).map((p) =>
    defaultPayloadConverter.fromPayload(p),
  );

const ANNULLABLE = new Set(['completed', 'partially_completed']);

export function deathCaseRoutes({ temporal, db }: ApiDeps): RouteDefinition[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/cases/{caseId}/payee-confirmations',
      operationId: 'confirmPayee',
      summary: 'confirm the payee of a lump-sum survivor allowance',
      description:
        'A named adult relative confirms the one payee (as in VNeID); or the applicant or clerk ' +
        'uploads the relatives’ declaration (Form 09-HSB) for those who cannot. The allowance is ' +
        'claimed once every adult relative confirmed, or the declaration arrived, before the deadline.',
      tags: ['cases'],
      access: [Role.citizen, Role.clerk],
      idempotent: true,
      request: { params: CaseParams, body: PayeeConfirmationBody },
      responses: {
        200: { description: 'the case with its confirmations', content: jsonContent(CaseView) },
        403: problemResponse(
          'The declaration comes from the applicant’s side (applicant, named relative, clerk).',
        ),
        404: problemResponse('No such case (or not yours).'),
        422: problemResponse(
          'Not a named adult relative, another payee, or no confirmation is awaited.',
        ),
      },
      handle: async ({ params, body, principal, requestId }) => {
        const row = await visibleCase(db, principal, params.caseId);
        const handle = temporal.workflow.getHandle(params.caseId);
        const current = await handle.query(getProcedureStatus);
        if (current.payee?.state !== 'awaiting') {
          const earlier = await earlierOutcomeOrRefuse<CaseView>(
            [handle],
            requestId,
            'no payee confirmation is awaited',
          );
          return { status: 200, body: caseViewFor(principal, earlier) };
        }
        if (body.payeePin !== undefined) {
          if (principal.role !== 'citizen')
            throw new HttpProblem(ApiError.FORBIDDEN, 'relatives confirm for themselves');
          const view = await requestAction(
            handle,
            confirmPayee,
            { relativePin: principal.pin, payeePin: body.payeePin, by: principal.sub },
            requestId,
          );
          return { status: 200, body: caseViewFor(principal, view) };
        }
        const parties = { commune: row.commune, partyPins: row.party_pins, agencies: [] };
        if (!mayActForApplicant(principal, parties)) throw new HttpProblem(ApiError.FORBIDDEN);
        const view = await requestAction(
          handle,
          submitPayeeDeclaration,
          { document: body.declarationForm ?? '', by: principal.sub },
          requestId,
        );
        return { status: 200, body: caseViewFor(principal, view) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/cases/{caseId}/annulment',
      operationId: 'annulCase',
      summary: 'annul a finished death case after a court ruling',
      description:
        'Compensates in reverse order: residence restored, benefits revoked and a reclaim opened ' +
        'for what was paid, the pension reinstated, the ruling recorded on the death record. Each ' +
        'step happens once; the case shows `annulled` and each undone step `compensated`.',
      tags: ['cases'],
      access: [Role.admin, Role.officer],
      idempotent: true,
      request: { params: CaseParams, body: Annulment },
      responses: {
        202: {
          description: 'compensation started; follow the case',
          content: jsonContent(CaseView),
        },
        403: problemResponse('Only civil-status officers (recording the ruling) and admins.'),
        404: problemResponse('No such case (or not yours).'),
        422: problemResponse('Not a finished death case, or already annulled.'),
      },
      handle: async ({ params, body, principal }) => {
        const row = await visibleCase(db, principal, params.caseId);
        if (principal.role === 'officer' && principal.agency !== 'civil-status')
          throw new HttpProblem(ApiError.FORBIDDEN, 'civil status records a court’s annulment');
        if (row.procedure !== 'death-residence-funeral')
          throw new HttpProblem(ApiError.UNPROCESSABLE, 'only a declaration of death is annulled');
        const previous = await temporal.workflow.getHandle(params.caseId).query(getProcedureStatus);
        if (!ANNULLABLE.has(previous.status))
          throw new HttpProblem(ApiError.UNPROCESSABLE, `the case is ${previous.status}`);
        // A finished case's workflow closes a moment after its last change: wait for that.
        await temporal.workflow.getHandle(params.caseId).result();
        // The application as filed: the input of the case's own run (the read model keeps no contact).
        const history = await temporal.workflow.getHandle(params.caseId).fetchHistory();
        const [{ application }] = workflowInput(history) as [{ application: DeathApplication }];
        try {
          await temporal.workflow.start<typeof deathAnnulment>('deathAnnulment', {
            taskQueue: TASK_QUEUES.orchestration,
            workflowId: params.caseId,
            args: [
              {
                previous,
                deceasedPin: application.deceased.pin,
                partyPins: row.party_pins,
                contact: { phone: application.applicant.phone, language: application.language },
                ruling: body.ruling,
                reason: body.reason,
              },
            ],
          });
        } catch (error) {
          if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
          throw new HttpProblem(ApiError.UNPROCESSABLE, 'the case is still running');
        }
        return {
          status: 202,
          headers: { Location: `/v1/cases/${encodeURIComponent(params.caseId)}` },
          body: caseViewFor(principal, { ...previous, status: 'annulled' }),
        };
      },
    }),
  ];
}
