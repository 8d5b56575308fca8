// The supervisor's dashboard for their commune: open steps per agency and status, the overdue and
// at-risk ones, deadline compliance for a period (./compliance.ts), reassignment of open tasks, and
// delegation of an absent officer's tasks (./delegations.ts).
import { api, ApiProblem, newIdempotencyKey } from '../api';
import { barChart } from '../charts';
import { h, show, table } from '../dom';
import { formatDateTime } from '../format';
import { t, tr, type Text } from '../i18n';
import { agencyName, stepName, stepStateName } from '../labels';
import { errorText, heading, requireRole, statusRegion } from '../layout';
import type { AssignableOfficers, CaseList, StuckCaseList, Task } from '../types';
import { caseLink, caseTable } from './cases-table';
import { delegationsSection } from './delegations';
import { complianceReport } from './compliance';
import { assigneesReported, flags, loadInbox } from './officer';
import { STUCK_TEXT, stuckCasesTable } from './stuck-cases';

const T = {
  title: { vi: 'Giám sát giải quyết hồ sơ', en: 'Case handling dashboard' },
  open: { vi: 'Bước đang mở theo cơ quan và trạng thái', en: 'Open steps per agency and status' },
  openChart: { vi: 'Số bước đang mở của từng cơ quan', en: 'Open steps per agency' },
  total: { vi: 'Tổng', en: 'Total' },
  late: { vi: 'Bước quá hạn và sắp đến hạn', en: 'Overdue and at-risk steps' },
  noLate: {
    vi: 'Không có bước nào quá hạn hoặc sắp đến hạn.',
    en: 'No step is overdue or at risk.',
  },
  overdueCases: { vi: 'Hồ sơ quá hạn', en: 'Overdue cases' },
  compliance: {
    vi: 'Tỷ lệ giải quyết đúng hạn theo cơ quan',
    en: 'Deadline compliance per agency',
  },
  complianceNote: {
    vi: 'Các bước đã giải quyết trong {n} hồ sơ gần nhất, theo ngày giải quyết.',
    en: 'Steps decided in the {n} latest cases, by the day they were decided.',
  },
  assign: { vi: 'Giao việc cho cán bộ', en: 'Assign a task' },
  task: { vi: 'Việc', en: 'Task' },
  officer: { vi: 'Cán bộ được giao', en: 'Officer' },
  noOfficer: {
    vi: 'Danh bạ không có cán bộ nào của cơ quan và địa bàn này.',
    en: 'The directory has no officer of this agency and jurisdiction.',
  },
  assignButton: { vi: 'Giao việc', en: 'Assign' },
  assigned: { vi: 'Đã giao {task} cho {officer}.', en: 'Assigned {task} to {officer}.' },
  assignedMany: { vi: 'Đã giao {n} việc cho {officer}.', en: 'Assigned {n} tasks to {officer}.' },
  several: {
    vi: 'Giữ Ctrl (hoặc ⌘) để chọn nhiều việc: tất cả được giao cho một cán bộ, hoặc không việc nào.',
    en: 'Hold Ctrl (or ⌘) to choose several: all go to one officer, or none does.',
  },
  openTasks: { vi: 'Việc đang mở và người xử lý', en: 'Open tasks and their assignees' },
} satisfies Record<string, Text>;

function openSteps(tasks: readonly Task[]): Element[] {
  const agencies = [...new Set(tasks.map((task) => task.agency))].sort();
  const states = [...new Set(tasks.map((task) => task.state))].sort();
  const count = (agency: string, state?: string) =>
    tasks.filter((task) => task.agency === agency && (state === undefined || task.state === state))
      .length;
  if (agencies.length === 0) return [h('p', {}, t('noTasks'))];
  return [
    barChart(
      tr(T.openChart),
      agencies.map((agency) => ({ label: agencyName(agency), value: count(agency) })),
    ),
    table(
      tr(T.open),
      [t('agency'), ...states.map(stepStateName), tr(T.total)],
      agencies.map((agency) => [
        agencyName(agency),
        ...states.map((state) => count(agency, state)),
        count(agency),
      ]),
    ),
  ];
}

function lateSteps(tasks: readonly Task[]): HTMLElement {
  const late = tasks.filter((task) => task.overdue || task.atRisk || task.breached);
  if (late.length === 0) return h('p', {}, tr(T.noLate));
  return table(
    tr(T.late),
    [t('deadline'), t('caseId'), t('step'), t('agency')],
    late.map((task) => [
      h(
        'span',
        {},
        task.deadline ? formatDateTime(task.deadline) : '—',
        ...flags(task).flatMap((f) => [' ', f]),
      ),
      caseLink(task),
      stepName(task.step),
      agencyName(task.agency),
    ]),
  );
}

