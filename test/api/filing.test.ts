import { describe, expect, it } from 'vitest';
import { caseStart } from '../../api/filing';
import { EXAMPLE_BIRTH_APPLICATION } from '../../domain/BirthApplication';
import { EXAMPLE_DEATH_APPLICATION } from '../../domain/DeathApplication';

const receivedAt = Date.parse('2026-03-02T09:00:00+07:00');
const province = () => '001';

describe('caseStart', () => {
  it.each([
    ['Group A', EXAMPLE_BIRTH_APPLICATION],
    ['Group B', EXAMPLE_DEATH_APPLICATION],
  ] as const)(
    'when the API runs a drill, then a %s case carries the drill’s supplement window in its rules',
    (_group, application) => {
      const start = caseStart(application, receivedAt, province, undefined, 4_000);

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
      const start = caseStart(application, receivedAt, province);

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
      const start = caseStart(EXAMPLE_BIRTH_APPLICATION, Date.parse(filedAt), province);

      const rules = start.args[0].rules as { deadlines: object; draft?: true };
      expect(rules.deadlines).toMatchObject({ ...limits, insuranceRejection: 1 });
      expect(rules.draft).toBe(draft);
    },
  );
});
