// The statutory holidays and the official notices, day by day (DOMAIN.md §2D). Each finding of issue
// 20's Calendar part has its test here; they failed against the calendar of v1.0.0.
import { describe, expect, it } from 'vitest';
import { calendarYear, vietnamCalendar } from '../../../domain/calendar/vietnam';
import { isWorkingDay } from '../../../domain/calendar/working-days';
import { NOTICE_2025, NOTICE_2026 } from '../../fixtures/calendar-notices';

describe('vietnamCalendar, the statute alone', () => {
  // Labour Code 2019 (45/2019/QH14) Art. 112(1)(đ), in force 01/01/2021: "Quốc khánh 02 ngày (ngày 02
  // tháng 9 dương lịch và 01 ngày liền kề trước hoặc sau)" — DOMAIN.md §2D (C). The adjacent day is
  // the one each year's notice chose, 2021–2026; 2027 has no notice yet (Friday joins the weekend).
  it.each([
    [2021, '2021-09-03'],
    [2022, '2022-09-01'],
    [2023, '2023-09-01'],
    [2024, '2024-09-03'],
    [2025, '2025-09-01'],
    [2026, '2026-09-01'],
    [2027, '2027-09-03'],
  ])(
    'when the year is %i (Labour Code 2019 Art. 112), then National Day is 2 September and %s',
    (year, adjacent) => {
      const calendar = vietnamCalendar([year]);
      const nationalDay = `${year}-09-02`;
      const weekend = [0, 6].includes(new Date(`${nationalDay}T00:00:00Z`).getUTCDay());
      expect(calendar.daysOff).toContain(nationalDay);
      expect(isWorkingDay(adjacent, calendar)).toBe(false);
      // A 2 September on a weekend is compensated on the next working day (Art. 111(3)): 2023 → 4/9.
      if (weekend) expect(isWorkingDay('2023-09-04', calendar)).toBe(false);
    },
  );

  it('when the year is 2020 (Labour Code 2012 Art. 115), then National Day is 2 September alone', () => {
    const calendar = vietnamCalendar([2020]);
    expect(isWorkingDay('2020-09-02', calendar)).toBe(false); // a Wednesday
    expect(isWorkingDay('2020-09-01', calendar)).toBe(true);
    expect(isWorkingDay('2020-09-03', calendar)).toBe(true);
  });

  it('when Tết 2027 has no notice, then its 5 statutory days are the eve and the first four, and the first and second days (Saturday 6/02, Sunday 7/02) are compensated on Wednesday 10/02 and Thursday 11/02 (Labour Code 2019 Art. 111(3), 112)', () => {
    const calendar = vietnamCalendar([2027]);
    for (const off of ['2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'])
      expect(isWorkingDay(off, calendar), off).toBe(false);
    expect(isWorkingDay('2027-02-04', calendar)).toBe(true);
    expect(isWorkingDay('2027-02-12', calendar)).toBe(true);
  });

  it('when a day comes from the statute, then it says which article, and a placement no notice fixed is provisional', () => {
    const days = calendarYear(2027);
    expect(days.find((d) => d.date === '2027-02-11')).toMatchObject({
      kind: 'day_off',
      holiday: 'tet',
      source: 'Bộ luật Lao động 45/2019/QH14, Art. 111(3)',
      provisional: true,
    });
    expect(days.find((d) => d.date === '2027-04-30')).toMatchObject({
      source: 'Bộ luật Lao động 45/2019/QH14, Art. 112(1)',
      provisional: false,
    });
  });
});

describe('vietnamCalendar with the official notices', () => {
  it('when the 2026 notice (Thông báo 9441/TB-BNV) is in, then National Day runs Saturday 29/8 – Wednesday 2/9 with Monday 31/8 off and Saturday 22/8 worked', () => {
    const calendar = vietnamCalendar([2026], [NOTICE_2026]);
    for (const off of ['2026-08-31', '2026-09-01', '2026-09-02'])
      expect(isWorkingDay(off, calendar), off).toBe(false);
    expect(isWorkingDay('2026-08-22', calendar)).toBe(true);
    expect(isWorkingDay('2026-09-03', calendar)).toBe(true);
  });

  it('when the 2026 notice is in, then Tết is Monday 16/02 – Friday 20/02 and each of those days names the notice', () => {
    const days = calendarYear(2026, [NOTICE_2026]).filter((d) => d.holiday === 'tet');
    expect(days.map((d) => d.date)).toEqual([
      '2026-02-14',
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
    ]);
    expect(days.every((d) => d.source.startsWith('Thông báo 9441/TB-BNV, Bộ Nội vụ'))).toBe(true);
    // The Hùng Kings' day (Sunday 26/04) is not in the notice: the statute compensates it.
    expect(calendarYear(2026, [NOTICE_2026]).find((d) => d.date === '2026-04-27')).toMatchObject({
      holiday: 'hung-kings',
      source: 'Bộ luật Lao động 45/2019/QH14, Art. 111(3)',
    });
  });

  it('when the 2025 notice (Thông báo 6150/TB-BLĐTBXH) is in, then 2/5 is off and Saturday 26/04 is worked', () => {
    const calendar = vietnamCalendar([2025], [NOTICE_2025]);
    expect(isWorkingDay('2025-05-02', calendar)).toBe(false);
    expect(isWorkingDay('2025-04-26', calendar)).toBe(true);
    expect(isWorkingDay('2025-09-01', calendar)).toBe(false);
  });

  it('when a later notice places the same holiday again, then the later one wins and the calendar’s revision is its id', () => {
    const later = {
      ...NOTICE_2026,
      id: 9,
      number: 'X/TB-BNV',
      daysOff: NOTICE_2026.daysOff.filter((d) => d.date !== '2026-08-31'),
      makeUpDays: [],
    };
    const calendar = vietnamCalendar([2026], [NOTICE_2026, later]);
    expect(isWorkingDay('2026-08-31', calendar)).toBe(true);
    expect(isWorkingDay('2026-08-22', calendar)).toBe(false);
    expect(calendar.revision).toBe(9);
  });
});
