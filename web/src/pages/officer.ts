// The inbox of an officer's agency and communes (or, for a supervisor, every agency of the commune):
// open steps, soonest deadline first, each deadline in working days; filtered (procedure, state,
// overdue, assigned to me) and paged by the API, 50 a page, with how many there are in all. The
// filters and the page live in the address, so a link or the back button keeps them.
import { api } from '../api';
import { communeName } from '../config';
import { h, show, table } from '../dom';
import { formatDateTime } from '../format';
import { t, tr, type Text } from '../i18n';
import { agencyName, PROCEDURE_CODES, procedureName, stepName, stepStateName } from '../labels';
import { badge, clockBadge, heading, requireRole, toneOf } from '../layout';
import type { Task } from '../types';
import { caseLink } from './cases-table';

const T = {
  title: { vi: 'Hộp việc', en: 'Inbox' },
  scope: { vi: '{agency} — {commune}', en: '{agency} — {commune}' },
  allAgencies: { vi: 'Tất cả cơ quan', en: 'All agencies' },
  caption: {
    vi: 'Việc đang chờ xử lý, hạn gần nhất trước',
    en: 'Open tasks, soonest deadline first',
  },
  noDeadline: { vi: 'Tạm dừng tính hạn', en: 'Clock paused' },
  filters: { vi: 'Lọc hộp việc', en: 'Filter the inbox' },
  procedure: { vi: 'Thủ tục', en: 'Procedure' },
  state: { vi: 'Trạng thái bước', en: 'Step state' },
  all: { vi: 'Tất cả', en: 'All' },
  overdueOnly: { vi: 'Chỉ việc quá hạn', en: 'Overdue only' },
  mine: { vi: 'Chỉ việc được giao cho tôi', en: 'Assigned to me only' },
  apply: { vi: 'Lọc', en: 'Filter' },
  count: { vi: '{n} việc', en: '{n} tasks' },
  page: { vi: 'Trang {page}/{pages}', en: 'Page {page} of {pages}' },
  previous: { vi: '‹ Trang trước', en: '‹ Previous' },
  next: { vi: 'Trang sau ›', en: 'Next ›' },
  paging: { vi: 'Phân trang', en: 'Pages' },
} satisfies Record<string, Text>;

/** Soonest deadline first; a paused clock (no deadline) last. */
export const byDeadline = (a: Task, b: Task) =>
  (a.deadline === null ? Infinity : Date.parse(a.deadline)) -
    (b.deadline === null ? Infinity : Date.parse(b.deadline)) || a.taskId.localeCompare(b.taskId);

/** The task's deadline in working days (or, from an older API, overdue), breach and risk. */
export function flags(task: Task): HTMLElement[] {
  return [
    task.clock ? clockBadge(task.clock) : task.overdue ? badge(t('overdue'), 'bad') : null,
    task.breached && !task.overdue ? badge(t('breached'), 'bad') : null,
    task.atRisk && !task.overdue ? badge(t('atRisk'), 'warn') : null,
  ].filter((flag): flag is HTMLSpanElement => flag !== null && flag !== undefined);
}

/** Whether the inbox says who each task is assigned to (absent: unknown, not "nobody"). */
export const assigneesReported = (tasks: readonly Task[]) =>
  tasks.some((task) => 'assignee' in task);

/** The width below which styles.css shows tables as cards (keep the two together). */
const PHONE = '(max-width: 37.5rem)';

/** Tasks a page of the officer's inbox shows: fewer on a phone, where each is a card. */
const pageSize = () => (matchMedia(PHONE).matches ? 15 : 50);
const STATES = ['pending', 'waiting_agency', 'in_review', 'awaiting_supplement'];

/** The inbox's filters and page, as the address gives them. */
function inboxQuery(search: URLSearchParams) {
  const page = Math.max(1, Number.parseInt(search.get('page') ?? '1', 10) || 1);
  const procedure = PROCEDURE_CODES.includes(search.get('procedure') ?? '')
    ? (search.get('procedure') ?? '')
    : '';
  const state = STATES.includes(search.get('state') ?? '') ? (search.get('state') ?? '') : '';
  const overdue = search.get('overdue') === 'true';
  const mine = search.get('mine') === 'true';
  return { page, procedure, state, overdue, mine };
}

