// The inbox of an officer's agency and commune (or, for a supervisor, every agency of the commune):
// open steps, soonest deadline first, overdue and at-risk ones marked in words.
import { api } from '../api';
import { communeName } from '../config';
import { h, show, table } from '../dom';
import { formatDateTime } from '../format';
import { t, tr, type Text } from '../i18n';
import { agencyName, stepName, stepStateName } from '../labels';
import { badge, clockBadge, heading, requireRole, toneOf } from '../layout';
import type { Task } from '../types';

const T = {
  title: { vi: 'Hộp việc', en: 'Inbox' },
  scope: { vi: '{agency} — {commune}', en: '{agency} — {commune}' },
  allAgencies: { vi: 'Tất cả cơ quan', en: 'All agencies' },
  caption: {
    vi: 'Việc đang chờ xử lý, hạn gần nhất trước',
    en: 'Open tasks, soonest deadline first',
  },
  noDeadline: { vi: 'Tạm dừng tính hạn', en: 'Clock paused' },
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

export async function loadInbox(): Promise<Task[]> {
  const { items } = await api<{ items: Task[] }>('GET', '/v1/tasks?limit=200');
  return [...items].sort(byDeadline);
}

export async function renderOfficer(main: HTMLElement): Promise<void> {
  const session = requireRole(main, ['officer', 'supervisor']);
  if (!session) return;
  const { agency, jurisdiction = '' } = session.claims;
  const tasks = await loadInbox();
  const officer = session.claims.role === 'officer';
  const reportsAssignee = assigneesReported(tasks);
  const rows = tasks.map((task) =>
    [
      h(
        'span',
        { class: task.overdue ? 'deadline overdue' : 'deadline' },
        task.deadline ? formatDateTime(task.deadline) : tr(T.noDeadline),
        ...flags(task).flatMap((f) => [' ', f]),
      ),
      h(
        'a',
        {
          href: officer
            ? `/officer/tasks/${encodeURIComponent(task.taskId)}`
            : `/cases/${encodeURIComponent(task.caseId)}`,
          class: 'tracking',
        },
        task.caseId,
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
    tasks.length ? table(tr(T.caption), head, rows) : h('p', {}, t('noTasks')),
  );
}
