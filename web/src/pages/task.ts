// One task: what the agency needs to decide (the task summary), the documents of the dossier, the
// step's history, and the decision: approve, reject with a reason, request a supplement listing what
// is missing, or return the file to the earlier agency.
import { api, ApiProblem, newIdempotencyKey } from '../api';
import { communeName } from '../config';
import { definitions, h, show } from '../dom';
import { formatDate, formatDateTime, formatMoney } from '../format';
import { t, tr, type Text } from '../i18n';
import { agencyName, eventName, stepName, stepStateName } from '../labels';
import { alertBox, badge, confirmAction, errorText, heading, requireRole, toneOf } from '../layout';
import { attachmentList } from '../attachments';
import type { CaseRead, StepView, Task } from '../types';
import { flags } from './officer';
import { birthForm } from '../forms/birth';
import { deathForm } from '../forms/death';
import { dossier } from '../forms/dossier';

const T = {
  assignedElsewhere: {
    vi: 'Việc này đã được giao cho cán bộ {officer}: chỉ người được giao mới quyết định, trừ khi lãnh đạo giao lại.',
    en: 'This task is assigned to {officer}: only its assignee decides it, unless a supervisor reassigns it.',
  },
  gone: {
    vi: 'Không có việc này trong thẩm quyền của bạn (cơ quan và địa bàn bạn phụ trách).',
    en: 'There is no such task for your agency and jurisdiction.',
  },
  back: { vi: 'Về hộp việc', en: 'Back to the inbox' },
  needs: { vi: 'Thông tin cần thẩm định', en: 'What the agency needs' },
  dossier: { vi: 'Tờ khai đầy đủ', en: 'The whole application' },
  documents: { vi: 'Giấy tờ trong hồ sơ', en: 'Documents' },
  eform: { vi: 'Tờ khai điện tử của hồ sơ {id}', en: 'Electronic form of case {id}' },
  certificate: { vi: 'Giấy chứng sinh số {n}', en: 'Medical birth certificate no. {n}' },
  notice: {
    vi: 'Giấy báo tử (hoặc giấy tờ thay thế) số {n}',
    en: 'Death notice (or substitute) no. {n}',
  },
  extract: { vi: 'Trích lục hộ tịch số {n}', en: 'Civil-status extract no. {n}' },
  attachments: { vi: 'Tệp đính kèm hồ sơ', en: 'Files filed with the application' },
  answers: { vi: 'Hồ sơ bổ sung của người nộp', en: 'The applicant’s supplements' },
  answeredAt: { vi: 'Bổ sung lúc {at}', en: 'Supplied {at}' },
  noWords: { vi: '(không ghi giấy tờ, chỉ gửi tệp)', en: '(no documents named, files only)' },
  history: { vi: 'Diễn biến của bước', en: 'History of the step' },
  noHistory: { vi: 'Chưa có diễn biến nào được ghi nhận.', en: 'Nothing recorded yet.' },
  decision: { vi: 'Quyết định', en: 'Decision' },
  approve: { vi: 'Phê duyệt', en: 'Approve' },
  reject: { vi: 'Từ chối (nêu lý do)', en: 'Reject (give the reason)' },
  request_supplement: { vi: 'Yêu cầu bổ sung hồ sơ', en: 'Request a supplement' },
  return: { vi: 'Trả lại cơ quan giải quyết trước', en: 'Return to the earlier agency' },
  reason: { vi: 'Lý do', en: 'Reason' },
  missing: {
    vi: 'Giấy tờ cần bổ sung (mỗi dòng một giấy tờ)',
    en: 'Missing documents (one per line)',
  },
  send: { vi: 'Gửi quyết định', en: 'Send the decision' },
  chooseDecision: { vi: 'Hãy chọn một quyết định', en: 'Choose a decision' },
  confirmTitle: { vi: 'Xác nhận quyết định', en: 'Confirm the decision' },
  confirmStep: { vi: 'Bước: {step}, hồ sơ {code}.', en: 'Step: {step}, case {code}.' },
  reasonNeeded: { vi: 'Hãy ghi lý do', en: 'Give the reason' },
  missingNeeded: {
    vi: 'Hãy ghi ít nhất một giấy tờ cần bổ sung',
    en: 'Name at least one missing document',
  },
  confirm_approve: {
    vi: 'Phê duyệt: kết quả của bước được ghi nhận và hồ sơ chuyển sang bước tiếp theo. Không thể hoàn tác.',
    en: 'Approve: the step’s result is recorded and the case moves on to its next step. This cannot be undone.',
  },
  confirm_reject: {
    vi: 'Từ chối với lý do: “{reason}”. Người nộp được báo lý do; bước này kết thúc không có kết quả.',
    en: 'Reject, giving the reason: “{reason}”. The applicant is told the reason; the step ends without a result.',
  },
  confirm_request_supplement: {
    vi: 'Yêu cầu người nộp bổ sung: {missing}. Thời hạn giải quyết tạm dừng cho đến khi họ bổ sung.',
    en: 'Ask the applicant for: {missing}. The time limit is paused until they answer.',
  },
  confirm_return: {
    vi: 'Trả lại cơ quan giải quyết trước với lý do: “{reason}”. Cơ quan đó xem xét lại bước của mình.',
    en: 'Return to the earlier agency, giving the reason: “{reason}”. That agency reviews its step again.',
  },
  confirmSend: { vi: 'Xác nhận và gửi', en: 'Confirm and send' },
  done: {
    vi: 'Đã ghi nhận quyết định. Trạng thái của bước: {state}.',
    en: 'Decision recorded. The step is now: {state}.',
  },
} satisfies Record<string, Text>;

