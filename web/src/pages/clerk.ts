// The one-stop clerk files a linked application on a citizen's behalf. The form validates with the
// API's own schemas before sending, keeps a draft in this browser, and shows the API's own errors
// next to their fields too; a filed application ends on its case page with its tracking code.
import { birthApplicationSchema } from '../../../domain/BirthApplication';
import { deathApplicationSchema } from '../../../domain/DeathApplication';
import { api, ApiProblem, newIdempotencyKey } from '../api';
import { fileField, uploadAll } from '../attachments';
import { webConfig } from '../config';
import { h, show } from '../dom';
import { formatDateTime, todayInVietnam } from '../format';
import { t, tr, type Text } from '../i18n';
import { confirmAction, errorText, heading, requireRole, statusRegion } from '../layout';
import { ApplicationForm, type Draft, type Issue, type LookedUpPerson } from '../forms/engine';
import { birthForm } from '../forms/birth';
import { deathForm } from '../forms/death';
import { DRAFT_PREFIX } from '../session';

const T = {
  title: { vi: 'Nộp hồ sơ liên thông', en: 'File a linked application' },
  group: { vi: 'Nhóm thủ tục', en: 'Procedure group' },
  groupA: {
    vi: 'Nhóm A: khai sinh – thường trú – thẻ BHYT',
    en: 'Group A: birth – residence – health insurance',
  },
  groupB: {
    vi: 'Nhóm B: khai tử – xóa thường trú – trợ cấp',
    en: 'Group B: death – residence removal – allowances',
  },
  save: { vi: 'Lưu nháp', en: 'Save draft' },
  submit: { vi: 'Nộp hồ sơ', en: 'File the application' },
  draftSaved: { vi: 'Đã lưu nháp lúc {at}', en: 'Draft saved at {at}' },
  draftRestored: {
    vi: 'Đã khôi phục bản nháp lưu lúc {at}',
    en: 'Restored the draft saved at {at}',
  },
  discard: { vi: 'Xóa nháp', en: 'Discard draft' },
  discardTitle: { vi: 'Xóa bản nháp này?', en: 'Discard this draft?' },
  discardWhat: {
    vi: 'Mọi thông tin đã nhập cho hồ sơ này sẽ bị xóa khỏi trình duyệt và không thể khôi phục.',
    en: 'Everything typed for this application is removed from this browser and cannot be recovered.',
  },
  sending: { vi: 'Đang gửi hồ sơ…', en: 'Sending…' },
  duplicate: { vi: 'Hồ sơ này đã được nộp trước đó:', en: 'This application was filed before:' },
  scans: { vi: 'Bản scan giấy tờ kèm theo', en: 'Scans handed in' },
  scanItem: { vi: 'Các tệp này là', en: 'These files are' },
  scanItemDefault: { vi: 'Bản scan giấy tờ của hồ sơ', en: 'Scans of the dossier' },
} satisfies Record<string, Text>;

interface StoredDraft extends Draft {
  savedAt: string;
  idempotencyKey: string;
}

