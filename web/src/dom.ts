// A few helpers to build the DOM from data without innerHTML: every string becomes a text node, so
// names and reasons typed by people are never interpreted as markup.
export type Child = Node | string | number | null | undefined | false;
export type Attributes = Record<string, string | number | boolean | undefined>;

function fill(element: Element, attrs: Attributes, children: Child[]): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  fill(element, attrs, children);
  return element;
}

const SVG = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Attributes = {},
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  fill(element, attrs, children);
  return element;
}

/** Replaces an element's content. */
export function show(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  fill(parent, {}, children);
}

let ids = 0;
/** A document-unique id for aria-labelledby and the like. */
export const uniqueId = (prefix: string) => `${prefix}-${(ids += 1)}`;

/** A term–definition list from pairs, skipping empty values. */
export function definitions(pairs: [string, Child][]): HTMLDListElement {
  const list = h('dl', { class: 'facts' });
  for (const [term, value] of pairs) {
    if (value === undefined || value === null || value === '') continue;
    list.append(h('div', {}, h('dt', {}, term), h('dd', {}, value)));
  }
  return list;
}

/**
 * A table inside a region that can be focused to. Below 600 px each row is a card, each cell under
 * its column's name (`data-label`, styles.css); the roles keep it a table for screen readers then.
 */
export function table(caption: string, head: string[], rows: Child[][]): HTMLElement {
  const captionId = uniqueId('caption');
  return h(
    'div',
    { class: 'table-wrap', role: 'region', 'aria-labelledby': captionId, tabindex: 0 },
    h(
      'table',
      { role: 'table' },
      h('caption', { id: captionId }, caption),
      h(
        'thead',
        { role: 'rowgroup' },
        h(
          'tr',
          { role: 'row' },
          ...head.map((cell) => h('th', { scope: 'col', role: 'columnheader' }, cell)),
        ),
      ),
      h(
        'tbody',
        { role: 'rowgroup' },
        ...rows.map((row) =>
          h(
            'tr',
            { role: 'row' },
            ...row.map((cell, i) => h('td', { role: 'cell', 'data-label': head[i] }, cell)),
          ),
        ),
      ),
    ),
  );
}

/** Saves `blob` as a file named `name` (a download the browser keeps). */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  h('a', { href: url, download: name }).click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
