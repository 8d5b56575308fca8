import { describe, expect, it } from 'vitest';
import { deadlineAfter } from '../../domain/calendar/working-days';
import { vietnamCalendar } from '../../domain/calendar/vietnam';
import { StepClock } from '../../workflows/steps/step-clock';

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
});
