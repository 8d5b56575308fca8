// What a citizen is told about a refusal: the code's meaning in their language, the words of a person
// or agency who refused, never a system's technical message or a bare code.
import { describe, expect, it } from 'vitest';
import { describeReason, reasonForCitizen } from '../../../domain/procedures/reasons';

describe('reasons', () => {
  it.each([
    ['PAYEE.NOT_CONFIRMED', 'vi', 'chưa đủ thân nhân xác nhận người nhận trợ cấp trong thời hạn'],
    ['PAYEE.NOT_CONFIRMED', 'en', 'not every adult relative confirmed the payee in time'],
    ['RESIDENCE.HOUSEHOLD_HEAD_MISMATCH', 'vi', 'công an cấp xã từ chối'],
    ['SOMETHING.NEW', 'en', 'refused by the agency'],
  ] as const)('when the code is %s in %s, then it reads “%s”', (code, language, words) => {
    expect(describeReason(code, language)).toBe(words);
  });

  it('when an officer or agency gave words, then the citizen reads them after the meaning', () => {
    expect(
      reasonForCitizen({ code: 'OFFICER.REJECTED', reason: 'thiếu giấy chứng sinh' }, 'vi'),
    ).toBe('cán bộ thụ lý từ chối: thiếu giấy chứng sinh');
  });

  it('when the words are a system’s, then the citizen reads only the meaning', () => {
    expect(
      reasonForCitizen(
        { code: 'AGENCY.BAD_REQUEST', reason: 'POST /civil-status/birth-registrations → 400' },
        'en',
      ),
    ).toBe('the agency’s system refused the request');
    expect(
      reasonForCitizen({ code: 'SUPPLEMENT.TIMEOUT', reason: 'SUPPLEMENT.TIMEOUT' }, 'vi'),
    ).toBe('không bổ sung hồ sơ trong thời hạn');
  });
});
