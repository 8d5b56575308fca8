// A table of case summaries, shared by the citizen's "my cases" and the clerk's search, and how
// every list names a case.
import { h, table } from '../dom';
import { formatDate } from '../format';
import { t } from '../i18n';
import { caseStatusName, procedureName } from '../labels';
import { badge, toneOf } from '../layout';
import type { CaseSummary } from '../types';

/**
 * A case in a list: its readable code — or, for a case filed before codes, its id without the
 * procedure's prefix, which the list shows beside it — linked; the whole id in its title.
 */
export function caseLink(
  c: { caseId: string; caseCode?: string | undefined },
  href = `/cases/${encodeURIComponent(c.caseId)}`,
): HTMLAnchorElement {
  const shown = c.caseCode ?? c.caseId.slice(c.caseId.indexOf(':') + 1);
  return h('a', { href, class: 'tracking', title: c.caseId, 'data-case-id': c.caseId }, shown);
}

export function caseTable(caption: string, items: readonly CaseSummary[]): HTMLElement {
  if (items.length === 0) return h('p', {}, t('noCases'));
  return table(
    caption,
    [t('caseCode'), t('person'), t('procedure'), t('status'), t('receivedAt'), t('deadline')],
    items.map((c) => [
      caseLink(c),
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
