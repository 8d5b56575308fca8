// One case: its tracking code, status and deadline, every agency step with its status, deadline,
// result or reason, and the timeline. The applicant's side answers a request for supplement here,
// and a named relative confirms the payee of a lump-sum survivor allowance.
import { isFinal } from '../../../domain/procedures/case-status';
import { reasonForCitizen } from '../../../domain/procedures/reasons';
import { api, apiDocument, ApiProblem, newIdempotencyKey } from '../api';
import { attachmentList, fileField, uploadAll } from '../attachments';
import { communeName } from '../config';
import { definitions, h, saveFile, show } from '../dom';
import { formatDate, formatDateTime, type DeadlineClock } from '../format';
import { language, t, tr, type Text } from '../i18n';
import {
  agencyName,
  byResultOrder,
  caseStatusName,
  eventName,
  procedureName,
  resultName,
  resultValue,
  stepName,
  stepStateName,
} from '../labels';
import {
  alertBox,
  badge,
  clockBadge,
  confirmAction,
  errorText,
  heading,
  requireRole,
  statusRegion,
  toneOf,
} from '../layout';
import type { Session } from '../session';
import type { CaseRead, CaseView, StepView } from '../types';

const T = {
  title: { vi: 'Hồ sơ', en: 'Case' },
  withdrawTitle: { vi: 'Rút hồ sơ', en: 'Withdraw the application' },
  withdrawExplain: {
    vi: 'Người nộp (hoặc cán bộ một cửa thay mặt) có thể rút hồ sơ khi hồ sơ chưa giải quyết xong.',
    en: 'The applicant (or a one-stop clerk for them) may withdraw the application while it is open.',
  },
  withdrawReason: { vi: 'Lý do rút hồ sơ', en: 'Why it is withdrawn' },
  withdrawReasonNeeded: { vi: 'Hãy ghi lý do', en: 'Give the reason' },
  withdrawButton: { vi: 'Rút hồ sơ…', en: 'Withdraw…' },
  withdrawConfirmTitle: { vi: 'Rút hồ sơ {code}?', en: 'Withdraw case {code}?' },
  withdrawConsequence: {
    vi: 'Các yêu cầu đang chờ ở các cơ quan bị hủy; những việc đã đăng ký (như khai sinh đã cấp) vẫn giữ nguyên. Không thể hoàn tác; muốn giải quyết tiếp phải nộp hồ sơ mới.',
    en: 'Requests still pending at the agencies are cancelled; what is already registered (such as a birth) stands. This cannot be undone: going on needs a new application.',
  },
  withdrawConfirm: { vi: 'Rút hồ sơ', en: 'Withdraw' },
  withdrawn: { vi: 'Đã rút hồ sơ.', en: 'The application was withdrawn.' },
  filed: {
    vi: 'Đã tiếp nhận hồ sơ. Mã hồ sơ để tra cứu:',
    en: 'The application was received. Tracking code:',
  },
  steps: { vi: 'Các bước giải quyết', en: 'Steps' },
  timeline: { vi: 'Diễn biến hồ sơ', en: 'Timeline' },
  missing: { vi: 'Cần bổ sung', en: 'Missing' },
  supplementDue: { vi: 'Hạn bổ sung', en: 'Supplement due' },
  supplementTitle: { vi: 'Bổ sung hồ sơ', en: 'Supply the missing documents' },
  supplementAsk: {
    vi: '{step} yêu cầu bổ sung: {missing}. Hạn: {due}.',
    en: '{step} asks for: {missing}. Due: {due}.',
  },
  documents: {
    vi: 'Giấy tờ bổ sung (mỗi dòng một giấy tờ)',
    en: 'Documents supplied (one per line)',
  },
  sendSupplement: { vi: 'Gửi bổ sung', en: 'Send' },
  answers: { vi: 'Các tệp này bổ sung cho', en: 'These files answer' },
  files: { vi: 'Tệp đã nộp', en: 'Files handed in' },
  supplementSent: { vi: 'Đã gửi bổ sung.', en: 'Supplement sent.' },
  payeeTitle: {
    vi: 'Xác nhận người nhận trợ cấp tuất',
    en: 'Confirm the survivor-allowance payee',
  },
  payeeAsk: {
    vi: 'Người được đề nghị nhận trợ cấp một lần có số định danh {pin}. Nhập đầy đủ số định danh của người đó để xác nhận. Hạn: {due}.',
    en: 'The proposed payee of the lump sum has the PIN {pin}. Type that PIN in full to confirm. Due: {due}.',
  },
  payeePin: { vi: 'Số định danh của người nhận', en: 'Payee’s personal ID number' },
  confirm: { vi: 'Xác nhận', en: 'Confirm' },
  confirmed: { vi: 'Đã ghi nhận xác nhận của bạn.', en: 'Your confirmation was recorded.' },
  payeeState: { vi: 'Xác nhận người nhận', en: 'Payee confirmations' },
  nextStep: { vi: 'Đã xác nhận {n}/{total}', en: '{n} of {total} confirmed' },
  notFound: { vi: 'Không tìm thấy hồ sơ.', en: 'No such case.' },
  printReceipt: { vi: 'In giấy tiếp nhận', en: 'Print the receipt' },
  results: { vi: 'Giấy tờ, kết quả điện tử', en: 'Documents and electronic results' },
  noResults: {
    vi: 'Chưa có giấy tờ nào: kết quả của mỗi bước có ở đây khi bước đó hoàn thành.',
    en: 'No documents yet: each step’s result appears here when the step completes.',
  },
  download: { vi: 'Tải về', en: 'Download' },
  verify: { vi: 'Xác thực', en: 'Verify' },
  signing: { vi: 'Đang ký số…', en: 'Being signed…' },
  unissued: {
    vi: 'Chưa phát hành được: bộ phận kỹ thuật đã được báo',
    en: 'Not issued yet: operators were told',
  },
  valid: { vi: 'Còn hiệu lực', en: 'Valid' },
  revoked: { vi: 'Đã thu hồi', en: 'Revoked' },
  superseded: { vi: 'Đã được thay thế (cấp lại)', en: 'Superseded (issued again)' },
} satisfies Record<string, Text>;

