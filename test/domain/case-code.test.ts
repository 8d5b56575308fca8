import { describe, expect, it } from 'vitest';
import { caseCodeSeries, formatCaseCode, parseCaseCode } from '../../domain/case-code';

describe('case codes', () => {
  it('when a birth is received on 1 December 2026 at 00:30 in Vietnam (still 30 November in UTC), then its code is numbered in December', () => {
    const receivedAt = Date.parse('2026-11-30T17:30:00Z');
    const series = caseCodeSeries('birth-residence-insurance', '00004', receivedAt);
    expect(series).toEqual({ prefix: 'KS', commune: '00004', period: '2612' });
    expect(formatCaseCode(series, 123)).toBe('KS-00004-2612-000123');
  });

  it('when a death is received, then its code starts KT; an unknown procedure has none', () => {
    const receivedAt = Date.parse('2027-01-05T03:00:00Z');
    expect(formatCaseCode(caseCodeSeries('death-residence-funeral', '26734', receivedAt), 7)).toBe(
      'KT-26734-2701-000007',
    );
    expect(() => caseCodeSeries('marriage', '00004', receivedAt)).toThrow(RangeError);
  });

  it('when a code is typed in lower case with spaces around, then it is read; anything else is not a code', () => {
    expect(parseCaseCode('  ks-00004-2612-000123 ')).toBe('KS-00004-2612-000123');
    expect(parseCaseCode('KS-00004-2612-1000000')).toBe('KS-00004-2612-1000000');
    for (const text of ['KX-00004-2612-000123', 'KS-0004-2612-000123', 'KS-00004-2612-12', ''])
      expect(parseCaseCode(text)).toBeUndefined();
  });
});
