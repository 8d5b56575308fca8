// Fields every linked application shares (Mẫu số 01 and 02): names, dates, addresses, phone numbers,
// and what the checks that need the outside world (today's date, the commune list) are given.
import { z } from 'zod';
import { CommuneCode } from './principal';
import { isCountryCode } from './countries';
import { ethnicGroupOf } from './ethnic-groups';
import { refuseUnsafeCharacters, safeText } from './safe-text';
import { rule } from './rule-texts';

/** Letters first, then letters, combining marks, spaces and . ' - (checked after NFC). */
const NAME = /^[\p{L}][\p{L}\p{M} .'-]*$/u;

// The letter check alone refuses unsafe characters too, but says only "letters": the safe-text
// checks run first so a pasted U+202E or a broken surrogate is named for what it is.
export const PersonName = refuseUnsafeCharacters(z.string())
  .normalize('NFC')
  .trim()
  .min(2, rule('nameTooShort'))
  .max(100)
  .regex(NAME, rule('nameLetters'))
  .describe('full name as on the civil-status record');

/**
 * Dân tộc: one of the 54 groups of the Danh mục các dân tộc Việt Nam for a Vietnamese citizen (the
 * application's own check, `ethnicityProblem`, as it needs the person's nationality), shown as the
 * list spells it however typed ("hmong" → "HMông"); a foreign national's as they give it.
 */
export const Ethnicity = safeText(2, 50)
  .overwrite((text) => ethnicGroupOf(text)?.name ?? text)
  .describe(
    'dân tộc: a Vietnamese citizen’s is one of the 54 in the Danh mục các dân tộc Việt Nam',
  );

/** Why a person's ethnicity cannot be accepted, if it cannot (their nationality given). */
export const ethnicityProblem = (ethnicity: unknown, nationality: unknown): string | undefined =>
  typeof ethnicity === 'string' &&
  (nationality === undefined || nationality === 'VN') &&
  !ethnicGroupOf(ethnicity)
    ? rule('notAnEthnicGroup')
    : undefined;
export const Nationality = z
  .string()
  .regex(/^[A-Z]{2}$/, rule('countryCode'))
  .refine(isCountryCode, rule('notACountry'))
  .default('VN')
  .describe('quốc tịch');
export const LocalDate = z.iso.date().describe('YYYY-MM-DD');

export const Address = z
  .object({
    commune: CommuneCode,
    line: safeText(3, 200).describe('house number, street, hamlet (thôn/tổ)'),
  })
  .meta({ id: 'Address' });

export const Phone = z
  .string()
  .regex(/^(0|\+84)\d{9}$/, rule('phone'))
  .describe('for SMS notifications');

export interface ApplicationContext {
  /** Today in Vietnam (YYYY-MM-DD), asked at each validation: a birth cannot be later. */
  today: () => string;
  /** Reference data: the commune codes in force. */
  isKnownCommune: (code: string) => boolean;
}

/** An input that failed other checks: any field may be missing, so cross-field checks stay safe. */
export type Loose<T> = T extends object ? { [K in keyof T]?: Loose<T[K]> } : T | undefined;

/** An upload (POST /v1/uploads) the filing or the supplement answer hands in with itself. */
export const AttachmentRef = z
  .object({
    uploadId: z.uuid().describe('as POST /v1/uploads answered it'),
  })
  .meta({ id: 'AttachmentRef' });

/**
 * Files handed in with a filing or a supplement answer: uploads of the caller's (a clerk: of their
 * desk), each once, each becoming an attachment of the case beside the dossier item it answers.
 */
export const Attachments = z
  .array(AttachmentRef)
  .min(1)
  .max(20)
  .refine(
    (list) => new Set(list.map((a) => a.uploadId.toLowerCase())).size === list.length,
    rule('eachUploadOnce'),
  )
  .describe('uploaded scans handed in with this (at most 20 a case)');