/** A document a case handed out (GET /v1/cases/{caseId}/documents). */
interface CaseDocument {
  documentId: string;
  kind: string;
  title: string;
  number: string;
  state: 'pending' | 'issued' | 'failed';
  validity: 'valid' | 'revoked' | 'superseded';
  issuedAt?: string;
  href?: string;
  verifyUrl: string;
}

async function loadCase(caseId: string, justFiled: boolean): Promise<CaseRead> {
  // A case just filed reaches the read model a moment after the API answered.
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await api<CaseRead>('GET', `/v1/cases/${encodeURIComponent(caseId)}`);
    } catch (error) {
      if (!justFiled || attempt >= 30 || !(error instanceof ApiProblem) || error.status !== 404)
        throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

function stepItem(step: StepView, clock: DeadlineClock | undefined): HTMLElement {
  const result = Object.entries(step.result ?? {})
    .sort(byResultOrder)
    .map(([key, value]) => [resultName(key), resultValue(key, value)] as [string, string]);
  return h(
    'li',
    { class: `step step-${step.status}`, 'data-step': step.step },
    h('h3', {}, stepName(step.step), ' ', badge(stepStateName(step.state), toneOf(step.state))),
    definitions([
      [t('agency'), agencyName(step.agency)],
      [
        t('deadline'),
        step.deadline || clock
          ? h(
              'span',
              { class: 'deadline' },
              step.deadline ? formatDateTime(step.deadline) : '',
              step.deadline && clock ? ' ' : '',
              clockBadge(clock),
            )
          : undefined,
      ],
      [t('breached'), step.breached ? t('yes') : undefined],
      ...result,
      [
        t('reason'),
        step.reason && reasonForCitizen({ code: step.reasonCode, reason: step.reason }, language()),
      ],
      [tr(T.missing), step.missing?.length ? step.missing.join('; ') : undefined],
      [tr(T.supplementDue), step.supplementDue ? formatDate(step.supplementDue) : undefined],
    ]),
  );
}

function textareaField(id: string, label: string): [HTMLElement, HTMLTextAreaElement, HTMLElement] {
  const error = h('p', { class: 'error', id: `${id}-error` });
  const area = h('textarea', { id, rows: 3, 'aria-describedby': `${id}-error` });
  return [
    h('div', { class: 'field wide' }, h('label', { for: id }, label), area, error),
    area,
    error,
  ];
}

function showFieldErrors(error: unknown, slot: HTMLElement, control: HTMLElement): void {
  const issues = error instanceof ApiProblem ? error.errors : [];
  show(slot, issues.length ? issues.map((i) => i.detail).join('; ') : errorText(error));
  control.setAttribute('aria-invalid', 'true');
}

function supplementForm(
  view: CaseView,
  step: StepView,
  reload: (note: string) => void,
): HTMLElement {
  const [field, area, error] = textareaField('supplement-documents', tr(T.documents));
  const files = fileField('supplement-files');
  // Which missing item the files answer: the officer reads each file beside it.
  const missing = step.missing?.length ? step.missing : [tr(T.supplementTitle)];
  const item = h(
    'select',
    { id: 'supplement-item' },
    ...missing.map((m) => h('option', { value: m }, m)),
  );
  const progress = h('p', { class: 'hint', role: 'status' });
  const key = newIdempotencyKey();
  const form = h(
    'form',
    { class: 'card', novalidate: true, 'aria-labelledby': 'supplement-title' },
    h('h2', { id: 'supplement-title' }, tr(T.supplementTitle)),
    h(
      'p',
      {},
      tr(T.supplementAsk)
        .replace('{step}', stepName(step.step))
        .replace('{missing}', (step.missing ?? []).join('; '))
        .replace('{due}', step.supplementDue ? formatDate(step.supplementDue) : '—'),
    ),
    field,
    files.field,
    h('div', { class: 'field wide' }, h('label', { for: 'supplement-item' }, tr(T.answers)), item),
    progress,
    h('button', { type: 'submit', class: 'primary' }, tr(T.sendSupplement)),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const documents = area.value
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    for (const slot of [error, files.error]) slot.replaceChildren();
    void uploadAll(files.input.files ?? [], item.value, progress)
      .catch((failure: unknown) => {
        showFieldErrors(failure, files.error, files.input);
        throw failure;
      })
      .then((uploadIds) =>
        api(
          'POST',
          `/v1/cases/${encodeURIComponent(view.caseId)}/supplements`,
          {
            documents,
            ...(uploadIds.length > 0 && {
              attachments: uploadIds.map((uploadId) => ({ uploadId })),
            }),
          },
          { idempotencyKey: key },
        ).then(
          () => reload(tr(T.supplementSent)),
          (failure: unknown) => showFieldErrors(failure, error, area),
        ),
      )
      .catch(() => undefined);
  });
  return form;
}

