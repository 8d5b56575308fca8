// Reporting periods on Vietnam's days (domain/reporting-period.ts): what "November" and "from the 1st
// to the 30th" mean as instants, and which month a monthly report run covers.
import { describe, expect, it } from 'vitest';
import { monthBefore, periodOfDays, periodOfMonth } from '../../domain/reporting-period';

describe('reporting periods', () => {
  it('when days are given, then the period runs from the first day’s midnight in Vietnam to the midnight after the last', () => {
    expect(periodOfDays('2026-11-01', '2026-11-30')).toEqual({
      from: new Date('2026-10-31T17:00:00Z'),
      to: new Date('2026-11-30T17:00:00Z'),
    });
    // One day, and a leap day.
    expect(periodOfDays('2028-02-29', '2028-02-29')).toEqual({
      from: new Date('2028-02-28T17:00:00Z'),
      to: new Date('2028-02-29T17:00:00Z'),
    });
  });

  it('when a month is given, then it runs to the first of the next, December into January', () => {
    expect(periodOfMonth('2026-12')).toEqual({
      from: new Date('2026-11-30T17:00:00Z'),
      to: new Date('2026-12-31T17:00:00Z'),
    });
    expect(periodOfMonth('2027-02').to).toEqual(new Date('2027-02-28T17:00:00Z'));
  });

  it('when a monthly run starts, then it covers the month before Vietnam’s date, also across a year and at UTC’s evening', () => {
    // 01:00 on 1 January in Vietnam is still 31 December in UTC.
    expect(monthBefore(Date.parse('2026-12-31T18:00:00Z'))).toBe('2026-12');
    expect(monthBefore(Date.parse('2027-01-15T03:00:00Z'))).toBe('2026-12');
    expect(monthBefore(Date.parse('2026-12-01T00:00:00Z'))).toBe('2026-11');
    expect(monthBefore(Date.parse('2026-11-30T16:59:59Z'))).toBe('2026-10');
  });
});
