// Search the commune's cases (clerks and supervisors see their own commune), filtered and paged.
import { api } from '../api';
import { h, show } from '../dom';
import { parseDate } from '../format';
import { t, tr, type Text } from '../i18n';
import { CASE_STATUS_CODES, caseStatusName, PROCEDURE_CODES, procedureName } from '../labels';
import { alertBox, errorText, heading, requireRole } from '../layout';
import type { CaseList } from '../types';
import { caseTable } from './cases-table';

const T = {
  title: { vi: 'Tra cứu hồ sơ', en: 'Search cases' },
  filters: { vi: 'Điều kiện tìm kiếm', en: 'Filters' },
  overdueOnly: { vi: 'Chỉ hồ sơ quá hạn', en: 'Overdue only' },
  from: { vi: 'Tiếp nhận từ ngày', en: 'Received from' },
  to: { vi: 'Đến trước ngày', en: 'Received before' },
  search: { vi: 'Tìm kiếm', en: 'Search' },
  all: { vi: 'Tất cả', en: 'All' },
  results: { vi: 'Kết quả tra cứu', en: 'Results' },
  box: {
    vi: 'Số định danh, mã hồ sơ hoặc họ tên (gõ có dấu hay không dấu đều được)',
    en: 'Personal ID number, case code or name (with or without accents)',
  },
} satisfies Record<string, Text>;

const PAGE = 20;

const select = (id: string, label: string, options: [string, string][]) => {
  const control = h(
    'select',
    { id, name: id },
    h('option', { value: '' }, tr(T.all)),
    ...options.map(([value, text]) => h('option', { value }, text)),
  );
  return [h('div', { class: 'field' }, h('label', { for: id }, label), control), control] as const;
};

const dateInput = (id: string, label: string) => {
  const control = h('input', {
    id,
    name: id,
    placeholder: t('datePlaceholder'),
    'aria-describedby': `${id}-error`,
  });
  const error = h('p', { class: 'error', id: `${id}-error` });
  return [
    h('div', { class: 'field' }, h('label', { for: id }, label), control, error),
    control,
    error,
  ] as const;
};

export async function renderSearch(main: HTMLElement): Promise<void> {
  if (!requireRole(main, ['clerk', 'supervisor', 'admin'])) return;
  const [procedureField, procedure] = select(
    'procedure',
    t('procedure'),
    PROCEDURE_CODES.map((c) => [c, procedureName(c)]),
  );
  const [statusField, status] = select(
    'status',
    t('status'),
    CASE_STATUS_CODES.map((c) => [c, caseStatusName(c)]),
  );
  const box = h('input', { id: 'q', name: 'q', type: 'search', autocomplete: 'off' });
  const overdue = h('input', { type: 'checkbox', id: 'overdue', name: 'overdue' });
  const [fromField, from, fromError] = dateInput('from', tr(T.from));
  const [toField, to, toError] = dateInput('to', tr(T.to));
  const results = h('div', { 'aria-live': 'polite' });
  let offset = 0;

  async function run(): Promise<void> {
    const query = new URLSearchParams({ limit: String(PAGE), offset: String(offset) });
    if (box.value.trim()) query.set('q', box.value.trim());
    if (procedure.value) query.set('procedure', procedure.value);
    if (status.value) query.set('status', status.value);
    if (overdue.checked) query.set('overdue', 'true');
    let bad = false;
    for (const [input, error, key] of [
      [from, fromError, 'from'],
      [to, toError, 'to'],
    ] as const) {
      error.replaceChildren();
      input.removeAttribute('aria-invalid');
      if (!input.value.trim()) continue;
      const iso = parseDate(input.value);
      if (iso) query.set(key, iso);
      else {
        bad = true;
        error.textContent = t('dateFormat');
        input.setAttribute('aria-invalid', 'true');
      }
    }
    if (bad) return;
    try {
      const page = await api<CaseList>('GET', `/v1/cases?${query.toString()}`);
      const previous = h(
        'button',
        { type: 'button', class: 'secondary', disabled: offset === 0 },
        t('previous'),
      );
      const next = h(
        'button',
        { type: 'button', class: 'secondary', disabled: offset + PAGE >= page.total },
        t('next'),
      );
      previous.addEventListener('click', () => void ((offset = Math.max(0, offset - PAGE)), run()));
      next.addEventListener('click', () => void ((offset += PAGE), run()));
      const shownTo = Math.min(offset + page.items.length, page.total);
      show(
        results,
        caseTable(tr(T.results), page.items),
        h(
          'div',
          { class: 'pager' },
          previous,
          h(
            'span',
            {},
            t('pageOf', { from: page.total ? offset + 1 : 0, to: shownTo, total: page.total }),
          ),
          next,
        ),
      );
    } catch (error) {
      show(results, alertBox(errorText(error)));
    }
  }

  const form = h(
    'form',
    { class: 'card filters', novalidate: true, role: 'search', 'aria-label': tr(T.filters) },
    h('div', { class: 'field wide' }, h('label', { for: 'q' }, tr(T.box)), box),
    h('div', { class: 'grid' }, procedureField, statusField, fromField, toField),
    h('div', { class: 'field check' }, overdue, h('label', { for: 'overdue' }, tr(T.overdueOnly))),
    h('button', { type: 'submit', class: 'primary' }, tr(T.search)),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    offset = 0;
    void run();
  });
  show(main, heading(tr(T.title)), form, results);
  await run();
}