/** Withdrawing, offered to whom the API says may (the applicant, a clerk of the commune). */
function withdrawForm(view: CaseRead, reload: (note: string) => void): HTMLElement {
  const error = h('p', { class: 'error', id: 'withdraw-reason-error' });
  const reason = h('textarea', {
    id: 'withdraw-reason',
    rows: 2,
    'aria-describedby': 'withdraw-reason-error',
  });
  const form = h(
    'form',
    { class: 'card', novalidate: true, 'aria-labelledby': 'withdraw-title' },
    h('h2', { id: 'withdraw-title' }, tr(T.withdrawTitle)),
    h('p', {}, tr(T.withdrawExplain)),
    h(
      'div',
      { class: 'field wide' },
      h('label', { for: 'withdraw-reason' }, tr(T.withdrawReason)),
      reason,
      error,
    ),
    h('button', { type: 'submit', class: 'secondary' }, tr(T.withdrawButton)),
  );
  const key = newIdempotencyKey();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    error.replaceChildren();
    reason.removeAttribute('aria-invalid');
    if (!reason.value.trim()) {
      error.textContent = tr(T.withdrawReasonNeeded);
      reason.setAttribute('aria-invalid', 'true');
      reason.focus();
      return;
    }
    void confirmAction({
      title: tr(T.withdrawConfirmTitle).replace('{code}', view.caseCode ?? view.caseId),
      lines: [`${tr(T.withdrawReason)}: “${reason.value.trim()}”.`, tr(T.withdrawConsequence)],
      confirm: tr(T.withdrawConfirm),
    }).then((confirmed) => {
      if (!confirmed) return;
      api(
        'POST',
        `/v1/cases/${encodeURIComponent(view.caseId)}/withdraw`,
        { reason: reason.value.trim() },
        { idempotencyKey: key },
      ).then(
        () => reload(tr(T.withdrawn)),
        (failure: unknown) => showFieldErrors(failure, error, reason),
      );
    });
  });
  return form;
}