const SUMMARY: Record<string, Text> = {
  certificateNumber: { vi: 'Số giấy chứng sinh', en: 'Birth certificate number' },
  'child.fullName': { vi: 'Họ tên trẻ', en: 'Child’s name' },
  'child.dateOfBirth': { vi: 'Ngày sinh', en: 'Date of birth' },
  'child.sex': { vi: 'Giới tính', en: 'Sex' },
  motherName: { vi: 'Họ tên mẹ', en: 'Mother’s name' },
  parentsUnknown: {
    vi: 'Không rõ cha, mẹ (trẻ bị bỏ rơi)',
    en: 'Parents unknown (abandoned child)',
  },
  childPin: { vi: 'Số định danh của trẻ', en: 'Child’s PIN' },
  extractNumber: { vi: 'Số trích lục', en: 'Extract number' },
  'address.commune': { vi: 'Xã/phường thường trú', en: 'Residence commune' },
  'address.line': { vi: 'Địa chỉ thường trú', en: 'Residence address' },
  'deceased.fullName': { vi: 'Họ tên người đã mất', en: 'Deceased' },
  'deceased.dateOfBirth': { vi: 'Ngày sinh', en: 'Date of birth' },
  'deceased.sex': { vi: 'Giới tính', en: 'Sex' },
  dateOfDeath: { vi: 'Ngày chết', en: 'Date of death' },
  'notice.kind': { vi: 'Loại giấy báo tử', en: 'Notice kind' },
  'notice.number': { vi: 'Số giấy báo tử', en: 'Notice number' },
  'lastResidence.commune': { vi: 'Xã/phường cư trú cuối cùng', en: 'Last residence commune' },
  'lastResidence.line': { vi: 'Nơi cư trú cuối cùng', en: 'Last residence' },
  amountVnd: { vi: 'Số tiền đề nghị', en: 'Amount' },
  basis: { vi: 'Căn cứ', en: 'Basis' },
  'filer.fullName': { vi: 'Người nộp hồ sơ', en: 'Filed by' },
  'filer.pin': { vi: 'Số định danh người nộp', en: 'Filer’s PIN' },
  'filer.relationship': { vi: 'Quan hệ với người mất', en: 'Relation to the deceased' },
  'filer.declaredRelationship': { vi: 'Quan hệ người nộp tự khai', en: 'Relation declared' },
  'filer.verified': {
    vi: 'Đã đối chiếu CSDL dân cư (là thân nhân)',
    en: 'Verified relative (population database)',
  },
  'filer.filedBy': { vi: 'Nộp qua', en: 'Filed through' },
  'funeralPayee.fullName': { vi: 'Người nhận trợ cấp mai táng', en: 'Funeral allowance payee' },
  'funeralPayee.pin': { vi: 'Số định danh người nhận', en: 'Payee’s PIN' },
  'funeralPayee.organisedFuneral': { vi: 'Người lo mai táng', en: 'Organised the funeral' },
  'funeralPayee.verifiedRelative': {
    vi: 'Người nhận là thân nhân đã xác minh',
    en: 'Payee is a verified relative',
  },
  'declaration.document': { vi: 'Tờ khai mẫu 09-HSB', en: 'Form 09-HSB declaration' },
  'declaration.payeePin': { vi: 'Người nhận trợ cấp tuất', en: 'Survivor allowance payee' },
};
const YES_NO: Record<string, Text> = {
  true: { vi: 'Có', en: 'Yes' },
  false: { vi: 'Không — cần cán bộ xem xét', en: 'No — for the officer to judge' },
};
const FILED_BY: Record<string, Text> = {
  citizen: { vi: 'Công dân tự nộp', en: 'The citizen' },
  clerk: { vi: 'Công chức một cửa', en: 'A one-stop clerk' },
};
const SEX: Record<string, Text> = {
  male: { vi: 'Nam', en: 'Male' },
  female: { vi: 'Nữ', en: 'Female' },
};

