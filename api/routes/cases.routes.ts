// Filing, following and withdrawing linked applications. A case, its steps and lists are read from
// the read model (STYLE rule 27); a running workflow is never queried (api/action-requests.ts).
import { randomUUID } from 'node:crypto';
import { fileCase } from '../../db/case-starts.repository';
import { assignCaseCode } from '../../db/filings.repository';
import { readCaseView } from '../../db/queries/case-view.queries';
import {
  casesOfParty,
  findCase,
  searchCases,
  type CaseFilter,
  type CaseRow,
} from '../../db/queries/cases.queries';
import { parseCaseCode } from '../../domain/case-code';
import { vietnamDate } from '../../domain/calendar/vietnam';
import { calendarFor } from '../calendar-delivery';
import { ApiError } from '../../domain/errors';
import { Role, type Principal } from '../../domain/principal';
import { CaseStatus, isFinal } from '../../domain/procedures/case-status';
import { CaseView, StepView } from '../../domain/procedures/views';
import { receiptFacts } from '../../domain/receipt';
import { submitSupplement, withdrawCase } from '../../workflows/messages';
import { duplicateFiling, mayActAsApplicant, visibleCase } from '../access';
import { createCaseStarter } from '../case-starts';
import type { ApiDeps } from '../deps';
import { caseViewFor } from '../masking';
import { verifyDeathFiling } from '../death-filing';
import {
  applicationSchema,
  caseStart,
  previousCaseId,
  receivedView,
  refiledCaseId,
  type CaseStart,
} from '../filing';
import { caseClocks, deadlineClock } from '../deadline-clocks';
import { HttpProblem, ONLY_OWN_COMMUNE } from '../problem';
import { refusal } from '../../domain/procedures/refusals';
import { earlierOutcomeOrRefuse, requestAction } from '../action-requests';
import { jsonContent } from '../schemas/content';
import { defineRoute, type RouteDefinition } from '../route';
import {
  CaseList,
  CaseParams,
  CaseSearch,
  FiledCase,
  Supplement,
  Withdrawal,
} from '../schemas/case.schemas';
import { problemResponse } from '../schemas/problem.schemas';
import type { AttachmentRow } from '../../db/uploads.repository';
import { CaseRead } from '../schemas/upload.schemas';
import { attachmentSettingsOf } from '../uploads/attachments';
import {
  answerSupplement,
  caseFiles,
  confirmAnswer,
  fileWithAttachments,
} from '../uploads/case-files';

const summarize = (row: CaseRow) => ({
  caseId: row.case_id,
  ...(typeof row.view.caseCode === 'string' && { caseCode: row.view.caseCode }),
  ...(row.main_name && { name: row.main_name }),
  procedure: row.procedure,
  status: row.status,
  commune: row.commune,
  receivedAt: row.received_at,
  deadline: row.deadline,
  overdue: !isFinal(row.status) && Date.parse(row.deadline) < Date.now(),
  breached: row.breached,
});

/** What one search box holds: a PIN, a case code, or part of a name. */
function searchBox(text: string | undefined): Pick<CaseFilter, 'pin' | 'code' | 'name'> {
  if (text === undefined) return {};
  if (/^\d{12}$/.test(text)) return { pin: text };
  const code = parseCaseCode(text);
  return code ? { code } : { name: text };
}

/** Who received a citizen's own filing, on the receipt. */
const PORTAL = 'Cổng Dịch vụ công quốc gia';

/** A business key is filed again only after its latest case ended without what it asked for. */
const REFILABLE = new Set<string>([CaseStatus.withdrawn, CaseStatus.rejected]);

