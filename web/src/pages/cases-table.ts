// A table of case summaries, shared by the citizen's "my cases" and the clerk's search.
import { h, table } from '../dom';
import { formatDate } from '../format';
import { t } from '../i18n';
import { caseStatusName, procedureName } from '../labels';
import { badge, toneOf } from '../layout';
import type { CaseSummary } from '../types';

export function caseTable(caption: string, items: readonly CaseSummary[]): HTMLElement {
  if (items.length === 0) return h('p', {}, t('noCases'));
  return table(
    caption,
    [t('caseCode'), t('person'), t('procedure'), t('status'), t('receivedAt'), t('deadline')],
    items.map((c) => [
      h(
        'a',
        { href: `/cases/${encodeURIComponent(c.caseId)}`, class: 'tracking' },
        c.caseCode ?? c.caseId,
      ),
      c.name ?? '—',
      procedureName(c.procedure),
      badge(caseStatusName(c.status), toneOf(c.status)),
      formatDate(c.receivedAt),
      h(
        'span',
        {},
        formatDate(c.deadline),
        c.overdue ? ' ' : '',
        c.overdue ? badge(t('overdue'), 'bad') : null,
      ),
    ]),
  );
}