function flatten(value: unknown, prefix = ''): [string, unknown][] {
  if (value && typeof value === 'object' && !Array.isArray(value))
    return Object.entries(value).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
  return [[prefix, value]];
}

/** The summary's facts in a reading order (the read model keeps JSON keys in its own order). */
const ORDER = Object.keys(SUMMARY);
const inOrder = ([a]: [string, unknown], [b]: [string, unknown]) =>
  (ORDER.includes(a) ? ORDER.indexOf(a) : ORDER.length) -
    (ORDER.includes(b) ? ORDER.indexOf(b) : ORDER.length) || a.localeCompare(b);

function shown(key: string, value: unknown): string {
  const text = Array.isArray(value) ? value.join(', ') : String(value);
  if (key === 'amountVnd' && /^\d+$/.test(text)) return formatMoney(Number(text));
  if (key.endsWith('.sex') && SEX[text]) return tr(SEX[text]);
  if (typeof value === 'boolean') return tr(YES_NO[text] ?? { vi: text, en: text });
  if (key === 'filer.filedBy' && FILED_BY[text]) return tr(FILED_BY[text]);
  if (key.endsWith('.commune')) return `${text} — ${communeName(text)}`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return formatDate(text);
  return text;
}

function documents(task: Task): string[] {
  const s = task.summary as {
    certificateNumber?: string;
    notice?: { number?: string };
    extractNumber?: string;
  };
  return [
    tr(T.eform).replace('{id}', task.caseId),
    s.certificateNumber ? tr(T.certificate).replace('{n}', s.certificateNumber) : '',
    s.notice?.number ? tr(T.notice).replace('{n}', s.notice.number) : '',
    s.extractNumber ? tr(T.extract).replace('{n}', s.extractNumber) : '',
  ].filter(Boolean);
}

const DECISIONS = ['approve', 'reject', 'request_supplement', 'return'] as const;

