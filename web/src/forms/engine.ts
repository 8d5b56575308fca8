// Renders a FormSpec, collects the application object from it, keeps drafts, and shows each error
// next to its field (plus a summary linking to each), whether zod found it here or the API did.
import { communeName, webConfig } from '../config';
import { h, show } from '../dom';
import { schemaMessage, t, tr } from '../i18n';
import { formatDate, parseDate } from '../format';
import { errorText } from '../layout';
import { errorIdOf, fillIn, idOf, merge, setPath } from './paths';
import type { FieldSpec, FormSpec, GroupSpec, Item, ListSpec } from './spec';

export interface Issue {
  path: readonly PropertyKey[];
  message: string;
  /** A rule whose words hold values names them here (domain/rule-texts.ts). */
  params?: Record<string, unknown> | undefined;
}

export interface Draft {
  values: Record<string, string | boolean>;
  lists: Record<string, number>;
}

type Control = HTMLInputElement | HTMLSelectElement;

/** A person as the population database gives them back (POST /v1/people/lookup). */
export interface LookedUpPerson {
  fullName: string;
  dateOfBirth: string;
  sex: string;
  ethnicity?: string;
  nationality?: string;
  residence?: { commune: string; line: string };
  deceased: boolean;
}

export interface FormOptions {
  /** Offers to fill a person's particulars from their PIN (a clerk's form); absent: no such offer. */
  lookUp?: (pin: string) => Promise<LookedUpPerson>;
}

const T = {
  prefill: { vi: 'Điền từ CSDL dân cư', en: 'Fill from the population database' },
  prefilled: {
    vi: 'Đã điền theo cơ sở dữ liệu quốc gia về dân cư: {fields}. Đề nghị kiểm tra lại.',
    en: 'Filled from the national population database: {fields}. Please check them.',
  },
  nothing: {
    vi: 'Cơ sở dữ liệu dân cư không có thêm thông tin nào để điền.',
    en: 'The population database has nothing more to fill in.',
  },
  pinFirst: { vi: 'Nhập số định danh 12 chữ số trước.', en: 'Type the 12-digit PIN first.' },
  deceased: {
    vi: 'Lưu ý: cơ sở dữ liệu ghi nhận người này đã mất.',
    en: 'Note: the database records this person as deceased.',
  },
};

export class ApplicationForm {
  readonly element: HTMLElement;
  private readonly labels = new Map<string, string>();
  private readonly rows = new Map<string, number>();
  private readonly listBodies = new Map<string, { spec: ListSpec; body: HTMLElement }>();

  constructor(
    readonly spec: FormSpec,
    private readonly options: FormOptions = {},
  ) {
    this.element = h('div', { class: 'form-body' }, ...spec.items.map((item) => this.item(item)));
    this.element.addEventListener('change', () => this.updateVisibility());
    this.updateVisibility();
  }

  private item(item: Item): HTMLElement {
    if (item.kind === 'group') return this.group(item);
    if (item.kind === 'list') return this.list(item);
    return this.field(item);
  }

