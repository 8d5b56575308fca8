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

  // Issue 20: a new rule version is one dated entry. The draft amendment's 9 / 12 working days for
  // the whole of Group A (DOMAIN.md §0, §2A [S57], draft; its date a placeholder) apply to cases
  // filed from its date; a case filed the day before keeps 3 / 5 in its own input to its end.
  it.each([
    ['2027-06-30T16:59:00+07:00', { case: 3, caseWithVerification: 5 }, undefined],
    ['2027-07-01T08:00:00+07:00', { case: 9, caseWithVerification: 12 }, true],
  ] as const)(
    'when a Group A case is filed at %s, then its input pins the whole-case limits %o of the version then in force',
    (filedAt, limits, draft) => {
      const start = caseStart(EXAMPLE_BIRTH_APPLICATION, Date.parse(filedAt), calendar, province);

      const rules = start.args[0].rules as { deadlines: object; draft?: true };
      expect(rules.deadlines).toMatchObject({ ...limits, insuranceRejection: 1 });
      expect(rules.draft).toBe(draft);
    },
  );
});

describe('caseStart: the benefit law pinned at filing (issue 20)', () => {
  const deathOn = (date: string) => ({
    ...EXAMPLE_DEATH_APPLICATION,
    death: { ...EXAMPLE_DEATH_APPLICATION.death, date },
  });
  const benefitsOf = (start: ReturnType<typeof caseStart>) =>
    start.workflowType === 'deathResidenceFuneral' ? start.args[0].benefits : 'not a death';

  it('when a death of 30/06/2025 is filed in 2026, then the 2014 law (in force on the date of death, DOMAIN.md §0) is pinned, not the filing date’s', () => {
    const pinned = benefitsOf(caseStart(deathOn('2025-06-30'), receivedAt, calendar, province));
    expect(pinned).toMatchObject({
      deathDate: '2025-06-30',
      law: { id: 'luat-bhxh-2014' },
      unit: { vnd: 2_340_000 },
    });
  });

  it('when a death of 01/07/2025 is filed, then the 2024 law is pinned with its articles', () => {
    const pinned = benefitsOf(caseStart(deathOn('2025-07-01'), receivedAt, calendar, province));
    expect(pinned).toMatchObject({
      law: { id: 'luat-bhxh-2024', funeral: { article: expect.stringMatching(/Art\. 85/) } },
    });
  });

  it('when no rule is known for the date of death, then null is pinned: the case says so instead of failing', () => {
    expect(benefitsOf(caseStart(deathOn('2018-01-10'), receivedAt, calendar, province))).toBeNull();
  });
});
