import { describe, expect, it } from 'vitest';
import { deadlineAfter } from '../../domain/calendar/working-days';
import { vietnamCalendar } from '../../domain/calendar/vietnam';
import { StepClock } from '../../workflows/steps/step-clock';
import { aTet2027Notice } from '../fixtures/calendar-notices';

const calendar = vietnamCalendar([2026, 2027]);
const at = (local: string) => Date.parse(`${local}+07:00`);
const running = { reminded: false, breached: false, awaitingSupplement: false };
const waiting = { ...running, awaitingSupplement: true };

describe('StepClock', () => {
  it('when a supplement is requested without a drill override, then the citizen has 7 working days', () => {
    // Arrange: Friday morning; the weekend does not count.
    const clock = new StepClock(calendar, at('2026-03-02T09:00:00'), 2, 7, 4);
    const now = at('2026-03-06T10:00:00');

    // Act
    clock.pause(now);

    // Assert
    expect(clock.supplementDue).toBe(deadlineAfter(now, 7, calendar));
    expect(clock.supplementDue).toBeGreaterThan(now + 7 * 86_400_000);
    expect(clock.next(waiting)).toEqual({ timer: 'supplement', at: clock.supplementDue });
  });

  it('when a drill override is given, then the supplement is due that many milliseconds later, weekend or not', () => {
    // Arrange: a Saturday, when no working-day window could start.
    const clock = new StepClock(calendar, at('2026-03-02T09:00:00'), 2, 7, 4, 5_000);
    const now = at('2026-03-07T22:30:00');

    // Act
    clock.pause(now);

    // Assert
    expect(clock.supplementDue).toBe(now + 5_000);
    expect(clock.deadline).toBeUndefined();
    expect(clock.next(waiting)).toEqual({ timer: 'supplement', at: now + 5_000 });
  });

  it('when the supplement arrives under a drill override, then the step’s own clock resumes in working days as without it', () => {
    // Arrange
    const started = at('2026-03-02T09:00:00');
    const drill = new StepClock(calendar, started, 2, 7, 4, 5_000);
    const legal = new StepClock(calendar, started, 2, 7, 4);

    // Act
    for (const clock of [drill, legal]) {
      clock.pause(at('2026-03-02T10:00:00'));
      clock.resume(at('2026-03-02T10:00:03'));
    }

    // Assert
    expect(drill.supplementDue).toBeUndefined();
    expect(drill.deadline).toBe(legal.deadline);
    expect(drill.next(running)?.timer).toBe('reminder');
  });

  describe('recalendar (a notice published while the step runs, issue 20)', () => {
    // A test notice for Tết 2027: Thursday 04/02 – Sunday 14/02 off (there is none published yet).
    const withNotice = vietnamCalendar([2026, 2027], [{ ...aTet2027Notice(), id: 7 }]);

    it('when a newer calendar arrives, then the running deadline is counted again from the same start', () => {
      // Received Thursday 04/02/2027 at 15:30, 0 working days: due Friday 12/02 under the statute.
      const clock = new StepClock(calendar, at('2027-02-04T15:30:00'), 0, 7, 4);
      expect(clock.deadline).toBe(at('2027-02-12T17:00:00'));

      expect(clock.recalendar(withNotice)).toBe(true);

      expect(clock.deadline).toBe(at('2027-02-15T17:00:00'));
      expect(clock.next(running)).toEqual({ timer: 'reminder', at: at('2027-02-15T13:00:00') });
    });

    it('when the same or an older calendar arrives again, then nothing changes', () => {
      const clock = new StepClock(withNotice, at('2027-02-04T15:30:00'), 0, 7, 4);

      expect(clock.recalendar(withNotice)).toBe(false);
      expect(clock.recalendar(calendar)).toBe(false);
      expect(clock.deadline).toBe(at('2027-02-15T17:00:00'));
    });

    it('when the step waits for a supplement, then the supplement window and the days left are counted again, and the clock resumes with them', () => {
      // Started Monday 01/02/2027 with 3 working days (due Thursday 04/02); paused on Tuesday
      // 02/02 at 09:00; the supplement window (7 wd) crossed Tết.
      const clock = new StepClock(calendar, at('2027-02-01T09:00:00'), 3, 7, 4);
      clock.pause(at('2027-02-02T09:00:00'));
      const statutoryDue = clock.supplementDue;

      clock.recalendar(withNotice);

      // 7 working days from Tuesday 02/02 with 04/02–14/02 off: 03, 15, 16, 17, 18, 19, 22/02.
      expect(clock.supplementDue).toBe(at('2027-02-22T17:00:00'));
      expect(clock.supplementDue).not.toBe(statutoryDue);
      // Under the notice the deadline would have been Monday 15/02: still 2 working days left at
      // the pause (03/02, then 15/02), so resuming on Monday 15/02 at 09:00 gives Wednesday 17/02.
      clock.resume(at('2027-02-15T09:00:00'));
      expect(clock.deadline).toBe(at('2027-02-17T17:00:00'));
    });
  });
});
