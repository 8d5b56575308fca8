// A birth registered after its 60 days (Luật Hộ tịch 2014 Art. 15, DOMAIN.md §2C [S28][S49]) is still
// registered; only on-time registration, or one for a poor household, is fee-exempt (Art. 11,
// DOMAIN.md §4 [S54]).
import { describe, expect, it } from 'vitest';
import { registrationTiming } from '../../domain/procedures/birth-registration.rules';
import { taskSummary } from '../../workflows/birth-residence-insurance.requests';
import { aBirthApplication } from '../fixtures/birth-application';

describe('registrationTiming', () => {
  it.each([
    ['2026-10-03', '2026-12-02', false, 60, false, 'exempt'],
    ['2026-10-03', '2026-12-03', false, 61, true, 'provincial_fee'],
    ['2026-10-03', '2026-12-03', true, 61, true, 'exempt'],
  ] as const)(
    'when born %s and filed %s (poor household: %s), then %i days after birth, late %s, fee %s',
    (born, filed, poor, days, late, fee) => {
      expect(registrationTiming(born, filed, 60, poor)).toMatchObject({
        daysAfterBirth: days,
        late,
        fee,
      });
    },
  );
});

describe('taskSummary', () => {
  it('when the registration is late, then the civil-status officer’s task says so, with the fee to collect; on time it says nothing', () => {
    const app = aBirthApplication();
    const late = registrationTiming('2026-01-10', '2026-12-03', 60, false);
    const onTime = registrationTiming('2026-11-18', '2026-12-03', 60, false);

    expect(taskSummary(app, undefined, late)).toMatchObject({
      lateRegistration: { late: true, fee: 'provincial_fee', daysAfterBirth: 327 },
    });
    expect(taskSummary(app, undefined, onTime)).not.toHaveProperty('lateRegistration');
  });
});
