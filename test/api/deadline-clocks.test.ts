// Deadlines read in working days when a case or task is read (issue 22), with the calendar the
// workflows count by: the statute and the official notices stored, a notice recorded now included.
import { describe, expect, it } from 'vitest';
import { caseClocks, deadlineClock } from '../../api/deadline-clocks';
import { recordNotice } from '../../db/calendar.repository';
import type { CaseView } from '../../domain/procedures/views';
import { useDatabaseApp } from '../support/api-app';

/** A local Vietnam time as an instant. */
const at = (local: string) => Date.parse(`${local}+07:00`);
const iso = (local: string) => new Date(at(local)).toISOString();

describe('deadlines read in working days', () => {
  const subject = useDatabaseApp();

  it('when a deadline lies after Tết, then the days off the stored calendar gives are not counted; a paused step says paused', async () => {
    const clock = await deadlineClock(subject.database.appDb, at('2026-02-12T10:00:00'));

    expect(clock(iso('2026-02-24T17:00:00'), 'in_review')).toEqual({
      state: 'open',
      workingDays: 3,
    });
    expect(clock(iso('2026-02-10T17:00:00'), 'in_review')).toEqual({
      state: 'overdue',
      workingDays: 2,
    });
    expect(clock(undefined, 'awaiting_supplement')).toEqual({ state: 'paused' });
    expect(clock(null, 'pending')).toBeUndefined();
  });

  it('when an official notice gives a day off, then the next reading counts one working day fewer', async () => {
    const now = at('2026-12-08T10:00:00'); // Tuesday
    const deadline = iso('2026-12-11T17:00:00'); // Friday
    const before = (await deadlineClock(subject.database.appDb, now))(deadline);

    await recordNotice(
      subject.database.db,
      {
        number: '77/TB-TEST',
        issuer: 'Bộ Nội vụ',
        issuedOn: '2026-12-01',
        year: 2026,
        provisional: false,
        source: 'a test notice: Thursday 10/12/2026 off',
        daysOff: [{ date: '2026-12-10', holiday: 'national-day', name: 'Nghỉ (thử nghiệm)' }],
        makeUpDays: [],
      },
      'admin-1',
    );
    const after = (await deadlineClock(subject.database.appDb, now))(deadline);

    expect(before).toEqual({ state: 'open', workingDays: 3 });
    expect(after).toEqual({ state: 'open', workingDays: 2 });
  });

  it('when a case is read, then its open steps and the case itself have clocks; decided steps and ended cases none', async () => {
    const clock = await deadlineClock(subject.database.appDb, at('2026-02-12T10:00:00'));
    const step = (name: string, status: string, deadline?: string) => ({
      step: name,
      status,
      state: status,
      ...(deadline && { deadline }),
    });
    const view = {
      status: 'in_progress',
      deadline: iso('2026-02-24T17:00:00'),
      steps: [
        step('birth', 'completed', iso('2026-02-10T17:00:00')),
        step('residence', 'in_review', iso('2026-02-13T17:00:00')),
        step('insurance', 'awaiting_supplement'),
      ],
    } as unknown as CaseView;

    expect(caseClocks(clock, view)).toEqual({
      case: { state: 'open', workingDays: 3 },
      steps: {
        residence: { state: 'open', workingDays: 1 },
        insurance: { state: 'paused' },
      },
    });
    expect(caseClocks(clock, { ...view, status: 'completed' })).not.toHaveProperty('case');
  });
});
