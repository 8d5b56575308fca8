import { describe, expect, it } from 'vitest';
import { PersonName } from '../../domain/application-fields';
import { safeText, safeWord, UNSAFE_TEXT } from '../../domain/safe-text';

const line = safeText(3, 200);
const prose = safeText(3, 500, 'several lines');
const messagesOf = (
  schema: { safeParse: (v: unknown) => { error?: { issues: { message: string }[] } } },
  value: string,
) => (schema.safeParse(value).error?.issues ?? []).map((i) => i.message);

/** The documented pattern, read as JSON Schema reads it (code points: the `u` flag). */
const documented = (schema: typeof line) =>
  new RegExp(String((schema.meta() as { pattern: string }).pattern), 'u');

describe('safeText', () => {
  it.each([
    ['a lone high surrogate', '12 \ud800 Phố', UNSAFE_TEXT.malformed],
    ['a lone low surrogate', '12 \udc00 Phố', UNSAFE_TEXT.malformed],
    ['a high surrogate at the end', '12 Phố \ud83d', UNSAFE_TEXT.malformed],
    ['U+0000', '12\u0000 Phố', UNSAFE_TEXT.controlOneLine],
    ['U+0085 (C1 next line)', '12 Phố\u0085Đội Cấn', UNSAFE_TEXT.controlOneLine],
    ['a line feed', '12 Phố\nĐội Cấn', UNSAFE_TEXT.controlOneLine],
    ['U+2028 (line separator)', '12 Phố\u2028Đội Cấn', UNSAFE_TEXT.controlOneLine],
    ['U+202E (right-to-left override)', '12 \u202enấC iộĐ', UNSAFE_TEXT.bidi],
    ['U+2066 (left-to-right isolate)', '12 \u2066Phố\u2069', UNSAFE_TEXT.bidi],
    ['U+200F (right-to-left mark)', '12 Phố\u200f', UNSAFE_TEXT.bidi],
    ['U+200B (zero-width space)', '12 Ph\u200bố', UNSAFE_TEXT.invisible],
    ['U+FEFF (byte-order mark) at the start', '\ufeff12 Phố', UNSAFE_TEXT.invisible],
    ['U+00AD (soft hyphen)', '12 Đội\u00adCấn', UNSAFE_TEXT.invisible],
  ])('when a line holds %s, then it is refused with one issue naming why', (_what, value, why) => {
    expect(messagesOf(line, value)).toEqual([why]);
  });

  it('when a reason runs over several lines with a tab, then it is kept, but U+0000 and U+202E are still refused', () => {
    expect(prose.parse('thiếu giấy chứng sinh\r\n\t– bản sao có chữ ký số')).toBe(
      'thiếu giấy chứng sinh\r\n\t– bản sao có chữ ký số',
    );
    expect(messagesOf(prose, 'thiếu\u0000 giấy tờ')).toEqual([UNSAFE_TEXT.controlSeveralLines]);
    expect(messagesOf(prose, 'thiếu \u202egiấy tờ')).toEqual([UNSAFE_TEXT.bidi]);
  });

  it('when Vietnamese is typed with combining marks, then it is stored precomposed (NFC)', () => {
    const decomposed =
      'Nguye\u0302\u0303n Tra\u0302\u0300n, Pho\u0302\u0301 Đo\u0323\u0302i Ca\u0302\u0301n';
    const parsed = line.parse(decomposed);
    expect(parsed).toBe('Nguyễn Trần, Phố Đội Cấn');
    expect(parsed).toBe(parsed.normalize('NFC'));
    expect(parsed.length).toBeLessThan(decomposed.length);
  });

  it('when combining marks make a text long, then its length is counted after NFC', () => {
    // 2 letters × (base + 2 marks) = 6 code units before, 2 after: under the minimum of 3.
    expect(line.safeParse('e\u0302\u0301a\u0306\u0300').success).toBe(false);
    // 200 precomposed letters typed as 600 code units fit the maximum of 200.
    expect(line.parse('e\u0302\u0301'.repeat(200))).toBe('ế'.repeat(200));
  });

  it('when ordinary Vietnamese, emoji or blanks at either end are sent, then they are accepted (trimmed)', () => {
    expect(line.parse('  Số 12, ngõ 34 Phố Đội Cấn, phường Ba Đình 🏠 ')).toBe(
      'Số 12, ngõ 34 Phố Đội Cấn, phường Ba Đình 🏠',
    );
  });

  it('when the documented pattern is read, then it refuses what the checks refuse and matches what they accept', () => {
    const pattern = documented(line);
    for (const bad of [
      '12 \ud800 Phố',
      '12\u0085 Phố',
      '12 \u202eabc',
      'a\u200bbc',
      '\ufeffabc',
      '12\nPhố',
      '   ',
    ])
      expect(pattern.test(bad), JSON.stringify(bad)).toBe(false);
    for (const good of ['12 Phố Đội Cấn', 'Số 12 🏠', ' abc '])
      expect(pattern.test(good), good).toBe(true);
    expect(documented(prose).test('dòng một\ndòng hai')).toBe(true);
  });
});

describe('PersonName', () => {
  it('when a name is typed with combining marks, then it is normalised to NFC before the letter check', () => {
    expect(PersonName.parse(' Nguye\u0302\u0303n Thi\u0323 Mai ')).toBe('Nguyễn Thị Mai');
  });

  it.each([
    ['a lone surrogate', 'Nguyễn \ud800An', UNSAFE_TEXT.malformed],
    ['U+202E', 'Nguyễn \u202eAn', UNSAFE_TEXT.bidi],
    ['U+200D', 'Nguyễn\u200d An', UNSAFE_TEXT.invisible],
  ])('when a name holds %s, then it is refused with that reason only', (_what, value, why) => {
    expect(messagesOf(PersonName, value)).toEqual([why]);
  });
});

describe('safeWord', () => {
  it('when an officer id is sent, then it is kept exactly, and one with a blank or a bad character is refused', () => {
    const id = safeWord(200);
    expect(id.parse('officer-civil-status-2')).toBe('officer-civil-status-2');
    expect(messagesOf(id, 'officer 2')).toEqual(['an identifier without spaces']);
    expect(messagesOf(id, 'officer\ud800')).toEqual([UNSAFE_TEXT.malformed]);
    expect(messagesOf(id, 'officer\u200b2')).toEqual([UNSAFE_TEXT.invisible]);
  });
});