  private field(spec: FieldSpec, name = spec.name): HTMLElement {
    const id = idOf(name);
    const label = tr(spec.label);
    this.labels.set(name, label);
    const hintId = spec.hint || spec.kind === 'date' ? `h-${id}` : undefined;
    const describedBy = [hintId, errorIdOf(name)].filter(Boolean).join(' ');
    const error = h('p', { class: 'error', id: errorIdOf(name) });
    if (spec.kind === 'checkbox') {
      const box = h('input', { type: 'checkbox', id, name, 'aria-describedby': describedBy });
      box.checked = spec.initial === true;
      return h('div', { class: 'field check' }, box, h('label', { for: id }, label), error);
    }
    let control: Control;
    if (spec.kind === 'select' || spec.kind === 'commune') {
      const options =
        spec.kind === 'commune'
          ? webConfig().communes.map((c) => ({
              value: c.code,
              text: `${c.code} — ${communeName(c.code)}`,
            }))
          : (spec.options ?? []).map((o) => ({ value: o.value, text: tr(o.label) }));
      control = h(
        'select',
        { id, name, 'aria-describedby': describedBy },
        h('option', { value: '' }, t('choose')),
        ...options.map((o) => h('option', { value: o.value }, o.text)),
      );
    } else {
      control = h('input', {
        type: 'text',
        id,
        name,
        inputmode: spec.kind === 'number' ? 'numeric' : spec.inputmode,
        autocomplete: spec.autocomplete ?? 'off',
        placeholder: spec.kind === 'date' ? t('datePlaceholder') : undefined,
        list: spec.suggestions ? `l-${id}` : undefined,
        'aria-describedby': describedBy,
      });
    }
    if (typeof spec.initial === 'string') control.value = spec.initial;
    const hint = spec.kind === 'date' ? { vi: 'dd/mm/yyyy', en: 'dd/mm/yyyy' } : spec.hint;
    return h(
      'div',
      { class: spec.wide ? 'field wide' : 'field' },
      h('label', { for: id }, label),
      hint && hintId ? h('p', { class: 'hint', id: hintId }, tr(hint)) : null,
      control,
      spec.suggestions
        ? h(
            'datalist',
            { id: `l-${id}` },
            ...spec.suggestions.map((value) => h('option', { value })),
          )
        : null,
      spec.prefill && this.options.lookUp ? this.prefillButton(control, spec.prefill) : null,
      error,
    );
  }

  /** A button beside a PIN that fills the person's other fields from the population database. */
  private prefillButton(pin: Control, targets: NonNullable<FieldSpec['prefill']>): HTMLElement {
    const status = h('p', { class: 'hint', role: 'status' });
    const button = h(
      'button',
      { type: 'button', class: 'secondary', 'data-prefill': pin.id },
      tr(T.prefill),
    );
    button.addEventListener('click', () => {
      status.replaceChildren();
      const typed = pin.value.trim();
      if (!/^\d{12}$/.test(typed)) return void (status.textContent = tr(T.pinFirst));
      const lookUp = this.options.lookUp;
      if (!lookUp) return;
      button.disabled = true;
      void lookUp(typed)
        .then(
          (person) => {
            const filled = this.fill(targets, person);
            status.textContent = [
              filled.length
                ? tr(T.prefilled).replace('{fields}', filled.join(', '))
                : tr(T.nothing),
              person.deceased ? tr(T.deceased) : '',
            ]
              .filter(Boolean)
              .join(' ');
          },
          (failure: unknown) => (status.textContent = errorText(failure)),
        )
        .finally(() => (button.disabled = false));
    });
    return h('div', { class: 'prefill' }, button, status);
  }

  /** Puts the person's particulars into the fields named; the labels of those it filled. */
  private fill(targets: NonNullable<FieldSpec['prefill']>, person: LookedUpPerson): string[] {
    const values: [string | undefined, string | undefined][] = [
      [targets.fullName, person.fullName],
      [targets.dateOfBirth, formatDate(person.dateOfBirth)],
      [targets.yearOfBirth, person.dateOfBirth.slice(0, 4)],
      [targets.sex, person.sex],
      [targets.ethnicity, person.ethnicity],
      [targets.nationality, person.nationality],
      [targets.address && `${targets.address}.commune`, person.residence?.commune],
      [targets.address && `${targets.address}.line`, person.residence?.line],
    ];
    const filled: string[] = [];
    for (const [name, value] of values) {
      if (!name || value === undefined || !this.control(idOf(name))) continue;
      this.setValue(idOf(name), value);
      filled.push(this.labels.get(name) ?? name);
    }
    return filled;
  }

