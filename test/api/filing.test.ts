import { describe, expect, it } from 'vitest';
import { caseStart } from '../../api/filing';
import { EXAMPLE_BIRTH_APPLICATION } from '../../domain/BirthApplication';
import { EXAMPLE_DEATH_APPLICATION } from '../../domain/DeathApplication';
import { vietnamCalendar } from '../../domain/calendar/vietnam';

const receivedAt = Date.parse('2026-03-02T09:00:00+07:00');
const province = () => '001';
const calendar = vietnamCalendar([2026, 2027]);

describe('caseStart', () => {
  it.each([
    ['Group A', EXAMPLE_BIRTH_APPLICATION],
    ['Group B', EXAMPLE_DEATH_APPLICATION],
  ] as const)(
    'when the API runs a drill, then a %s case carries the drill’s supplement window in its rules',
    (_group, application) => {
      const start = caseStart(application, receivedAt, calendar, province, undefined, 4_000);

      expect(start.args[0].rules).toMatchObject({
        supplementReplyDays: 7,
        supplementReplyMs: 4_000,
      });
    },
  );

  it.each([
    ['Group A', EXAMPLE_BIRTH_APPLICATION],
    ['Group B', EXAMPLE_DEATH_APPLICATION],
  ] as const)(
    'when the API runs no drill, then a %s case’s rules have no drill field at all',
    (_group, application) => {
      const start = caseStart(application, receivedAt, calendar, province);

      // Absent, not undefined: the workflow input stays the shape recorded in the replay histories.
      expect(Object.keys(start.args[0].rules)).not.toContain('supplementReplyMs');
    },
  );
});