function payeeForm(view: CaseView, reload: (note: string) => void): HTMLElement | null {
  const payee = view.payee;
  if (!payee) return null;
  const progress = h(
    'p',
    {},
    `${tr(T.payeeState)}: `,
    tr(T.nextStep)
      .replace('{n}', String(payee.confirmed.length))
      .replace('{total}', String(payee.required.length)),
  );
  if (payee.state !== 'awaiting') return h('section', { class: 'card' }, progress);
  const error = h('p', { class: 'error', id: 'payee-pin-error' });
  const input = h('input', {
    id: 'payee-pin',
    inputmode: 'numeric',
    autocomplete: 'off',
    'aria-describedby': 'payee-pin-error',
  });
  const form = h(
    'form',
    { class: 'card', novalidate: true, 'aria-labelledby': 'payee-title' },
    h('h2', { id: 'payee-title' }, tr(T.payeeTitle)),
    h(
      'p',
      {},
      tr(T.payeeAsk).replace('{pin}', payee.payeePin).replace('{due}', formatDate(payee.due)),
    ),
    progress,
    h('div', { class: 'field' }, h('label', { for: 'payee-pin' }, tr(T.payeePin)), input, error),
    h('button', { type: 'submit', class: 'primary' }, tr(T.confirm)),
  );
  const key = newIdempotencyKey();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    api(
      'POST',
      `/v1/cases/${encodeURIComponent(view.caseId)}/payee-confirmations`,
      { payeePin: input.value.trim() },
      { idempotencyKey: key },
    ).then(
      () => reload(tr(T.confirmed)),
      (failure: unknown) => showFieldErrors(failure, error, input),
    );
  });
  return form;
}

function actions(
  view: CaseRead,
  session: Session,
  reload: (note: string) => void,
): (HTMLElement | null)[] {
  const applicantSide = session.claims.role === 'citizen' || session.claims.role === 'clerk';
  if (!applicantSide || isFinal(view.status)) return [];
  const waiting = view.steps.find((s) => s.state === 'awaiting_supplement');
  const pin = session.claims.pin;
  const mayConfirm =
    session.claims.role === 'citizen' &&
    pin !== undefined &&
    view.payee?.required.includes(pin) === true &&
    !view.payee.confirmed.includes(pin);
  return [
    waiting ? supplementForm(view, waiting, reload) : null,
    mayConfirm ? payeeForm(view, reload) : null,
    view.mayWithdraw ? withdrawForm(view, reload) : null,
  ];
}

/**
 * Prints the desk receipt in one click: the PDF, fetched with the user's token, goes to a hidden
 * frame and the browser's print dialog opens on it (a browser that cannot print a PDF in a frame
 * shows it in a new tab instead).
 */
function receiptButton(caseId: string, status: HTMLElement): HTMLElement {
  const button = h(
    'button',
    { type: 'button', class: 'secondary', id: 'print-receipt' },
    tr(T.printReceipt),
  );
  button.addEventListener('click', () => {
    void apiDocument(`/v1/cases/${encodeURIComponent(caseId)}/receipt.pdf`).then(
      (pdf) => {
        // One frame at a time: an earlier print's frame and its copy of the PDF are let go.
        for (const old of document.querySelectorAll<HTMLIFrameElement>('iframe.print-frame')) {
          URL.revokeObjectURL(old.src);
          old.remove();
        }
        const url = URL.createObjectURL(pdf);
        const frame = h('iframe', { class: 'print-frame', title: tr(T.printReceipt), src: url });
        frame.addEventListener('load', () => {
          try {
            frame.contentWindow?.print();
          } catch {
            window.open(url, '_blank');
          }
        });
        document.body.append(frame);
      },
      (error: unknown) => show(status, errorText(error)),
    );
  });
  return button;
}

/** Opens a document the API serves to signed-in people: fetched with the token, saved as a file. */
function downloadButton(document: CaseDocument, status: HTMLElement): HTMLElement {
  const button = h('button', { type: 'button', class: 'secondary' }, tr(T.download));
  button.addEventListener('click', () => {
    void apiDocument(document.href ?? '').then(
      (pdf) => saveFile(pdf, `${document.kind}-${document.number}.pdf`),
      (error: unknown) => show(status, errorText(error)),
    );
  });
  return button;
}

