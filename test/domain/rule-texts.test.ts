// The catalogue of the door's rules (issue 22, item 3): each rule's words in both languages, named by
// its English words without ambiguity, and the rules whose words hold values said from them.
import { describe, expect, it } from 'vitest';
import { CATALOGUED_RULES, rule, ruleIssue, ruleMessage } from '../../domain/rule-texts';

describe('the rule catalogue', () => {
  it('when a rule is catalogued, then its English words name it alone and its Vietnamese are its own', () => {
    const english = CATALOGUED_RULES.map((words) => words.en);
    expect(new Set(english).size).toBe(english.length);
    for (const words of CATALOGUED_RULES) {
      expect(words.vi.trim()).not.toBe('');
      expect(words.vi).not.toBe(words.en);
    }
  });

  it('when a schema’s check says a rule’s English words, then the reader gets them in their language', () => {
    expect(ruleMessage({ message: rule('pinDigits') }, 'vi')).toBe('phải gồm đúng 12 chữ số');
    expect(ruleMessage({ message: rule('pinDigits') }, 'en')).toBe('must be 12 digits');
  });

  it('when words are not in the catalogue (zod’s own, already in the reader’s language), then they are kept as they are', () => {
    expect(ruleMessage({ message: 'Quá nhỏ: mong đợi số >=1900' }, 'vi')).toBe(
      'Quá nhỏ: mong đợi số >=1900',
    );
  });

  it('when a rule’s words hold values, then the issue carries them and each language says them', () => {
    const issue = ruleIssue('noticeYear', { date: '2028-01-01', year: 2027 });
    expect(issue).toEqual({
      message: '2028-01-01 is not in 2027',
      params: { saying: 'noticeYear', date: '2028-01-01', year: 2027 },
    });
    expect(ruleMessage(issue, 'vi')).toBe('2028-01-01 không thuộc năm 2027');
  });

  it('when an issue names a saying the catalogue does not have, then its message is kept', () => {
    expect(ruleMessage({ message: 'as written', params: { saying: 'toString' } }, 'vi')).toBe(
      'as written',
    );
  });
});
