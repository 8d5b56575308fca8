// The supervisor's stuck cases (GET /v1/ops/stuck-cases): cases of the commune nobody on them can
// move — an engine fault, a database refusal, or nothing happening long past the deadline — each
// with why, in the reader's language, and since when. Operators look into them; the supervisor
// knows which citizens are waiting on one.
import { h, table } from '../dom';
import { formatDateTime } from '../format';
import { t, tr, type Text } from '../i18n';
import { caseStatusName, procedureName } from '../labels';
import type { StuckCase, StuckReason } from '../types';
import { caseLink } from './cases-table';

export const STUCK_TEXT = {
  title: { vi: 'Hồ sơ bị treo', en: 'Stuck cases' },
  none: { vi: 'Không có hồ sơ nào bị treo.', en: 'No case is stuck.' },
  since: { vi: 'Bị treo từ', en: 'Stuck since' },
  more: {
    vi: 'Và {n} hồ sơ khác chưa hiện ở đây.',
    en: 'And {n} more not shown here.',
  },
} satisfies Record<string, Text>;

const REASONS: Record<StuckReason, Text> = {
  TASK_FAILING: {
    vi: 'Hệ thống xử lý gặp lỗi lặp lại, hồ sơ không thể chuyển bước',
    en: 'The engine keeps failing on this case: it cannot move on',
  },
  OVERDUE_NO_PROGRESS: {
    vi: 'Quá hạn giải quyết, không có tiến triển kể từ khi đến hạn',
    en: 'Past its deadline with no progress since',
  },
  PROJECTION_REFUSED: {
    vi: 'Cơ sở dữ liệu từ chối ghi dữ liệu hồ sơ: danh sách có thể hiển thị sai',
    en: 'The database refused the case’s data: lists may show it wrongly',
  },
  NOT_STARTED: {
    vi: 'Đã tiếp nhận nhưng hệ thống chưa mở được hồ sơ để xử lý',
    en: 'Received, but the engine has not opened the case yet',
  },
};

export const stuckReasonName = (code: StuckReason): string => tr(REASONS[code]);

/** The table of stuck cases, longest stuck first (as the API lists them). */
export function stuckCasesTable(items: readonly StuckCase[], total: number): HTMLElement[] {
  if (items.length === 0) return [h('p', {}, tr(STUCK_TEXT.none))];
  const rows = items.map((c) => [
    caseLink(c),
    c.procedure ? procedureName(c.procedure) : '—',
    c.status ? caseStatusName(c.status) : '—',
    h(
      'ul',
      { class: 'reasons' },
      ...c.reasons.map((r) => h('li', { 'data-reason': r.code }, stuckReasonName(r.code))),
    ),
    formatDateTime(c.since),
  ]);
  return [
    table(
      tr(STUCK_TEXT.title),
      [t('caseId'), t('procedure'), t('status'), t('reason'), tr(STUCK_TEXT.since)],
      rows,
    ),
    total > items.length
      ? h('p', {}, tr(STUCK_TEXT.more).replace('{n}', String(total - items.length)))
      : null,
  ].filter((e): e is HTMLElement => e !== null);
}
