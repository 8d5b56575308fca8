// The application as filed, read the way it was typed (issue 22, item 2: the whole dossier on the
// officer's task): every field under its own label, grouped as the e-form groups them, codes shown as
// words (a select's choice, a commune's name, a country), dates as dd/mm/yyyy. Driven by the same
// FormSpec the clerk's form is built from, so a field added to the form shows here too.
import { communeName } from '../config';
import { definitions, h } from '../dom';
import { formatDate } from '../format';
import { language, tr, type Text } from '../i18n';
import { fillIn, getPath } from './paths';
import type { FieldSpec, FormSpec, Item } from './spec';

const YES_NO: Record<'yes' | 'no', Text> = {
  yes: { vi: 'Có', en: 'Yes' },
  no: { vi: 'Không', en: 'No' },
};

/** One value as words; undefined when the application has none (or holds no plain value there). */
function shown(spec: FieldSpec, value: unknown): string | undefined {
  if (typeof value === 'boolean') return tr(value ? YES_NO.yes : YES_NO.no);
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value);
  if (text === '') return undefined;
  switch (spec.kind) {
    case 'select':
      return spec.options?.find((o) => o.value === text)?.label[language()] ?? text;
    case 'commune':
      return `${text} — ${communeName(text)}`;
    case 'date':
      return formatDate(text);
    case 'checkbox':
    case 'number':
    case 'text':
      return text;
  }
}

function section(items: readonly Item[], application: unknown): HTMLElement[] {
  const facts: [string, string][] = [];
  const parts: HTMLElement[] = [];
  for (const item of items) {
    if (item.kind === 'group') {
      if (getPath(application, item.name) === undefined) continue;
      const inner = section(item.items, application);
      if (inner.length)
        parts.push(
          h(
            'section',
            { class: 'dossier-group', 'data-group': item.name },
            h('h3', {}, tr(item.legend)),
            ...inner,
          ),
        );
    } else if (item.kind === 'list') {
      const rows = getPath(application, item.name);
      if (!Array.isArray(rows) || rows.length === 0) continue;
      parts.push(
        h(
          'section',
          { class: 'dossier-group', 'data-group': item.name },
          h('h3', {}, tr(item.legend)),
          ...rows.map((row: unknown, i) =>
            h(
              'div',
              {},
              h('h4', {}, fillIn(tr(item.itemLegend), i + 1)),
              definitions(
                item.items.flatMap((f): [string, string][] => {
                  const value = shown(f, getPath(row, f.name));
                  return value === undefined ? [] : [[tr(f.label), value]];
                }),
              ),
            ),
          ),
        ),
      );
    } else {
      const value = shown(item, getPath(application, item.name));
      if (value !== undefined) facts.push([tr(item.label), value]);
    }
  }
  return [...(facts.length ? [definitions(facts)] : []), ...parts];
}

/** The application under the form's own groups and labels. */
export function dossier(spec: FormSpec, application: unknown): HTMLElement[] {
  return section(spec.items, application);
}