export function renderClerk(main: HTMLElement): Promise<void> {
  const session = requireRole(main, ['clerk']);
  if (!session) return Promise.resolve();
  const commune = session.claims.jurisdiction ?? '';
  const status = statusRegion();
  const summary = h('div', { class: 'error-summary', tabindex: -1, hidden: true });
  const holder = h('div');
  let form: ApplicationForm;
  let draftKey = '';
  let idempotencyKey = newIdempotencyKey();

  const load = (procedure: string) => {
    form = new ApplicationForm(
      procedure === 'death-residence-funeral' ? deathForm(commune) : birthForm(commune),
      // The PIN of whoever stands at the desk fills the rest from the population database (audited).
      { lookUp: (pin) => api<LookedUpPerson>('POST', '/v1/people/lookup', { pin }) },
    );
    draftKey = `${DRAFT_PREFIX}${session.claims.sub}.${procedure}`;
    idempotencyKey = newIdempotencyKey();
    const stored = localStorage.getItem(draftKey);
    if (stored) {
      const draft = JSON.parse(stored) as StoredDraft;
      form.restore(draft);
      idempotencyKey = draft.idempotencyKey;
      status.textContent = tr(T.draftRestored).replace('{at}', formatDateTime(draft.savedAt));
    }
    summary.hidden = true;
    show(holder, form.element);
  };
  const save = (announce: boolean) => {
    const draft: StoredDraft = {
      ...form.snapshot(),
      savedAt: new Date().toISOString(),
      idempotencyKey,
    };
    localStorage.setItem(draftKey, JSON.stringify(draft));
    if (announce)
      status.textContent = tr(T.draftSaved).replace('{at}', formatDateTime(draft.savedAt));
  };
  const showIssues = (issues: readonly Issue[], extra: HTMLElement[] = []) => {
    const links = form.showErrors(issues);
    show(
      summary,
      h('h2', {}, t('errorSummary', { n: links.length + extra.length })),
      h('ul', {}, ...links.map((link) => h('li', {}, link)), ...extra.map((e) => h('li', {}, e))),
    );
    summary.hidden = false;
    summary.focus();
  };

  const procedureChoice = h(
    'fieldset',
    { class: 'choice' },
    h('legend', {}, tr(T.group)),
    ...(
      [
        ['birth-residence-insurance', T.groupA],
        ['death-residence-funeral', T.groupB],
      ] as const
    ).map(([value, text], i) =>
      h(
        'div',
        { class: 'field check' },
        h('input', {
          type: 'radio',
          name: 'procedure',
          id: `procedure-${i}`,
          value,
          checked: i === 0,
        }),
        h('label', { for: `procedure-${i}` }, tr(text)),
      ),
    ),
  );
  procedureChoice.addEventListener('change', (event) => {
    const target = event.target as HTMLInputElement;
    if (target.name === 'procedure') load(target.value);
  });

  const saveButton = h('button', { type: 'button', class: 'secondary' }, tr(T.save));
  saveButton.addEventListener('click', () => save(true));
  const discard = h('button', { type: 'button', class: 'link-button' }, tr(T.discard));
  discard.addEventListener('click', () => {
    void confirmAction({
      title: tr(T.discardTitle),
      lines: [tr(T.discardWhat)],
      confirm: tr(T.discard),
    }).then((confirmed) => {
      if (!confirmed) return;
      localStorage.removeItem(draftKey);
      load(form.spec.procedure);
    });
  });
  // Scans the desk hands in with the application (the medical birth certificate on paper, the
  // death notice): uploaded when the form is sent, then named in it.
  const scans = fileField('filing-files');
  const scanItem = h('input', { id: 'filing-item', value: tr(T.scanItemDefault) });
  const scanProgress = h('p', { class: 'hint', role: 'status' });
  const element = h(
    'form',
    { novalidate: true, class: 'application' },
    summary,
    procedureChoice,
    holder,
    h(
      'fieldset',
      { class: 'card' },
      h('legend', {}, tr(T.scans)),
      scans.field,
      h(
        'div',
        { class: 'field wide' },
        h('label', { for: 'filing-item' }, tr(T.scanItem)),
        scanItem,
      ),
      scanProgress,
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, tr(T.submit)),
      saveButton,
      discard,
    ),
  );
  let timer: number | undefined;
  element.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => save(false), 400);
  });
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    save(false);
    void submit();
  });

  async function submit(): Promise<void> {
    const { value, issues: formatIssues } = form.collect();
    const context = {
      today: () => todayInVietnam(),
      isKnownCommune: (code: string) => webConfig().communes.some((c) => c.code === code),
    };
    const schema =
      value.procedure === 'death-residence-funeral'
        ? deathApplicationSchema(context)
        : birthApplicationSchema(context);
    const result = schema.safeParse(value);
    const badDates = new Set(formatIssues.map((i) => i.path.join('.')));
    const issues = [
      ...formatIssues,
      ...(result.success ? [] : result.error.issues.filter((i) => !badDates.has(i.path.join('.')))),
    ];
    if (issues.length > 0) return showIssues(issues);
    form.clearErrors();
    summary.hidden = true;
    status.textContent = tr(T.sending);
    try {
      const uploadIds = await uploadAll(scans.input.files ?? [], scanItem.value, scanProgress);
      const body =
        uploadIds.length === 0
          ? result.data
          : { ...result.data, attachments: uploadIds.map((uploadId) => ({ uploadId })) };
      const filed = await api<{ caseId: string }>('POST', '/v1/cases', body, {
        idempotencyKey,
      });
      localStorage.removeItem(draftKey);
      location.assign(`/cases/${encodeURIComponent(filed.caseId)}?filed=1`);
    } catch (error) {
      status.textContent = '';
      if (error instanceof ApiProblem && error.errors.length > 0) {
        showIssues(
          error.errors
            .filter((e) => e.in === 'body')
            .map((e) => ({ path: e.pointer.split('/').slice(1), message: e.detail })),
        );
      } else if (error instanceof ApiProblem && error.status === 409 && error.caseId) {
        const link = h('a', { href: `/cases/${encodeURIComponent(error.caseId)}` }, error.caseId);
        showIssues([], [h('span', {}, tr(T.duplicate), ' ', link)]);
      } else {
        showIssues([], [h('span', {}, errorText(error))]);
      }
    }
  }

  load('birth-residence-insurance');
  show(main, heading(tr(T.title)), status, element);
  return Promise.resolve();
}
