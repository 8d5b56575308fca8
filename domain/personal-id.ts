// What a 12-digit personal identification number (số định danh cá nhân) says about its holder, and
// whether that agrees with what an application says about them.
//
// The structure (DOMAIN.md §3A [S50] (C)): digits 1–3 the province (or country) where the birth was
// registered, digit 4 the century of birth and the sex, digits 5–6 the last two digits of the year
// of birth, digits 7–12 random. The century-and-sex code: 20th century (1900–1999) man 0, woman 1;
// 21st (2000–2099) 2 / 3; 22nd 4 / 5; 23rd 6 / 7; 24th 8 / 9.
// Sources read (issue 20): NĐ 137/2015/NĐ-CP Art. 13 (the 6 + 6 structure) with the code table of
// Thông tư 07/2016/TT-BCA Art. 7, carried into Thông tư 59/2021/TT-BCA Art. 7, as quoted by
// lawnet.vn ("Structure of personal identification numbers…", 23/07/2024; "Vietnam: What is a
// personal identification number", citing TT 07/2016 Art. 7) — secondary sources (S); the circulars'
// own text was not reachable. Since 01/07/2024 the Luật Căn cước 2023 and its Decree 70/2024/NĐ-CP
// govern the number; the press reports the same structure, and numbers already issued never change.
//
// The province digits are not checked against a list: a birth registered abroad carries its
// country's code, for which we have no reference table, and the 2025 merger of provinces changed no
// issued number (README, "PIN coherence").

import { ruleIssue, type RuleIssue } from './rule-texts';

export type Sex = 'male' | 'female';

export interface PinFacts {
  /** Province (or country) code where the birth was registered. */
  registeredIn: string;
  sex: Sex;
  yearOfBirth: number;
}

/** What a well-formed PIN encodes; undefined if it is not 12 digits. */
export function decodePin(pin: string): PinFacts | undefined {
  if (!/^\d{12}$/.test(pin)) return undefined;
  const code = Number(pin[3]);
  return {
    registeredIn: pin.slice(0, 3),
    sex: code % 2 === 0 ? 'male' : 'female',
    yearOfBirth: 1900 + 100 * Math.floor(code / 2) + Number(pin.slice(4, 6)),
  };
}

/**
 * The first six digits a PIN issued for these facts starts with (the inverse of decodePin): the
 * province code, the century-and-sex digit, the last two digits of the year of birth.
 */
export function pinPrefix(facts: PinFacts): string {
  const century = Math.floor(facts.yearOfBirth / 100) - 19;
  if (!/^\d{3}$/.test(facts.registeredIn)) throw new RangeError('province code must be 3 digits');
  if (century < 0 || century > 4)
    throw new RangeError(`no PIN century digit for ${facts.yearOfBirth}`);
  const code = century * 2 + (facts.sex === 'female' ? 1 : 0);
  return `${facts.registeredIn}${code}${String(facts.yearOfBirth % 100).padStart(2, '0')}`;
}

/** What the application says about the PIN's holder (each fact only where it is known). */
export interface KnownFacts {
  sex?: Sex | undefined;
  yearOfBirth?: number | undefined;
}

/**
 * How the PIN contradicts what is known of its holder, one issue per contradiction (none when it
 * agrees, or when it is malformed: the 12-digit check reports that).
 */
export function pinContradictions(pin: string, known: KnownFacts): RuleIssue[] {
  const facts = decodePin(pin);
  if (!facts) return [];
  const problems: RuleIssue[] = [];
  if (known.sex && facts.sex !== known.sex)
    problems.push(
      ruleIssue('pinSex', { digit: pin.slice(3, 4), pinSex: facts.sex, sex: known.sex }),
    );
  if (known.yearOfBirth !== undefined && facts.yearOfBirth !== known.yearOfBirth)
    problems.push(
      ruleIssue('pinYear', {
        digits: pin.slice(3, 6),
        pinYear: facts.yearOfBirth,
        year: known.yearOfBirth,
      }),
    );
  return problems;
}