export function caseRoutes(deps: ApiDeps): RouteDefinition[] {
  const { temporal, db } = deps;
  const starter = createCaseStarter({ temporal, db, logger: deps.logger });
  const attachments = attachmentSettingsOf(deps);
  const application = applicationSchema({
    today: () => vietnamDate(Date.now()),
    isKnownCommune: (code) => deps.communes.has(code),
  });

  /**
   * Starts the business key's next case and answers its id and code: the first filing's id, or —
   * after a withdrawal or a rejection — the next refiling id (api/filing.ts says why a new id). Any
   * other case under the key, still open or finished with a result, is a 409. A case id keeps the
   * code it was given first (a retried filing gets the same).
   */
  const startFiling = async (
    start: CaseStart,
    principal: Principal,
    requestId: string | undefined,
    uploadIds: readonly string[],
  ) => {
    for (let filing = 1; ; filing += 1) {
      const caseId = refiledCaseId(start.caseId, filing);
      const filed = await fileWithAttachments(
        db,
        attachments,
        { caseId, principal, uploadIds },
        (attached) => startOne(start, principal, requestId, caseId, attached),
      );
      if (filed.started) return { ...filed.value, attached: filed.attached };
    }
  };

  /**
   * Files the business key's case `caseId` (db/case-starts.repository.ts: one transaction, then its
   * workflow started from it); not filed: it exists and may be refiled.
   */
  const startOne = async (
    start: CaseStart,
    principal: Principal,
    requestId: string | undefined,
    caseId: string,
    attached: readonly AttachmentRow[],
  ): Promise<
    { started: true; value: { caseId: string; caseCode: string } } | { started: false }
  > => {
    const [input] = start.args;
    const caseCode = await assignCaseCode(db, caseId, start.codeSeries);
    const facts = receiptFacts(input.application, {
      caseCode,
      receivedAt: input.receivedAt,
      receivedBy: principal.role === 'clerk' ? (principal.name ?? principal.sub) : PORTAL,
    });
    // Each file handed in is an item received, as the desk received it.
    const items = [...facts.items, ...attached.map((a) => `${a.item} (tệp đính kèm)`)];
    const row = {
      case_id: caseId,
      filing_id: randomUUID(),
      workflow_type: start.workflowType,
      input: { ...input, caseCode },
      attempts: 0,
    };
    const filed = await fileCase(db, {
      ...row,
      requestId,
      application: input.application,
      receipt: { ...facts, items },
      view: receivedView(start, caseId, caseCode),
      leaseMs: starter.settings.leaseMs,
    });
    if (filed.filed) starter.startSoon(row);
    // This very filing again (its key), its first reply lost — the API died, or could not keep
    // the reply: the case it filed is the answer, not a conflict (the relay starts it if need be).
    if (filed.filed || (requestId !== undefined && filed.requestId === requestId))
      return { started: true, value: { caseId, caseCode } };
    // The case's state: a withdrawn case's workflow may still be cancelling its steps, and the
    // applicant may file again at once (the withdrawal is answered once its status is projected).
    // From the read model, not a query of the running workflow (api/action-requests.ts says why).
    const status = (await findCase(db, caseId))?.status;
    if (status === undefined || !REFILABLE.has(status))
      throw await duplicateFiling(db, principal, caseId, start.duplicate);
    return { started: false };
  };

  return [
    defineRoute({
      method: 'post',
      path: '/v1/cases',
      operationId: 'fileCase',
      summary: 'file a linked application',
      description:
        'Birth → permanent residence ∥ health-insurance card (procedure `birth-residence-insurance`, ' +
        'one case per medical birth certificate), or death → residence removal ∥ funeral and survivor ' +
        'allowances (procedure `death-residence-funeral`, one case per deceased person). Filing the ' +
        'same business key again answers 409 — with the existing case id to those who may read that ' +
        'case, and only `API.FILING_NOT_ACCEPTED` (no id) to anyone else — unless its latest case ' +
        'was withdrawn or rejected: then the filing is a new case, `<earlier id>~<n>`, naming the ' +
        'earlier one in `previousCaseId`.',
      tags: ['cases'],
      access: [Role.citizen, Role.clerk],
      idempotent: true,
      request: { body: application },
      responses: {
        202: { description: 'received; follow it at Location', content: jsonContent(FiledCase) },
        403: problemResponse(
          'A clerk files only for their commune; a citizen only as the applicant, and a death ' +
            'only as a relative of the deceased in the population database.',
        ),
        422: problemResponse(
          'A named relative of the deceased is not one in the population database; or an ' +
            '`attachments` upload is not the caller’s (`API.ATTACHMENT_UNKNOWN`), or the case ' +
            'would hold too many (`API.TOO_MANY_ATTACHMENTS`).',
        ),
        503: problemResponse('The population database cannot be asked now; try again.'),
        409: problemResponse(
          'A case for this birth certificate or deceased person exists: `caseId` names it to those ' +
            'who may read it; anyone else gets `API.FILING_NOT_ACCEPTED` without it. Or an ' +
            '`attachments` upload is attached to a case already (`API.ATTACHMENT_TAKEN`).',
        ),
      },
      handle: async ({ body: filing, principal, requestId }) => {
        // Attachments stay out of the workflow's input: they are the case's rows in PostgreSQL.
        const { attachments: handedIn, ...body } = filing;
        if (principal.role === 'clerk' && body.receivingCommune !== principal.jurisdiction) {
          throw new HttpProblem(ApiError.FORBIDDEN, {
            vi: 'công chức một cửa chỉ tiếp nhận hồ sơ tại xã/phường của mình',
            en: 'a clerk files at their own commune',
          });
        }
        if (principal.role === 'citizen' && body.applicant.pin !== principal.pin) {
          throw new HttpProblem(ApiError.FORBIDDEN, {
            vi: 'công dân tự nộp hồ sơ với tư cách người yêu cầu',
            en: 'a citizen files as the applicant',
          });
        }
        const now = Date.now();
        // A death's people are checked against the population database before anything starts.
        const death =
          body.procedure === 'death-residence-funeral'
            ? await verifyDeathFiling(body, principal, deps.population, vietnamDate(now))
            : undefined;
        const start = caseStart(
          death?.application ?? body,
          now,
          await calendarFor(db, Number(vietnamDate(now).slice(0, 4))),
          (commune) => deps.communes.get(commune)?.province_code,
          deps.caseIdSecret,
          deps.drillSupplementReplyMs,
          death?.filer,
        );
        const uploadIds = handedIn?.map((a) => a.uploadId) ?? [];
        const { caseId, caseCode, attached } = await startFiling(
          start,
          principal,
          requestId,
          uploadIds,
        );
        const previous = previousCaseId(caseId);
        return {
          status: 202,
          sha256: attached.map((a) => a.sha256),
          headers: { Location: `/v1/cases/${encodeURIComponent(caseId)}` },
          body: {
            caseId,
            caseCode,
            status: 'submitted',
            ...(previous && { previousCaseId: previous }),
          },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/cases/{caseId}',
      operationId: 'getCase',
      summary: 'read a case: status, every step, timeline',
      tags: ['cases'],
      access: [Role.citizen, Role.clerk, Role.officer, Role.supervisor, Role.admin],
      request: { params: CaseParams },
      responses: {
        200: {
          description: 'the case, live, with its attachments and supplement answers',
          content: jsonContent(CaseRead),
        },
        404: problemResponse('No such case (or not yours).'),
      },
      handle: async ({ params, principal }) => {
        const row = await visibleCase(db, principal, params.caseId);
        const [view, files, clock] = await Promise.all([
          readCaseView(db, row),
          caseFiles(db, row.case_id),
          deadlineClock(db),
        ]);
        const mayWithdraw =
          !isFinal(row.status) &&
          mayActAsApplicant(principal, {
            commune: row.commune,
            partyPins: row.party_pins,
            agencies: [],
          });
        return {
          status: 200,
          body: {
            ...caseViewFor(principal, view),
            ...files,
            clocks: caseClocks(clock, view),
            mayWithdraw,
          },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/me/cases',
      operationId: 'listMyCases',
      summary: 'my cases, as applicant or named relative',
      tags: ['cases'],
      access: [Role.citizen],
      responses: { 200: { description: 'newest first', content: jsonContent(CaseList) } },
      handle: async ({ principal }) => {
        const rows = await casesOfParty(db, principal.pin);
        return { status: 200, body: { total: rows.length, items: rows.map(summarize) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/cases',
      operationId: 'searchCases',
      summary: 'search cases (own commune for clerks and supervisors)',
      tags: ['cases'],
      access: [Role.clerk, Role.supervisor, Role.admin],
      request: { query: CaseSearch },
      responses: { 200: { description: 'newest first', content: jsonContent(CaseList) } },
      handle: async ({ query, principal }) => {
        const commune = principal.role === 'admin' ? query.commune : principal.jurisdiction;
        if (query.commune && commune !== query.commune)
          throw new HttpProblem(ApiError.FORBIDDEN, ONLY_OWN_COMMUNE);
        const { total, items } = await searchCases(db, {
          commune,
          procedure: query.procedure,
          status: query.status,
          overdue: query.overdue === 'true',
          breached: query.breached === 'true',
          receivedFrom: query.from,
          receivedTo: query.to,
          code: query.code,
          ...searchBox(query.q),
          limit: query.limit,
          offset: query.offset,
        });
        return { status: 200, body: { total, items: items.map(summarize) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/cases/{caseId}/withdraw',
      operationId: 'withdrawCase',
      summary: 'withdraw an application',
      description: 'Pending agency requests are cancelled; registered facts stand.',
      tags: ['cases'],
      access: [Role.citizen, Role.clerk],
      idempotent: true,
      request: { params: CaseParams, body: Withdrawal },
      responses: {
        200: { description: 'withdrawn', content: jsonContent(CaseView) },
        403: problemResponse(
          'Only the applicant who filed it, or a clerk of its commune: not another party.',
        ),
        404: problemResponse('No such case (or not yours).'),
        422: problemResponse('The case can no longer be withdrawn.'),
        503: problemResponse('The case is received but its workflow cannot be started now.'),
      },
      handle: async ({ params, body, principal, requestId }) => {
        const row = await visibleCase(db, principal, params.caseId, 'applicant');
        // Filed a moment ago, its workflow perhaps not started yet: started now, to hear it.
        await starter.ensureStarted(params.caseId);
        const handle = temporal.workflow.getHandle(params.caseId);
        // A finished case's workflow has closed: say so rather than "not found". A case still
        // running decides itself whether it may be withdrawn (its refusal says why not).
        const view = await requestAction(
          db,
          handle,
          withdrawCase,
          { reason: body.reason, by: principal.sub },
          requestId,
          () =>
            earlierOutcomeOrRefuse<CaseView>(
              db,
              [handle],
              requestId,
              refusal('caseAlready', { status: row.status }),
            ),
        );
        return { status: 200, body: caseViewFor(principal, view) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/cases/{caseId}/supplements',
      operationId: 'submitSupplement',
      summary: 'answer a request for supplement',
      tags: ['cases'],
      access: [Role.citizen, Role.clerk],
      idempotent: true,
      request: { params: CaseParams, body: Supplement },
      responses: {
        200: {
          description: 'received; the step that asked for it, back in review',
          content: jsonContent(StepView),
        },
        403: problemResponse(
          'Only the applicant who filed it, or a clerk of its commune: not another party.',
        ),
        404: problemResponse('No such case (or not yours).'),
        409: problemResponse('An `attachments` upload is attached to a case already.'),
        422: problemResponse(
          'No step of this case awaits a supplement; or an `attachments` upload is not the ' +
            'caller’s, or the case would hold too many.',
        ),
      },
      handle: async ({ params, body, principal, requestId }) => {
        // The steps as the caller sees them: the read model hears a step's change from the step
        // itself, before the case workflow does (the step's own validator has the last word).
        const view = await readCaseView(
          db,
          await visibleCase(db, principal, params.caseId, 'applicant'),
        );
        const waiting = view.steps.find((s) => s.state === 'awaiting_supplement');
        if (!waiting) {
          const steps = view.steps.map((s) => temporal.workflow.getHandle(s.workflowId));
          const earlier = await earlierOutcomeOrRefuse<StepView>(
            db,
            steps,
            requestId,
            refusal('noSupplementAwaited'),
          );
          await confirmAnswer(db, requestId);
          return { status: 200, body: earlier };
        }
        // The step hears only that the supplement came (as before files existed); the words and
        // the files reach the officer from PostgreSQL, keyed by case and step.
        const { value: step, attached } = await answerSupplement(
          db,
          attachments,
          {
            caseId: view.caseId,
            step: waiting.step,
            documents: body.documents,
            uploadIds: body.attachments?.map((a) => a.uploadId) ?? [],
            principal,
            requestId,
          },
          (answerRequest) =>
            requestAction(
              db,
              temporal.workflow.getHandle(waiting.workflowId),
              submitSupplement,
              { documents: body.documents, by: principal.sub },
              answerRequest,
            ),
        );
        return { status: 200, body: step, sha256: attached.map((a) => a.sha256) };
      },
    }),
  ];
}