function decisionForm(
  task: Task,
  /** The case's readable code, said in the confirmation. */
  caseCode: string,
  onDone: (step: StepView) => void,
): HTMLElement {
  const key = newIdempotencyKey();
  const area = (id: string, label: string) => {
    const control = h('textarea', { id, rows: 3, 'aria-describedby': `${id}-error` });
    const error = h('p', { class: 'error', id: `${id}-error` });
    return {
      field: h('div', { class: 'field wide' }, h('label', { for: id }, label), control, error),
      control,
      error,
    };
  };
  const reason = area('decision-reason', tr(T.reason));
  const missing = area('decision-missing', tr(T.missing));
  const problem = h('div');
  // No decision is chosen for the officer: each is asked for, and confirmed before it is sent.
  const radios = DECISIONS.filter((d) => task.decisions.includes(d)).map((value) =>
    h(
      'div',
      { class: 'field check' },
      h('input', {
        type: 'radio',
        name: 'decision',
        id: `decision-${value}`,
        value,
        'aria-describedby': 'decision-error',
      }),
      h('label', { for: `decision-${value}` }, tr(T[value])),
    ),
  );
  const noDecision = h('p', { class: 'error', id: 'decision-error' });
  const form = h(
    'form',
    { class: 'card', novalidate: true, 'aria-labelledby': 'decision-title' },
    h('h2', { id: 'decision-title' }, tr(T.decision)),
    h('fieldset', { class: 'choice' }, h('legend', {}, tr(T.decision)), ...radios, noDecision),
    reason.field,
    missing.field,
    problem,
    h('button', { type: 'submit', class: 'primary' }, tr(T.send)),
  );
  const chosen = () =>
    form.querySelector<HTMLInputElement>('input[name="decision"]:checked')?.value as
      (typeof DECISIONS)[number] | undefined;
  const sync = () => {
    reason.field.hidden = !['reject', 'return'].includes(chosen() ?? '');
    missing.field.hidden = chosen() !== 'request_supplement';
    if (chosen()) noDecision.replaceChildren();
  };
  form.addEventListener('change', sync);
  sync();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const decision = chosen();
    if (!decision) {
      noDecision.textContent = tr(T.chooseDecision);
      form.querySelector<HTMLInputElement>('input[name="decision"]')?.focus();
      return;
    }
    const missingItems = missing.control.value
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    // What the decision needs is asked for before it is confirmed (the API checks it again).
    const needs =
      (decision === 'reject' || decision === 'return') && !reason.control.value.trim()
        ? { slot: reason, text: T.reasonNeeded }
        : decision === 'request_supplement' && missingItems.length === 0
          ? { slot: missing, text: T.missingNeeded }
          : undefined;
    for (const slot of [reason, missing]) {
      slot.error.replaceChildren();
      slot.control.removeAttribute('aria-invalid');
    }
    if (needs) {
      needs.slot.error.textContent = tr(needs.text);
      needs.slot.control.setAttribute('aria-invalid', 'true');
      needs.slot.control.focus();
      return;
    }
    const body =
      decision === 'approve'
        ? { decision }
        : decision === 'request_supplement'
          ? { decision, missing: missingItems }
          : { decision, reason: reason.control.value };
    void confirmAction({
      title: tr(T.confirmTitle),
      lines: [
        tr(T.confirmStep).replace('{step}', stepName(task.step)).replace('{code}', caseCode),
        tr(T[`confirm_${decision}`])
          .replace('{reason}', reason.control.value.trim())
          .replace('{missing}', missingItems.join('; ')),
      ],
      confirm: tr(T.confirmSend),
    }).then((confirmed) => {
      if (confirmed) send(body);
    });
  });
  const send = (body: Record<string, unknown>) => {
    for (const slot of [reason, missing]) {
      slot.error.replaceChildren();
      slot.control.removeAttribute('aria-invalid');
    }
    problem.replaceChildren();
    api<StepView>('POST', `/v1/tasks/${encodeURIComponent(task.taskId)}/decision`, body, {
      idempotencyKey: key,
    }).then(onDone, (error: unknown) => {
      const issues = error instanceof ApiProblem ? error.errors.filter((e) => e.in === 'body') : [];
      for (const issue of issues) {
        const slot = issue.pointer.startsWith('/missing')
          ? missing
          : issue.pointer === '/reason'
            ? reason
            : undefined;
        if (!slot) continue;
        slot.error.append(h('span', {}, issue.detail));
        slot.control.setAttribute('aria-invalid', 'true');
      }
      if (issues.length === 0) show(problem, alertBox(errorText(error)));
    });
  };
  return form;
}