function assignment(tasks: Task[], redraw: () => void): HTMLElement {
  const status = statusRegion();
  const choice = h(
    'select',
    {
      id: 'assign-task',
      multiple: true,
      size: Math.min(8, Math.max(2, tasks.length)),
      'aria-describedby': 'assign-task-hint',
    },
    ...tasks.map((task) =>
      h(
        'option',
        { value: task.taskId },
        `${task.caseCode ?? task.caseId} · ${stepName(task.step)}`,
      ),
    ),
  );
  // The soonest task chosen to begin with, as a single list would.
  const first = choice.options[0];
  if (first) first.selected = true;
  // Only officers of the task's agency and jurisdiction in the directory can be given it: offer those.
  const officer = h('select', { id: 'assign-officer', 'aria-describedby': 'assign-officer-error' });
  const error = h('p', { class: 'error', id: 'assign-officer-error' });
  const loadOfficers = () => {
    error.replaceChildren();
    officer.replaceChildren();
    // The officers of the first task chosen (several tasks: one agency's, or 422 says which not).
    const taskId = choice.selectedOptions[0]?.value;
    if (!taskId) return;
    // Only the list of the task still chosen: an earlier task's answer may arrive after this one's,
    // and would offer another agency's officers.
    const current = () => choice.selectedOptions[0]?.value === taskId;
    api<AssignableOfficers>('GET', `/v1/tasks/${encodeURIComponent(taskId)}/officers`).then(
      ({ items }) => {
        if (!current()) return;
        officer.replaceChildren(
          ...items.map((o) => h('option', { value: o.sub }, `${o.name} (${o.sub})`)),
        );
        if (items.length === 0) error.textContent = tr(T.noOfficer);
      },
      (failure: unknown) => {
        if (current()) error.textContent = errorText(failure);
      },
    );
  };
  choice.addEventListener('change', loadOfficers);
  loadOfficers();
  const form = h(
    'form',
    { class: 'card', novalidate: true, 'aria-labelledby': 'assign-title' },
    h('h2', { id: 'assign-title' }, tr(T.assign)),
    h(
      'div',
      { class: 'grid' },
      h(
        'div',
        { class: 'field wide' },
        h('label', { for: 'assign-task' }, tr(T.task)),
        choice,
        h('p', { class: 'hint', id: 'assign-task-hint' }, tr(T.several)),
      ),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'assign-officer' }, tr(T.officer)),
        officer,
        error,
      ),
    ),
    h('button', { type: 'submit', class: 'primary' }, tr(T.assignButton)),
    status,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    error.replaceChildren();
    officer.removeAttribute('aria-invalid');
    const taskIds = [...choice.selectedOptions].map((option) => option.value);
    const fail = (failure: unknown) => {
      const issues = failure instanceof ApiProblem ? failure.errors : [];
      error.textContent = issues.length
        ? issues.map((i) => i.detail).join('; ')
        : errorText(failure);
      officer.setAttribute('aria-invalid', 'true');
    };
    const given = (assigned: Task[]) => {
      for (const each of assigned) {
        const task = tasks.find((candidate) => candidate.taskId === each.taskId);
        if (task) task.assignee = each.assignee ?? null;
      }
      redraw();
    };
    if (taskIds.length > 1) {
      api<{ items: Task[] }>(
        'POST',
        '/v1/tasks/assignments',
        { officer: officer.value, taskIds },
        { idempotencyKey: newIdempotencyKey() },
      ).then(({ items }) => {
        given(items);
        status.textContent = tr(T.assignedMany)
          .replace('{n}', String(items.length))
          .replace('{officer}', officer.value);
      }, fail);
      return;
    }
    const taskId = taskIds[0] ?? '';
    api<Task>(
      'POST',
      `/v1/tasks/${encodeURIComponent(taskId)}/assignment`,
      { officer: officer.value },
      { idempotencyKey: newIdempotencyKey() },
    ).then((assigned) => {
      given([assigned]);
      status.textContent = tr(T.assigned)
        .replace('{task}', `${assigned.caseId} · ${stepName(assigned.step)}`)
        .replace('{officer}', assigned.assignee ?? '');
    }, fail);
  });
  return form;
}

function assignees(tasks: readonly Task[], reported: boolean): HTMLElement {
  return table(
    tr(T.openTasks),
    [t('caseId'), t('step'), t('agency'), t('deadline'), t('assignee')],
    tasks.map((task) => [
      caseLink(task),
      stepName(task.step),
      agencyName(task.agency),
      task.deadline ? formatDateTime(task.deadline) : '—',
      h(
        'span',
        { 'data-assignee': task.taskId },
        task.assignee ?? (reported ? t('notAssigned') : '—'),
      ),
    ]),
  );
}

export async function renderSupervisor(main: HTMLElement): Promise<void> {
  if (!requireRole(main, ['supervisor'])) return;
  const [tasks, overdue, stuck, report, delegations] = await Promise.all([
    loadInbox(),
    api<CaseList>('GET', '/v1/cases?overdue=true&limit=100'),
    api<StuckCaseList>('GET', '/v1/ops/stuck-cases?limit=100'),
    complianceReport(new URLSearchParams(location.search)),
    delegationsSection(),
  ]);
  const reported = assigneesReported(tasks);
  const assigneeTable = h('div', {}, assignees(tasks, reported));
  const section = (id: string, title: string, ...content: (Element | null)[]) =>
    h('section', { 'aria-labelledby': id, class: 'panel' }, h('h2', { id }, title), ...content);
  show(
    main,
    heading(tr(T.title)),
    section('open-steps', tr(T.open), ...openSteps(tasks)),
    section(
      'late-steps',
      tr(T.late),
      lateSteps(tasks),
      h('h3', {}, tr(T.overdueCases)),
      caseTable(tr(T.overdueCases), overdue.items),
    ),
    section('stuck-cases', tr(STUCK_TEXT.title), ...stuckCasesTable(stuck.items, stuck.total)),
    section('compliance', tr(T.compliance), ...report),
    section(
      'assignment',
      tr(T.openTasks),
      assigneeTable,
      tasks.length
        ? assignment(tasks, () => show(assigneeTable, assignees(tasks, reported)))
        : null,
      ...delegations,
    ),
  );
}