  private group(spec: GroupSpec): HTMLElement {
    this.labels.set(spec.name, tr(spec.legend));
    const inner = h('div', { class: 'grid' }, ...spec.items.map((item) => this.item(item)));
    const toggleId = `t-${idOf(spec.name)}`;
    const toggle = spec.toggle
      ? h(
          'div',
          { class: 'field check' },
          h('input', {
            type: 'checkbox',
            id: toggleId,
            'data-toggle': spec.name,
            checked: spec.toggleInitial,
          }),
          h('label', { for: toggleId }, tr(spec.toggle)),
        )
      : null;
    return h(
      'fieldset',
      { 'data-group': spec.name, 'data-when': spec.when },
      h('legend', {}, tr(spec.legend)),
      h('p', { class: 'error', id: errorIdOf(spec.name) }),
      toggle,
      h('div', { class: 'group-body', 'data-body': spec.name }, inner),
    );
  }

  private list(spec: ListSpec): HTMLElement {
    this.labels.set(spec.name, tr(spec.legend));
    const body = h('div', { class: 'rows' });
    this.listBodies.set(spec.name, { spec, body });
    this.rows.set(spec.name, 0);
    const add = h('button', { type: 'button', class: 'secondary' }, tr(spec.add));
    add.addEventListener('click', () => {
      this.setRows(spec.name, (this.rows.get(spec.name) ?? 0) + 1);
      body.querySelector<HTMLElement>('fieldset:last-child input')?.focus();
    });
    return h(
      'fieldset',
      { 'data-group': spec.name },
      h('legend', {}, tr(spec.legend)),
      h('p', { class: 'error', id: errorIdOf(spec.name) }),
      body,
      add,
    );
  }

  /** Redraws a list with `count` rows, keeping what was typed in the rows that stay. */
  private setRows(name: string, count: number, removed?: number): void {
    const list = this.listBodies.get(name);
    if (!list) return;
    const kept = this.snapshot().values;
    const bounded = Math.max(0, Math.min(count, list.spec.max));
    const rows = Array.from({ length: bounded }, (_, i) => {
      const remove = h(
        'button',
        { type: 'button', class: 'link-button' },
        fillIn(tr(list.spec.remove), i + 1),
      );
      remove.addEventListener('click', () => this.setRows(name, bounded - 1, i));
      return h(
        'fieldset',
        { class: 'row' },
        h('legend', {}, fillIn(tr(list.spec.itemLegend), i + 1)),
        h(
          'div',
          { class: 'grid' },
          ...list.spec.items.map((f) => this.field(f, `${name}.${i}.${f.name}`)),
        ),
        remove,
      );
    });
    show(list.body, ...rows);
    this.rows.set(name, bounded);
    for (let i = 0; i < bounded; i += 1) {
      const from = removed !== undefined && i >= removed ? i + 1 : i;
      for (const f of list.spec.items) {
        const value = kept[idOf(`${name}.${from}.${f.name}`)];
        if (value !== undefined) this.setValue(idOf(`${name}.${i}.${f.name}`), value);
      }
    }
  }

  private control(id: string): Control | null {
    return this.element.querySelector<Control>(`#${CSS.escape(id)}`);
  }

  private setValue(id: string, value: string | boolean): void {
    const control = this.control(id);
    if (control instanceof HTMLInputElement && control.type === 'checkbox')
      control.checked = value === true;
    else if (control) control.value = String(value);
  }

  private isOn(path: string): boolean {
    const box = this.element.querySelector<HTMLInputElement>(
      `#${CSS.escape(idOf(path))}, [data-toggle="${path}"]`,
    );
    return box?.checked === true;
  }

  private updateVisibility(): void {
    for (const fieldset of this.element.querySelectorAll<HTMLElement>('fieldset[data-group]')) {
      const when = fieldset.dataset.when;
      if (when) fieldset.hidden = !this.isOn(when);
      const name = fieldset.dataset.group ?? '';
      const body = fieldset.querySelector<HTMLElement>(`[data-body="${name}"]`);
      if (body && fieldset.querySelector(`[data-toggle="${name}"]`)) body.hidden = !this.isOn(name);
    }
  }

  /** The application object as typed, and the dates that are not dd/mm/yyyy. */
  collect(): { value: Record<string, unknown>; issues: Issue[] } {
    const issues: Issue[] = [];
    const value: Record<string, unknown> = { procedure: this.spec.procedure };
    this.collectItems(this.spec.items, value, issues);
    return { value, issues };
  }

