import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  countingDay,
  deadlineAfter,
  isWorkingDay,
  readDeadline,
  workingDaysLeft,
  type WorkingCalendar,
} from '../../../domain/calendar/working-days';
import { vietnamCalendar } from '../../../domain/calendar/vietnam';
import { SEEDED_NOTICES } from '../../fixtures/calendar-notices';

/** A local Vietnam time as an instant. */
const at = (local: string) => Date.parse(`${local}+07:00`);
const iso = (ms: number) => new Date(ms).toISOString();

const calendar: WorkingCalendar = vietnamCalendar([2025, 2026, 2027], SEEDED_NOTICES);

describe('vietnamCalendar', () => {
  it.each([
    ['2026-01-01', false, 'New Year'],
    ['2026-02-13', true, 'the Friday before Tết'],
    ['2026-02-16', false, 'Tết (official span)'],
    ['2026-02-20', false, 'Tết (official span)'],
    ['2026-02-23', true, 'the Monday after Tết'],
    ['2026-04-27', false, 'compensating the Hùng Kings day on Sunday 26/04'],
    ['2026-04-30', false, 'Reunification Day'],
    ['2026-05-01', false, 'Labour Day'],
    ['2026-09-02', false, 'National Day'],
    ['2025-04-26', true, 'a Saturday made up for the 2/5/2025 bridge day'],
    ['2025-05-02', false, 'the 2025 bridge day'],
    ['2026-11-21', false, 'a Saturday'],
    ['2026-11-23', true, 'a Monday'],
  ])('when asked about %s, then working = %s (%s)', (date, working) => {
    expect(isWorkingDay(date, calendar)).toBe(working);
  });

  it('when a year has no official notice, then statutory Tết still takes New Year’s Eve and four days', () => {
    // Tết Đinh Mùi: New Year's Eve 05/02/2027, first day 06/02/2027 (a Saturday).
    for (const date of ['2027-02-05', '2027-02-08', '2027-02-09']) {
      expect(isWorkingDay(date, calendar)).toBe(false);
    }
    expect(isWorkingDay('2027-02-04', calendar)).toBe(true);
  });
});

describe('countingDay', () => {
  it('when a dossier arrives before 15:00 on a working day, then it counts from that day', () => {
    expect(countingDay(at('2026-11-23T14:59:59'), calendar)).toBe('2026-11-23');
  });

  it('when a dossier arrives at 15:00 or later, then it counts from the next working day', () => {
    expect(countingDay(at('2026-11-23T15:00:00'), calendar)).toBe('2026-11-24');
    expect(countingDay(at('2026-11-27T16:30:00'), calendar)).toBe('2026-11-30'); // Friday → Monday
  });

  it('when a dossier arrives on a holiday, then it counts from the next working day', () => {
    expect(countingDay(at('2026-09-02T09:00:00'), calendar)).toBe('2026-09-03');
  });
});

describe('deadlineAfter', () => {
  it('when a step has 0 working days (same day), then it is due at 17:00 on the counting day', () => {
    expect(iso(deadlineAfter(at('2026-11-23T10:00:00'), 0, calendar))).toBe(
      iso(at('2026-11-23T17:00:00')),
    );
  });

  it('when 2 working days span a weekend, then the weekend does not count', () => {
    expect(iso(deadlineAfter(at('2026-11-26T10:00:00'), 2, calendar))).toBe(
      iso(at('2026-11-30T17:00:00')),
    );
  });

  it('when 3 working days span Tết 2026, then the deadline lands after the holiday', () => {
    // Received Thursday 12/02 at 09:00: counts 13/02 (1), then Tết 14–22/02, 23/02 (2), 24/02 (3).
    expect(iso(deadlineAfter(at('2026-02-12T09:00:00'), 3, calendar))).toBe(
      iso(at('2026-02-24T17:00:00')),
    );
  });

  it('when 7 working days are counted from a Friday after 15:00, then the cut-off moves the start', () => {
    expect(addWorkingDays('2026-11-30', 7, calendar)).toBe('2026-12-09');
    expect(iso(deadlineAfter(at('2026-11-27T15:30:00'), 7, calendar))).toBe(
      iso(at('2026-12-09T17:00:00')),
    );
  });
});

describe('workingDaysLeft', () => {
  it('when a clock pauses with days left, then resuming later with them gives a later deadline', () => {
    const deadline = deadlineAfter(at('2026-11-23T09:00:00'), 5, calendar); // Mon 30/11 17:00
    const left = workingDaysLeft(at('2026-11-25T09:00:00'), deadline, calendar);
    expect(left).toBe(3);
    expect(iso(deadlineAfter(at('2026-12-07T09:00:00'), left, calendar))).toBe(
      iso(at('2026-12-10T17:00:00')),
    );
  });

  it('when the deadline has passed, then no working day is left', () => {
    const deadline = deadlineAfter(at('2026-11-23T09:00:00'), 1, calendar);
    expect(workingDaysLeft(at('2026-11-26T09:00:00'), deadline, calendar)).toBe(0);
  });
});

describe('readDeadline', () => {
  // Tết 2026: Mon 16/02 to Fri 20/02 are days off.
  const deadline = at('2026-02-24T17:00:00'); // Tuesday after Tết

  it('when the deadline is across Tết, then only working days are left to count: Thursday 12/02 → 3 (13/02, 23/02, 24/02)', () => {
    expect(readDeadline(at('2026-02-12T10:00:00'), deadline, calendar)).toEqual({
      state: 'open',
      workingDays: 3,
    });
  });

  it('when today is the last day, then none is left after it, and the deadline is still open until closing', () => {
    expect(readDeadline(at('2026-02-24T16:59:00'), deadline, calendar)).toEqual({
      state: 'open',
      workingDays: 0,
    });
  });

  it('when the deadline passed this evening or over a weekend, then it is overdue by no working day yet; a working day later, by one', () => {
    expect(readDeadline(at('2026-02-24T18:00:00'), deadline, calendar)).toEqual({
      state: 'overdue',
      workingDays: 0,
    });
    const friday = at('2026-02-27T17:00:00');
    expect(readDeadline(at('2026-03-01T10:00:00'), friday, calendar)).toEqual({
      state: 'overdue',
      workingDays: 0,
    });
    expect(readDeadline(at('2026-03-02T08:00:00'), friday, calendar)).toEqual({
      state: 'overdue',
      workingDays: 1,
    });
  });
});
