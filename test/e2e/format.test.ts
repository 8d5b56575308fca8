// The pages' formatting, outside the browser: money in đồng, dates as dd/mm/yyyy in Vietnam's time.
import { describe, expect, it } from 'vitest';
import {
  deadlineWords,
  formatDate,
  formatDateTime,
  formatMoney,
  parseDate,
  todayInVietnam,
} from '../../web/src/format';

describe('web/src/format', () => {
  it.each([
    [23_400_000, '23.400.000\u00a0₫'],
    [1_500_000, '1.500.000\u00a0₫'],
    [999, '999\u00a0₫'],
    [0, '0\u00a0₫'],
  ])('when %d đồng is formatted, then it reads %s', (amount, text) => {
    expect(formatMoney(amount)).toBe(text);
  });

  it('when a calendar date or an instant is formatted, then it reads dd/mm/yyyy on Vietnam’s day', () => {
    expect(formatDate('2026-11-18')).toBe('18/11/2026');
    // 18:30 UTC is 01:30 the next morning in Vietnam (UTC+7).
    expect(formatDate('2026-11-18T18:30:00.000Z')).toBe('19/11/2026');
    expect(formatDateTime('2026-11-18T18:30:00.000Z')).toBe('19/11/2026 01:30');
    expect(todayInVietnam(Date.parse('2026-12-31T17:00:00.000Z'))).toBe('2027-01-01');
  });

  it('when a date is typed as dd/mm/yyyy, then it becomes YYYY-MM-DD, and an impossible date none', () => {
    expect(parseDate('18/11/2026')).toBe('2026-11-18');
    expect(parseDate(' 1/2/2026 ')).toBe('2026-02-01');
    expect(parseDate('31/02/2026')).toBeUndefined();
    expect(parseDate('2026-11-18')).toBeUndefined();
  });

  it.each([
    [{ state: 'open', workingDays: 3 }, 'còn 3 ngày làm việc', '3 working days left'],
    [{ state: 'open', workingDays: 1 }, 'còn 1 ngày làm việc', '1 working day left'],
    [{ state: 'open', workingDays: 0 }, 'hạn cuối hôm nay', 'due today'],
    [{ state: 'overdue', workingDays: 0 }, 'đã quá hạn', 'overdue'],
    [{ state: 'overdue', workingDays: 2 }, 'quá hạn 2 ngày làm việc', '2 working days overdue'],
    [{ state: 'paused' }, 'tạm dừng — chờ bổ sung hồ sơ', 'paused — waiting for the supplement'],
  ] as const)('when a deadline reads %o, then it says "%s" / "%s"', (clock, vi, en) => {
    expect(deadlineWords(clock, 'vi')).toBe(vi);
    expect(deadlineWords(clock, 'en')).toBe(en);
  });
});
