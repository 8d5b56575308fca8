// How an application form is described: fields at paths of the application object, in groups that
// can depend on a choice (residence only when it is asked for) and repeatable rows (relatives).
import { COUNTRIES } from '../../../domain/countries';
import { ETHNIC_GROUPS } from '../../../domain/ethnic-groups';
import type { Text } from '../i18n';

export interface Option {
  value: string;
  label: Text;
}

export interface FieldSpec {
  kind: 'text' | 'date' | 'number' | 'select' | 'checkbox' | 'commune';
  /** Dotted path in the application: `child.dateOfBirth`. */
  name: string;
  label: Text;
  options?: readonly Option[];
  hint?: Text;
  initial?: string | boolean;
  inputmode?: 'numeric' | 'tel' | 'email' | 'text';
  autocomplete?: string;
  /** Width hint for the layout. */
  wide?: boolean;
  /** Offered as the person types (type-ahead): the official spellings. */
  suggestions?: readonly string[];
  /**
   * A PIN field the population database can fill the rest from (a clerk's form): where each of the
   * person's particulars goes. `address` is a group with `.commune` and `.line`.
   */
  prefill?: Partial<Record<PersonPart, string>>;
}

/** What the population database gives back for a PIN (POST /v1/people/lookup). */
export type PersonPart =
  'fullName' | 'dateOfBirth' | 'yearOfBirth' | 'sex' | 'ethnicity' | 'nationality' | 'address';

export interface GroupSpec {
  kind: 'group';
  name: string;
  legend: Text;
  items: Item[];
  /** Sent (and shown) only while this checkbox (a full path) is ticked. */
  when?: string;
  /** A checkbox of the group's own that sends it: "also the father's details". */
  toggle?: Text;
  /** The toggle starts ticked (the mother's details, unticked only for an abandoned child). */
  toggleInitial?: true;
  /** Not sent when every field in it is empty (optional parts such as a bank account). */
  omitIfEmpty?: boolean;
}

export interface ListSpec {
  kind: 'list';
  name: string;
  legend: Text;
  itemLegend: Text;
  add: Text;
  remove: Text;
  items: FieldSpec[];
  max: number;
}

export type Item = FieldSpec | GroupSpec | ListSpec;

export interface FormSpec {
  procedure: string;
  title: Text;
  items: Item[];
}

export const SEX: readonly Option[] = [
  { value: 'male', label: { vi: 'Nam', en: 'Male' } },
  { value: 'female', label: { vi: 'Nữ', en: 'Female' } },
];

export const LANGUAGE: FieldSpec = {
  kind: 'select',
  name: 'language',
  label: { vi: 'Ngôn ngữ của thông báo', en: 'Language of notifications' },
  options: [
    { value: 'vi', label: { vi: 'Tiếng Việt', en: 'Vietnamese' } },
    { value: 'en', label: { vi: 'Tiếng Anh', en: 'English' } },
  ],
  initial: 'vi',
};

export const text = (name: string, vi: string, en: string, extra: Partial<FieldSpec> = {}) =>
  ({ kind: 'text', name, label: { vi, en }, ...extra }) satisfies FieldSpec;
export const date = (name: string, vi: string, en: string) =>
  ({ kind: 'date', name, label: { vi, en } }) satisfies FieldSpec;
export const pin = (name: string, vi: string, en: string) =>
  text(name, vi, en, {
    inputmode: 'numeric',
    hint: { vi: '12 chữ số', en: '12 digits' },
  });
export const commune = (name: string, vi: string, en: string, initial?: string) =>
  ({ kind: 'commune', name, label: { vi, en }, ...(initial && { initial }) }) satisfies FieldSpec;
export const address = (name: string, legend: Text, extra: Partial<GroupSpec> = {}): GroupSpec => ({
  kind: 'group',
  name,
  legend,
  items: [
    commune(`${name}.commune`, 'Xã/phường', 'Commune'),
    text(`${name}.line`, 'Số nhà, đường, thôn/tổ', 'House number, street, hamlet', { wide: true }),
  ],
  ...extra,
});

/** The person filing: the same fields on every form, the relationship in the procedure's own terms. */
export const applicant = (relationship: Text, options: readonly Option[]): GroupSpec => ({
  kind: 'group',
  name: 'applicant',
  legend: { vi: 'Người yêu cầu', en: 'Applicant' },
  items: [
    text('applicant.fullName', 'Họ, chữ đệm và tên', 'Full name'),
    pinWithPrefill('applicant', ['fullName']),
    { kind: 'select', name: 'applicant.relationship', label: relationship, options },
    text('applicant.phone', 'Số điện thoại', 'Phone', { inputmode: 'tel', autocomplete: 'tel' }),
    text('applicant.email', 'Thư điện tử (không bắt buộc)', 'Email (optional)', {
      inputmode: 'email',
    }),
  ],
});

export const sex = (name: string): FieldSpec => ({
  kind: 'select',
  name,
  label: { vi: 'Giới tính', en: 'Sex' },
  options: SEX,
});

/** The countries of ISO 3166-1, Vietnam first, each by its Vietnamese and English names. */
export const COUNTRY_OPTIONS: readonly Option[] = COUNTRIES.map((c) => ({
  value: c.code,
  label: { vi: c.vi, en: c.en },
}));

export const country = (name: string, vi: string, en: string, initial?: string): FieldSpec => ({
  kind: 'select',
  name,
  label: { vi, en },
  options: COUNTRY_OPTIONS,
  ...(initial && { initial }),
});

/** Ethnicity (type-ahead on the 54 groups) and nationality (a country), Kinh and VN unless changed. */
export const origins = (prefix: string): FieldSpec[] => [
  text(`${prefix}.ethnicity`, 'Dân tộc', 'Ethnicity', {
    initial: 'Kinh',
    suggestions: ETHNIC_GROUPS.map((group) => group.name),
    hint: {
      vi: 'gõ vài chữ để chọn trong 54 dân tộc',
      en: 'type a few letters to choose one of the 54 groups',
    },
  }),
  country(`${prefix}.nationality`, 'Quốc tịch', 'Nationality', 'VN'),
];

/**
 * A person's PIN that the population database fills `parts` from, each at `prefix`.<part> (the
 * address at `address`, a group of `.commune` and `.line`).
 */
export const pinWithPrefill = (
  prefix: string,
  parts: readonly Exclude<PersonPart, 'address'>[],
  address?: string,
): FieldSpec => ({
  ...pin(`${prefix}.pin`, 'Số định danh cá nhân', 'Personal ID number'),
  prefill: {
    ...Object.fromEntries(parts.map((part) => [part, `${prefix}.${part}`])),
    ...(address && { address }),
  },
});
