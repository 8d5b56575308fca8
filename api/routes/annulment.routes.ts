// The annulment of a finished death case after a court annulled the declaration of death, as
// maker–checker (issue 19): one civil-status officer of the case's jurisdiction records the ruling,
// which only asks (a pending request, migration 0013); a second, different one approves it — and
// only then does the compensation start, as the case's next run (workflows/death-annulment.workflow.ts)
// — or rejects it. Both must be active in the officer directory. The checker is an officer, not the
// supervisor: DESIGN.md §3 gives officers "record or approve an annulment (two different people)",
// while a supervisor sees what their commune's officers see and routes work, and does not decide an
// agency's matters; civil status, which keeps the death record, decides its annulment. Admins
// configure and operate, and neither record nor approve. Every call is audited (api/route.ts); the
// request keeps who recorded and who decided it.
import {
  WorkflowExecutionAlreadyStartedError,
  type Client,
  type WorkflowHandle,
} from '@temporalio/client';
import {
  decidePendingAnnulment,
  listAnnulments,
  recordAnnulment,
  type AnnulmentRow,
} from '../../db/annulments.repository';
import { isOfficerOf } from '../../db/officers.repository';
import { readCaseView } from '../../db/queries/case-view.queries';
import { findCase, type CaseRow } from '../../db/queries/cases.queries';
import type { DeathApplication } from '../../domain/DeathApplication';
import { ApiError } from '../../domain/errors';
import { Agency, Role, type Principal } from '../../domain/principal';
import { CaseView } from '../../domain/procedures/views';
import type { deathAnnulment } from '../../workflows/death-annulment.workflow';
import { TASK_QUEUES } from '../../workflows/task-queues';
import { visibleCase } from '../access';
import type { ApiDeps } from '../deps';
import { caseViewFor } from '../masking';
import { refusal, refusalWords } from '../../domain/procedures/refusals';
import { HttpProblem } from '../problem';
import { defineRoute, type RouteDefinition } from '../route';
import { CaseParams } from '../schemas/case.schemas';
import { jsonContent } from '../schemas/content';
import { problemResponse } from '../schemas/problem.schemas';
import {
  Annulment,
  AnnulmentRejection,
  AnnulmentRequest,
  AnnulmentRequests,
} from '../schemas/annulment.schemas';

const toRequest = (row: AnnulmentRow) => ({
  requestId: row.request_id,
  caseId: row.case_id,
  ruling: {
    number: row.ruling_number,
    court: row.court,
    date: row.ruling_date,
    document: row.document,
  },
  reason: row.reason,
  state: row.state,
  recordedBy: row.recorded_by,
  recordedAt: row.recorded_at,
  decidedBy: row.decided_by,
  decidedAt: row.decided_at,
  decisionNote: row.decision_note,
});

/**
 * The arguments a workflow run was started with, from its history: a history is fetched as stored
 * (encrypted), so it is decoded as the client decodes what it reads (codecs in reverse order).
 */
type History = Awaited<ReturnType<WorkflowHandle['fetchHistory']>>;
async function workflowInput(temporal: Client, history: History): Promise<unknown[]> {
  const { payloadConverter, payloadCodecs } = temporal.options.loadedDataConverter;
  let payloads =
    history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
  for (const codec of [...payloadCodecs].reverse()) payloads = await codec.decode(payloads);
  return payloads.map((p) => payloadConverter.fromPayload(p));
}

const ANNULLABLE = new Set(['completed', 'partially_completed']);

const NO_ANNULMENT_PENDING = {
  vi: 'không có yêu cầu hủy bỏ nào của hồ sơ này đang chờ',
  en: 'no annulment of this case is pending',
};
const ONLY_CIVIL_STATUS = {
  vi: 'chỉ cán bộ hộ tịch của địa bàn có trong danh bạ cán bộ mới ghi nhận hoặc phê duyệt việc hủy',
  en: 'only a civil-status officer of the jurisdiction, listed in the officer directory, records or approves an annulment',
};