export async function renderTask(main: HTMLElement): Promise<void> {
  const session = requireRole(main, ['officer']);
  if (!session) return;
  const taskId = decodeURIComponent(location.pathname.slice('/officer/tasks/'.length));
  const back = h('p', {}, h('a', { href: '/officer' }, tr(T.back)));
  const task = await api<Task>('GET', `/v1/tasks/${encodeURIComponent(taskId)}`).catch(
    (error: unknown) => {
      if (error instanceof ApiProblem && error.status === 404) return undefined;
      throw error;
    },
  );
  if (!task) {
    show(main, heading(t('navInbox')), alertBox(tr(T.gone)), back);
    return;
  }
  const [view, application] = await Promise.all([
    api<CaseRead>('GET', `/v1/cases/${encodeURIComponent(task.caseId)}`),
    // The whole application as filed; a case filed before filings were kept has none (404).
    api<{ procedure: string; receivingCommune?: string }>(
      'GET',
      `/v1/cases/${encodeURIComponent(task.caseId)}/application`,
    ).catch(() => undefined),
  ]);
  const attachments = view.attachments ?? [];
  const answers = (view.supplementAnswers ?? []).filter((a) => a.step === task.step);
  const history = view.timeline.filter((entry) => entry.step === task.step);
  const outcome = h('div', { role: 'status' });
  // Assigned to someone else this officer does not stand in for: the API refuses their decision,
  // so none is offered (the API says which: `mayDecide`).
  const elsewhere =
    task.assignee && task.assignee !== session.claims.sub && !task.mayDecide
      ? h('div', { class: 'notice' }, tr(T.assignedElsewhere).replace('{officer}', task.assignee))
      : null;
  const form = decisionForm(task, view.caseCode ?? task.caseId, (step) => {
    form.hidden = true;
    show(
      outcome,
      h('div', { class: 'notice' }, tr(T.done).replace('{state}', stepStateName(step.state))),
      back,
    );
  });
  show(
    main,
    heading(`${stepName(task.step)} · ${agencyName(task.agency)}`),
    h(
      'section',
      { class: 'card', 'aria-label': t('caseId') },
      definitions([
        [
          t('caseId'),
          h(
            'a',
            { href: `/cases/${encodeURIComponent(task.caseId)}`, class: 'tracking' },
            task.caseId,
          ),
        ],
        [t('status'), badge(stepStateName(task.state), toneOf(task.state))],
        [
          t('deadline'),
          h(
            'span',
            {},
            task.deadline ? formatDateTime(task.deadline) : '—',
            ...flags(task).flatMap((f) => [' ', f]),
          ),
        ],
        [t('assignee'), task.assignee ?? undefined],
      ]),
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'needs' },
      h('h2', { id: 'needs' }, tr(T.needs)),
      definitions(
        flatten(task.summary)
          .sort(inOrder)
          .map(([key, value]) => [SUMMARY[key] ? tr(SUMMARY[key]) : key, shown(key, value)]),
      ),
    ),
    application === undefined
      ? null
      : h(
          'section',
          { class: 'card dossier', 'aria-labelledby': 'dossier' },
          h('h2', { id: 'dossier' }, tr(T.dossier)),
          ...dossier(
            application.procedure === 'death-residence-funeral'
              ? deathForm(application.receivingCommune ?? '')
              : birthForm(application.receivingCommune ?? ''),
            application,
          ),
        ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'documents' },
      h('h2', { id: 'documents' }, tr(T.documents)),
      h('ul', {}, ...documents(task).map((d) => h('li', {}, d))),
      h('h3', {}, tr(T.attachments)),
      attachmentList(attachments.filter((a) => a.step === null)),
    ),
    answers.length === 0
      ? null
      : h(
          'section',
          { class: 'card', 'aria-labelledby': 'answers' },
          h('h2', { id: 'answers' }, tr(T.answers)),
          ...answers.map((answer) =>
            h(
              'article',
              { class: 'answer' },
              h('h3', {}, tr(T.answeredAt).replace('{at}', formatDateTime(answer.answeredAt))),
              answer.documents.length > 0
                ? h('ul', {}, ...answer.documents.map((d) => h('li', {}, d)))
                : h('p', {}, tr(T.noWords)),
              attachmentList(
                attachments.filter((a) => answer.attachments.includes(a.attachmentId)),
              ),
            ),
          ),
        ),
    h(
      'section',
      { 'aria-labelledby': 'history' },
      h('h2', { id: 'history' }, tr(T.history)),
      history.length === 0 ? h('p', {}, tr(T.noHistory)) : null,
      h(
        'ol',
        { class: 'timeline' },
        ...history.map((e) =>
          h(
            'li',
            {},
            h('time', { datetime: e.at }, formatDateTime(e.at)),
            ' ',
            eventName(e.event),
            e.detail ? ` — ${e.detail}` : '',
          ),
        ),
      ),
    ),
    outcome,
    elsewhere ?? form,
    back,
  );
}
