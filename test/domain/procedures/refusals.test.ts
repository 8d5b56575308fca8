// The refusals' catalogue (issue 22, item 3): why a case or step refuses a request now, by name, in
// both languages, the states it names said as people call them — never a code inside a sentence.
import { describe, expect, it } from 'vitest';
import { isRefused, refusal, refusalWords } from '../../../domain/procedures/refusals';

describe('refusals', () => {
  it('when a decision is refused in a state people have a name for, then each language names the state as the pages do', () => {
    expect(
      refusalWords(
        refusal('decisionNotNow', { decision: 'approve', state: 'awaiting_supplement' }),
      ),
    ).toEqual({
      en: 'cannot approve a step that is awaiting_supplement',
      vi: 'không thể phê duyệt khi bước ở trạng thái “Chờ bổ sung hồ sơ”',
    });
  });

  it('when a withdrawal is refused while the case is closing (a state with no status name), then the Vietnamese says what it means, not the code', () => {
    const words = refusalWords(refusal('notWithdrawable', { state: 'settling' }));
    expect(words.vi).toBe('không thể rút hồ sơ ở trạng thái đang kết thúc');
    expect(words.vi).not.toContain('settling');
  });

  it('when the agency’s window to reject has closed, then the Vietnamese gives the time in Vietnam and the rule', () => {
    const rejectBy = Date.parse('2026-12-07T03:30:00Z');
    const words = refusalWords(refusal('rejectionClosed', { rejectBy }));
    expect(words.vi).toContain('2026-12-07 10:30, giờ Việt Nam');
    expect(words.vi).toContain('QĐ 976/QĐ-BHXH');
    expect(words.en).toContain(
      'the window to reject an invalid file closed at 2026-12-07T03:30:00.000Z',
    );
  });

  it('when a value is read back from storage, then only a refusal the catalogue names is taken as one', () => {
    expect(isRefused(refusal('reasonRequired'))).toBe(true);
    expect(isRefused({ name: 'toString' })).toBe(false);
    expect(isRefused({ name: 'noSuchRefusal' })).toBe(false);
    expect(isRefused('reasonRequired')).toBe(false);
    expect(isRefused(null)).toBe(false);
  });
});