function filterForm(query: ReturnType<typeof inboxQuery>, officer: boolean): HTMLElement {
  const choice = (id: string, label: string, chosen: string, options: [string, string][]) =>
    h(
      'div',
      { class: 'field' },
      h('label', { for: id }, label),
      h(
        'select',
        { id, name: id },
        h('option', { value: '' }, tr(T.all)),
        ...options.map(([value, text]) => h('option', { value, selected: value === chosen }, text)),
      ),
    );
  const check = (id: string, label: string, checked: boolean) =>
    h(
      'div',
      { class: 'field check' },
      h('input', { type: 'checkbox', id, name: id, value: 'true', checked }),
      h('label', { for: id }, label),
    );
  return h(
    'form',
    { method: 'get', action: '/officer', class: 'card filters', 'aria-label': tr(T.filters) },
    choice(
      'procedure',
      tr(T.procedure),
      query.procedure,
      PROCEDURE_CODES.map((code) => [code, procedureName(code)]),
    ),
    choice(
      'state',
      tr(T.state),
      query.state,
      STATES.map((state) => [state, stepStateName(state)]),
    ),
    check('overdue', tr(T.overdueOnly), query.overdue),
    officer ? check('mine', tr(T.mine), query.mine) : null,
    h('button', { type: 'submit' }, tr(T.apply)),
  );
}

/** Links to the pages before and after, keeping the filters. */
function pager(query: ReturnType<typeof inboxQuery>, total: number): HTMLElement | null {
  const pages = Math.max(1, Math.ceil(total / pageSize()));
  if (pages === 1) return null;
  const link = (page: number, text: string) => {
    const search = new URLSearchParams(location.search);
    search.set('page', String(page));
    return h(
      'a',
      { href: `/officer?${search.toString()}`, rel: page < query.page ? 'prev' : 'next' },
      text,
    );
  };
  return h(
    'nav',
    { class: 'pager', 'aria-label': tr(T.paging) },
    query.page > 1 ? link(query.page - 1, tr(T.previous)) : null,
    h(
      'span',
      { 'aria-current': 'page' },
      tr(T.page).replace('{page}', String(query.page)).replace('{pages}', String(pages)),
    ),
    query.page < pages ? link(query.page + 1, tr(T.next)) : null,
  );
}

export async function loadInbox(): Promise<Task[]> {
  const { items } = await api<{ items: Task[] }>('GET', '/v1/tasks?limit=200');
  return [...items].sort(byDeadline);
}

export async function renderOfficer(main: HTMLElement): Promise<void> {
  const session = requireRole(main, ['officer', 'supervisor']);
  if (!session) return;
  const { agency, jurisdiction = '' } = session.claims;
  const query = inboxQuery(new URLSearchParams(location.search));
  const officer = session.claims.role === 'officer';
  const params = new URLSearchParams({
    limit: String(pageSize()),
    offset: String((query.page - 1) * pageSize()),
    ...(query.procedure && { procedure: query.procedure }),
    ...(query.state && { state: query.state }),
    ...(query.overdue && { overdue: 'true' }),
    ...(query.mine && officer && { assignedToMe: 'true' }),
  });
  const { items: tasks, total } = await api<{ items: Task[]; total: number }>(
    'GET',
    `/v1/tasks?${params.toString()}`,
  );
  const reportsAssignee = assigneesReported(tasks);
  const rows = tasks.map((task) =>
    [
      h(
        'span',
        { class: task.overdue ? 'deadline overdue' : 'deadline' },
        task.deadline ? formatDateTime(task.deadline) : tr(T.noDeadline),
        ...flags(task).flatMap((f) => [' ', f]),
      ),
      caseLink(
        task,
        officer
          ? `/officer/tasks/${encodeURIComponent(task.taskId)}`
          : `/cases/${encodeURIComponent(task.caseId)}`,
      ),
      stepName(task.step),
      officer ? null : agencyName(task.agency),
      badge(stepStateName(task.state), toneOf(task.state)),
      reportsAssignee ? (task.assignee ?? t('notAssigned')) : null,
    ].filter((cell) => cell !== null),
  );
  const head = [
    t('deadline'),
    t('caseId'),
    t('step'),
    ...(officer ? [] : [t('agency')]),
    t('status'),
    ...(reportsAssignee ? [t('assignee')] : []),
  ];
  show(
    main,
    heading(tr(T.title)),
    h(
      'p',
      { class: 'lead' },
      tr(T.scope)
        .replace('{agency}', agency ? agencyName(agency) : tr(T.allAgencies))
        .replace('{commune}', `${jurisdiction} — ${communeName(jurisdiction)}`),
    ),
    filterForm(query, officer),
    h('p', { id: 'inbox-count', role: 'status' }, tr(T.count).replace('{n}', String(total))),
    tasks.length ? table(tr(T.caption), head, rows) : h('p', {}, t('noTasks')),
    pager(query, total),
  );
}
