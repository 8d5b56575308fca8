/// <reference lib="es2024.string" />
// (isWellFormed only: Node 20, the oldest we run on, has it but not all of ES2024's library.)
// Free text as the door accepts it. Whatever a person types reaches workflow histories, the agencies'
// systems and the read model's JSON columns, and is shown to officers: text PostgreSQL's jsonb
// refuses (a lone surrogate, U+0000) would make a projection retry forever, and invisible or
// direction-changing characters would make two different strings look the same on a screen. So
// every free-text field of the API is built here, and refused at the door with the field's path.
import { z } from 'zod';
import { rule } from './rule-texts';

/**
 * Control characters: C0 (but tab, line feed and carriage return, which a text of several lines
 * keeps), DEL, C1 (e.g. U+0085, a line break to some readers), and the Unicode line and paragraph
 * separators U+2028/U+2029.
 */
const CONTROLS = {
  oneLine: '\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029',
  severalLines: '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u2028\\u2029',
} as const;
/** Bidirectional formatting (UAX #9): embeddings and overrides, isolates, and the three marks. */
const BIDI = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
/**
 * Characters that show nothing: zero-width space, non-joiner and joiner, word joiner and the
 * invisible operators, the deprecated format controls, the byte-order mark (zero-width no-break
 * space), soft hyphen, Mongolian vowel separator, interlinear annotation marks.
 */
const INVISIBLE =
  '\\u00ad\\u180e\\u200b-\\u200d\\u2060-\\u2064\\u206a-\\u206f\\ufeff\\ufff9-\\ufffb';
/** In the documented pattern only: a lone surrogate, as a code point (the check is isWellFormed). */
const SURROGATES = '\\ud800-\\udfff';
/**
 * What `String.prototype.trim` removes and the checks above still allow: spelled out rather than
 * `\s`, which other regex dialects (the fuzzer's Python) read differently.
 */
const BLANKS = '\\t\\n\\r \\u00a0\\u1680\\u2000-\\u200a\\u202f\\u205f\\u3000';

export type Lines = 'one line' | 'several lines';

/** The messages a refused field carries (domain/rule-texts.ts says them in both languages). */
export const UNSAFE_TEXT = {
  malformed: rule('malformedText'),
  controlOneLine: rule('controlOneLine'),
  controlSeveralLines: rule('controlSeveralLines'),
  bidi: rule('bidi'),
  invisible: rule('invisible'),
} as const;

const forbidden = (lines: Lines) =>
  `${lines === 'one line' ? CONTROLS.oneLine : CONTROLS.severalLines}${BIDI}${INVISIBLE}`;
// Each one character class: the checks stay linear in the length of the input.
const containsAny = (ranges: string) => new RegExp(`[${ranges}]`);
const CONTAINS = {
  oneLine: containsAny(CONTROLS.oneLine),
  severalLines: containsAny(CONTROLS.severalLines),
  bidi: containsAny(BIDI),
  invisible: containsAny(INVISIBLE),
};

/**
 * Refuses, each with its own message, text that is not well-formed Unicode, has control, bidi or
 * invisible characters. Each refusal aborts the field's other checks: one clear issue per field.
 */
export function refuseUnsafeCharacters(schema: z.ZodString, lines: Lines = 'one line') {
  const controls = lines === 'one line' ? CONTAINS.oneLine : CONTAINS.severalLines;
  return schema
    .refine((s) => s.isWellFormed(), { message: UNSAFE_TEXT.malformed, abort: true })
    .refine((s) => !controls.test(s), {
      message: lines === 'one line' ? UNSAFE_TEXT.controlOneLine : UNSAFE_TEXT.controlSeveralLines,
      abort: true,
    })
    .refine((s) => !CONTAINS.bidi.test(s), { message: UNSAFE_TEXT.bidi, abort: true })
    .refine((s) => !CONTAINS.invisible.test(s), { message: UNSAFE_TEXT.invisible, abort: true });
}

/**
 * Free text: safe characters (above), normalised to NFC (so "Nguyễn" typed with combining marks is
 * stored and compared as the precomposed "Nguyễn" every other system uses), trimmed, and only then
 * held to `min`..`max` characters. Names, addresses, places and references are `one line`; reasons
 * a person writes in a text box may run over `several lines` (tab, line feed, carriage return).
 *
 * The documented pattern says the same for clients and the fuzzer: no refused character (a lone
 * surrogate is a code point of its own there), and at least `min` characters from the first to the
 * last non-blank one.
 */
export function safeText(min: number, max: number, lines: Lines = 'one line') {
  const allowed = `[^${forbidden(lines)}${SURROGATES}]`;
  const visible = `[^${BLANKS}${forbidden(lines)}${SURROGATES}]`;
  return refuseUnsafeCharacters(z.string(), lines)
    .normalize('NFC')
    .trim()
    .min(min)
    .max(max)
    .meta({
      pattern:
        min <= 1
          ? `^${allowed}*${visible}${allowed}*$`
          : `^${allowed}*${visible}${allowed}{${min - 2},}${visible}${allowed}*$`,
    });
}

/**
 * An identifier (an officer's `sub`): one word of visible, safe characters, taken exactly as sent —
 * neither trimmed nor normalised, since it is compared with the one in the person's token.
 */
export function safeWord(max: number) {
  const visible = `[^${BLANKS}${forbidden('one line')}${SURROGATES}]`;
  return refuseUnsafeCharacters(z.string())
    .min(1)
    .max(max)
    .regex(new RegExp(`^[^${BLANKS}]*$`), rule('identifier'))
    .meta({ pattern: `^${visible}+$` });
}