  private collectItems(items: Item[], out: Record<string, unknown>, issues: Issue[]): boolean {
    let any = false;
    for (const item of items) {
      if (item.kind === 'group') {
        if (item.when && !this.isOn(item.when)) continue;
        if (item.toggle && !this.isOn(item.name)) continue;
        // A required group is sent even when empty, so each of its fields is named in the errors.
        const scratch: Record<string, unknown> = {};
        setPath(scratch, item.name, {});
        const filled = this.collectItems(item.items, scratch, issues);
        if (item.omitIfEmpty && !filled) continue;
        merge(out, scratch);
        any ||= filled;
      } else if (item.kind === 'list') {
        const rows = Array.from({ length: this.rows.get(item.name) ?? 0 }, (_, i) => {
          const row: Record<string, unknown> = {};
          for (const f of item.items)
            this.collectField(f, `${item.name}.${i}.${f.name}`, row, issues, f.name);
          return row;
        });
        setPath(out, item.name, rows);
        any ||= rows.length > 0;
      } else {
        any = this.collectField(item, item.name, out, issues, item.name) || any;
      }
    }
    return any;
  }

  private collectField(
    spec: FieldSpec,
    name: string,
    out: Record<string, unknown>,
    issues: Issue[],
    at: string,
  ): boolean {
    const control = this.control(idOf(name));
    if (!control) return false;
    if (spec.kind === 'checkbox') {
      setPath(out, at, (control as HTMLInputElement).checked);
      return false;
    }
    const raw = control.value.trim();
    if (raw === '') return false;
    if (spec.kind === 'number') setPath(out, at, /^-?\d+$/.test(raw) ? Number(raw) : raw);
    else if (spec.kind === 'date') {
      const iso = parseDate(raw);
      if (!iso) issues.push({ path: name.split('.'), message: t('dateFormat') });
      setPath(out, at, iso ?? raw);
    } else setPath(out, at, control.value);
    return true;
  }

  snapshot(): Draft {
    const values: Record<string, string | boolean> = {};
    for (const control of this.element.querySelectorAll<Control>('input, select')) {
      if (!control.id) continue;
      values[control.id] =
        control instanceof HTMLInputElement && control.type === 'checkbox'
          ? control.checked
          : control.value;
    }
    return { values, lists: Object.fromEntries(this.rows) };
  }

  restore(draft: Draft): void {
    for (const [name, count] of Object.entries(draft.lists)) this.setRows(name, count);
    for (const [id, value] of Object.entries(draft.values)) this.setValue(id, value);
    this.updateVisibility();
  }

  clearErrors(): void {
    for (const slot of this.element.querySelectorAll('.error')) slot.replaceChildren();
    for (const control of this.element.querySelectorAll('[aria-invalid]'))
      control.removeAttribute('aria-invalid');
  }

  /** Puts each message next to its field (or the nearest group); returns links for a summary. */
  showErrors(issues: readonly Issue[]): HTMLAnchorElement[] {
    this.clearErrors();
    const seen = new Set<string>();
    const links: HTMLAnchorElement[] = [];
    for (const issue of issues) {
      const path = issue.path.map(String);
      let name = path.join('.');
      while (name && !this.element.querySelector(`#${CSS.escape(errorIdOf(name))}`))
        name = name.split('.').slice(0, -1).join('.');
      const message = schemaMessage(issue);
      const key = `${name}|${message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const slot = name ? this.element.querySelector(`#${CSS.escape(errorIdOf(name))}`) : null;
      slot?.append(h('span', {}, message));
      const control = name ? this.control(idOf(name)) : null;
      control?.setAttribute('aria-invalid', 'true');
      const target = control?.id ?? slot?.closest('fieldset')?.querySelector('input, select')?.id;
      const label = this.labels.get(name) ?? name;
      links.push(h('a', { href: target ? `#${target}` : '#main' }, `${label}: ${message}`));
    }
    return links;
  }
}