/** The case's documents: the receipt once printed, each step's signed result, and their validity. */
function documentsSection(caseId: string, status: HTMLElement): HTMLElement {
  const list = h('ul', { class: 'documents', id: 'documents' });
  void api<{ items: CaseDocument[] }>(
    'GET',
    `/v1/cases/${encodeURIComponent(caseId)}/documents`,
  ).then(
    ({ items }) =>
      show(
        list,
        ...(items.length === 0
          ? [h('li', {}, tr(T.noResults))]
          : items.map((item) =>
              h(
                'li',
                { 'data-kind': item.kind, 'data-state': item.state },
                h('strong', {}, item.title),
                ' ',
                h('code', {}, item.number),
                ' ',
                item.state === 'issued'
                  ? badge(tr(T[item.validity]), item.validity === 'valid' ? 'ok' : 'bad')
                  : badge(tr(item.state === 'pending' ? T.signing : T.unissued), 'warn'),
                item.issuedAt ? ` ${formatDateTime(item.issuedAt)} ` : ' ',
                item.href ? downloadButton(item, status) : null,
                ' ',
                h('a', { href: item.verifyUrl, target: '_blank', rel: 'noopener' }, tr(T.verify)),
              ),
            )),
      ),
    (error: unknown) => show(status, errorText(error)),
  );
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'documents-title' },
    h('h2', { id: 'documents-title' }, tr(T.results)),
    list,
  );
}

/** The files handed in with the filing and with supplement answers, each one openable. */
function filesSection(view: CaseRead): HTMLElement | null {
  const files = view.attachments ?? [];
  if (files.length === 0) return null;
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'files-title' },
    h('h2', { id: 'files-title' }, tr(T.files)),
    attachmentList(files),
  );
}

export async function renderCase(main: HTMLElement): Promise<void> {
  const session = requireRole(main, ['citizen', 'clerk', 'officer', 'supervisor', 'admin']);
  if (!session) return;
  const caseId = decodeURIComponent(location.pathname.slice('/cases/'.length));
  const params = new URLSearchParams(location.search);
  const status = statusRegion();
  const draw = (view: CaseRead, note?: string) => {
    const refresh = h('button', { type: 'button', class: 'secondary' }, t('refresh'));
    const reload = (message?: string) =>
      void loadCase(caseId, false).then(
        (next) => draw(next, message),
        (error: unknown) => show(status, errorText(error)),
      );
    refresh.addEventListener('click', () => reload());
    show(
      main,
      heading(`${tr(T.title)}: ${procedureName(view.procedure)}`),
      params.get('filed')
        ? h(
            'div',
            { class: 'notice', role: 'status' },
            tr(T.filed),
            ' ',
            h('code', { class: 'tracking' }, view.caseId),
          )
        : null,
      status,
      h(
        'section',
        { class: 'card', 'aria-label': t('caseId') },
        definitions([
          [t('caseCode'), view.caseCode && h('code', { id: 'case-code' }, view.caseCode)],
          [t('caseId'), h('code', { class: 'tracking', id: 'case-id' }, view.caseId)],
          [t('status'), badge(caseStatusName(view.status), toneOf(view.status))],
          [t('receivedAt'), formatDateTime(view.receivedAt)],
          [
            t('deadline'),
            h(
              'span',
              { class: 'deadline', id: 'case-deadline' },
              formatDate(view.deadline),
              view.clocks?.case ? ' ' : '',
              clockBadge(view.clocks?.case),
            ),
          ],
          [t('commune'), `${view.commune} — ${communeName(view.commune)}`],
        ]),
        refresh,
        ['clerk', 'citizen'].includes(session.claims.role) && view.caseCode
          ? receiptButton(view.caseId, status)
          : null,
      ),
      ...actions(view, session, reload),
      filesSection(view),
      h('h2', {}, tr(T.steps)),
      h(
        'ol',
        { class: 'steps' },
        ...view.steps.map((step) => stepItem(step, view.clocks?.steps[step.step])),
      ),
      documentsSection(view.caseId, status),
      h('h2', {}, tr(T.timeline)),
      h(
        'ol',
        { class: 'timeline' },
        ...view.timeline.map((entry) =>
          h(
            'li',
            {},
            h('time', { datetime: entry.at }, formatDateTime(entry.at)),
            ' ',
            entry.step ? `${stepName(entry.step)}: ` : '',
            eventName(entry.event),
            entry.detail ? ` — ${entry.detail}` : '',
          ),
        ),
      ),
    );
    if (note) status.textContent = note;
  };
  try {
    draw(await loadCase(caseId, params.has('filed')));
  } catch (error) {
    const text =
      error instanceof ApiProblem && error.status === 404 ? tr(T.notFound) : errorText(error);
    show(main, heading(tr(T.title)), alertBox(text));
  }
}
