// Fields every linked application shares (Mẫu số 01 and 02): names, dates, addresses, phone numbers,
// and what the checks that need the outside world (today's date, the commune list) are given.
import { z } from 'zod';
import { CommuneCode } from './principal';

/** C0 controls and DEL, but tab, line feed and carriage return (PostgreSQL refuses U+0000 outright). */
const CONTROL = '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f';
/** Any character text may hold. */
const ALLOWED = `[^${CONTROL}]`;
/** A character that is neither a control nor blank (what `trim()` keeps at either end). */
const VISIBLE = `[^\\s${CONTROL}]`;

/**
 * Free text the API trims before it checks the length, without control characters (they would end
 * up in workflow histories and in the read model's JSON columns). The documented pattern says what
 * the trim means — at least `min` characters from the first to the last non-blank one; the checks that
 * run stay linear in the length of the input.
 */
export const trimmedText = (min: number, max: number) =>
  z
    .string()
    .regex(new RegExp(`^${ALLOWED}*$`), 'no control characters')
    .trim()
    .min(min)
    .max(max)
    .meta({
      pattern:
        min <= 1
          ? `^${ALLOWED}*${VISIBLE}${ALLOWED}*$`
          : `^${ALLOWED}*${VISIBLE}${ALLOWED}{${min - 2},}${VISIBLE}${ALLOWED}*$`,
    });

/** One word of visible characters: no blanks, no control characters (e.g. an officer's `sub`). */
export const VISIBLE_WORD = new RegExp(`^${VISIBLE}+$`);

export const PersonName = z
  .string()
  .trim()
  .min(2, 'at least 2 characters')
  .max(100)
  .regex(/^[\p{L}][\p{L}\p{M} .'-]*$/u, "letters, spaces and . ' - only")
  .describe('full name as on the civil-status record');

export const Ethnicity = trimmedText(2, 50).describe('dân tộc, e.g. Kinh');
export const Nationality = z
  .string()
  .regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code')
  .default('VN')
  .describe('quốc tịch');
export const LocalDate = z.iso.date().describe('YYYY-MM-DD');

export const Address = z
  .object({
    commune: CommuneCode,
    line: trimmedText(3, 200).describe('house number, street, hamlet (thôn/tổ)'),
  })
  .meta({ id: 'Address' });

export const Phone = z
  .string()
  .regex(/^(0|\+84)\d{9}$/, 'a Vietnamese phone number')
  .describe('for SMS notifications');

export interface ApplicationContext {
  /** Today in Vietnam (YYYY-MM-DD), asked at each validation: a birth cannot be later. */
  today: () => string;
  /** Reference data: the commune codes in force. */
  isKnownCommune: (code: string) => boolean;
}

/** An input that failed other checks: any field may be missing, so cross-field checks stay safe. */
export type Loose<T> = T extends object ? { [K in keyof T]?: Loose<T[K]> } : T | undefined;
