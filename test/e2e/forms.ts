// Typing an application into the clerk's form as a person would: every field of the application
// object into the control for its path, dates as dd/mm/yyyy.
import type { Page } from 'playwright-core';
import { formatDate } from '../../web/src/format';

/** `{ child: { fullName } }` → `[['child.fullName', …]]`; list items as `relatives.0.pin`. */
export function fieldsOf(value: object, prefix = ''): [string, string | boolean][] {
  return Object.entries(value).flatMap(([key, v]): [string, string | boolean][] => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (path === 'procedure' || v === undefined) return [];
    if (v !== null && typeof v === 'object') return fieldsOf(v as object, path);
    if (typeof v === 'boolean') return [[path, v]];
    const text = String(v);
    return [[path, /^\d{4}-\d{2}-\d{2}$/.test(text) ? formatDate(text) : text]];
  });
}

export const controlId = (path: string) => `#f-${path.replace(/\./g, '-')}`;

/** Fills each control by its kind (select, checkbox, text), in the order of the object. */
export async function fillForm(page: Page, fields: [string, string | boolean][]): Promise<void> {
  for (const [path, value] of fields) {
    const control = page.locator(controlId(path));
    const kind = await control.evaluate(
      (element) => `${element.tagName}:${element.getAttribute('type') ?? ''}`,
    );
    if (kind.startsWith('SELECT')) await control.selectOption(String(value));
    else if (kind === 'INPUT:checkbox') await control.setChecked(value === true);
    else await control.fill(String(value));
  }
}