export function annulmentRoutes({ temporal, db }: ApiDeps): RouteDefinition[] {
  /** The death case, seen by an authorised civil-status officer; otherwise 404/403/422. */
  const caseForCivilStatus = async (
    principal: Extract<Principal, { role: 'officer' }>,
    caseId: string,
  ): Promise<CaseRow> => {
    const row = await visibleCase(db, principal, caseId);
    if (
      principal.agency !== Agency.civilStatus ||
      !(await isOfficerOf(db, principal.sub, {
        agency: Agency.civilStatus,
        jurisdiction: row.commune,
      }))
    )
      throw new HttpProblem(ApiError.FORBIDDEN, ONLY_CIVIL_STATUS);
    if (row.procedure !== 'death-residence-funeral')
      throw new HttpProblem(ApiError.UNPROCESSABLE, {
        vi: 'chỉ việc khai tử mới được hủy bỏ theo cách này',
        en: 'only a declaration of death is annulled',
      });
    return row;
  };
  /**
   * The finished case as its workflow last projected it (the read model, not a query: see
   * api/action-requests.ts); 422 unless it may be annulled.
   */
  const annullable = async (caseId: string): Promise<CaseView> => {
    const row = await findCase(db, caseId);
    if (!row) throw new HttpProblem(ApiError.NOT_FOUND);
    const previous = await readCaseView(db, row);
    if (!ANNULLABLE.has(previous.status))
      throw new HttpProblem(
        ApiError.UNPROCESSABLE,
        refusalWords(refusal('caseAlready', { status: previous.status })),
      );
    return previous;
  };
  const notYourOwn = (request: AnnulmentRow, principal: Principal) => {
    if (request.recorded_by === principal.sub)
      throw new HttpProblem(ApiError.FORBIDDEN, {
        vi: 'người ghi nhận yêu cầu hủy không được tự phê duyệt hoặc từ chối: cần một cán bộ hộ tịch khác',
        en: 'the officer who recorded the annulment may not decide it: a second civil-status officer must',
      });
  };

  return [
    defineRoute({
      method: 'post',
      path: '/v1/cases/{caseId}/annulment',
      operationId: 'annulCase',
      summary: 'record a court ruling annulling a finished death case (awaits a second officer)',
      description:
        'Records the ruling as a pending annulment request; nothing is undone yet. A second, ' +
        'different civil-status officer approves it (`/annulment/approval`), which starts the ' +
        'compensation, or rejects it (`/annulment/rejection`).',
      tags: ['cases'],
      access: [Role.officer],
      idempotent: true,
      request: { params: CaseParams, body: Annulment },
      responses: {
        201: { description: 'recorded, pending approval', content: jsonContent(AnnulmentRequest) },
        403: problemResponse('Only civil-status officers of the case, listed in the directory.'),
        404: problemResponse('No such case (or not yours).'),
        409: problemResponse('An annulment of this case is already pending or approved.'),
        422: problemResponse('Not a finished death case, or already annulled.'),
      },
      handle: async ({ params, body, principal }) => {
        await caseForCivilStatus(principal, params.caseId);
        await annullable(params.caseId);
        const recorded = await recordAnnulment(db, {
          caseId: params.caseId,
          ruling: body.ruling,
          reason: body.reason,
          by: principal.sub,
        });
        if (!recorded)
          throw new HttpProblem(ApiError.CONFLICT, {
            vi: 'hồ sơ này đã có yêu cầu hủy đang chờ phê duyệt hoặc đã được phê duyệt',
            en: 'an annulment of this case is already pending or approved',
          });
        return {
          status: 201,
          headers: { Location: `/v1/cases/${encodeURIComponent(params.caseId)}/annulment` },
          body: toRequest(recorded),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/cases/{caseId}/annulment',
      operationId: 'listAnnulmentRequests',
      summary: 'the annulment requests of a case, newest first',
      tags: ['cases'],
      access: [Role.officer, Role.supervisor, Role.admin],
      request: { params: CaseParams },
      responses: {
        200: {
          description: 'pending, approved or rejected; none when no ruling was recorded',
          content: jsonContent(AnnulmentRequests),
        },
        404: problemResponse('No such case (or not yours).'),
      },
      handle: async ({ params, principal }) => {
        await visibleCase(db, principal, params.caseId);
        const rows = await listAnnulments(db, params.caseId);
        return { status: 200, body: { items: rows.map(toRequest) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/cases/{caseId}/annulment/approval',
      operationId: 'approveAnnulment',
      summary: 'approve a recorded annulment (a second officer): the compensation starts',
      description:
        'Compensates in reverse order: residence restored, benefits revoked and a reclaim opened ' +
        'for what was paid, the pension reinstated, the ruling recorded on the death record. Each ' +
        'step happens once; the case shows `annulled` and each undone step `compensated`.',
      tags: ['cases'],
      access: [Role.officer],
      idempotent: true,
      request: { params: CaseParams },
      responses: {
        202: {
          description: 'compensation started; follow the case',
          content: jsonContent(CaseView),
        },
        403: problemResponse(
          'Not an authorised civil-status officer, or the one who recorded the request.',
        ),
        404: problemResponse('No such case (or not yours).'),
        422: problemResponse('No annulment is pending, or the case can no longer be annulled.'),
      },
      handle: async ({ params, principal }) => {
        const row = await caseForCivilStatus(principal, params.caseId);
        let previous: CaseView | undefined;
        const approved = await decidePendingAnnulment(
          db,
          params.caseId,
          { state: 'approved', by: principal.sub },
          async (request) => {
            notYourOwn(request, principal);
            previous = await annullable(params.caseId);
            await startCompensation(row, previous, request);
          },
        );
        if (!approved || !previous)
          throw new HttpProblem(ApiError.UNPROCESSABLE, NO_ANNULMENT_PENDING);
        return {
          status: 202,
          headers: { Location: `/v1/cases/${encodeURIComponent(params.caseId)}` },
          body: caseViewFor(principal, { ...previous, status: 'annulled' }),
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/cases/{caseId}/annulment/rejection',
      operationId: 'rejectAnnulment',
      summary: 'reject a recorded annulment (a second officer): nothing is undone',
      tags: ['cases'],
      access: [Role.officer],
      idempotent: true,
      request: { params: CaseParams, body: AnnulmentRejection },
      responses: {
        200: { description: 'rejected', content: jsonContent(AnnulmentRequest) },
        403: problemResponse(
          'Not an authorised civil-status officer, or the one who recorded the request.',
        ),
        404: problemResponse('No such case (or not yours).'),
        422: problemResponse('No annulment is pending.'),
      },
      handle: async ({ params, body, principal }) => {
        await caseForCivilStatus(principal, params.caseId);
        const rejected = await decidePendingAnnulment(
          db,
          params.caseId,
          { state: 'rejected', by: principal.sub, note: body.reason },
          (request) => Promise.resolve(notYourOwn(request, principal)),
        );
        if (!rejected) throw new HttpProblem(ApiError.UNPROCESSABLE, NO_ANNULMENT_PENDING);
        return { status: 200, body: toRequest(rejected) };
      },
    }),
  ];

  /** Starts the compensation as the case's next run, as the single-officer annulment did. */
  async function startCompensation(
    row: CaseRow,
    previous: CaseView,
    request: AnnulmentRow,
  ): Promise<void> {
    const handle = temporal.workflow.getHandle(row.case_id);
    // A finished case's workflow closes a moment after its last change: wait for that.
    await handle.result();
    // The application as filed: the input of the case's own run (the read model keeps no contact).
    const [{ application }] = (await workflowInput(temporal, await handle.fetchHistory())) as [
      { application: DeathApplication },
    ];
    try {
      await temporal.workflow.start<typeof deathAnnulment>('deathAnnulment', {
        taskQueue: TASK_QUEUES.orchestration,
        workflowId: row.case_id,
        args: [
          {
            previous,
            deceasedPin: application.deceased.pin,
            partyPins: row.party_pins,
            contact: { phone: application.applicant.phone, language: application.language },
            ruling: {
              number: request.ruling_number,
              court: request.court,
              date: request.ruling_date,
            },
            reason: request.reason,
          },
        ],
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      throw new HttpProblem(ApiError.UNPROCESSABLE, {
        vi: 'hồ sơ vẫn đang được xử lý',
        en: 'the case is still running',
      });
    }
  }
}
