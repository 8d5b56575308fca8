import { describe, expect, it } from 'vitest';
import { EXAMPLE_BIRTH_APPLICATION } from '../../domain/BirthApplication';
import { peopleOf } from '../../domain/case-people';
import { EXAMPLE_DEATH_APPLICATION } from '../../domain/DeathApplication';

describe('the people a case names', () => {
  it('when a birth is filed, then the child comes first, then the applicant and both parents with their PINs', () => {
    expect(peopleOf(EXAMPLE_BIRTH_APPLICATION)).toEqual([
      { role: 'child', fullName: 'Nguyễn Minh An' },
      { role: 'applicant', fullName: 'Trần Thị Mai', pin: '001190012345' },
      { role: 'mother', fullName: 'Trần Thị Mai', pin: '001190012345' },
      { role: 'father', fullName: 'Nguyễn Văn Hùng', pin: '001088054321' },
    ]);
  });

  it('when a death is filed, then the deceased comes first, then the applicant and every relative named', () => {
    const people = peopleOf(EXAMPLE_DEATH_APPLICATION);
    expect(people[0]).toEqual({
      role: 'deceased',
      fullName: EXAMPLE_DEATH_APPLICATION.deceased.fullName,
      pin: EXAMPLE_DEATH_APPLICATION.deceased.pin,
    });
    expect(people.filter((p) => p.role === 'relative').map((p) => p.pin)).toEqual(
      EXAMPLE_DEATH_APPLICATION.relatives.map((r) => r.pin),
    );
  });

  it('when a parent is named without a PIN (a foreign parent’s passport), then the name is kept alone', () => {
    const app = {
      ...EXAMPLE_BIRTH_APPLICATION,
      father: { ...EXAMPLE_BIRTH_APPLICATION.mother, fullName: 'Nguyễn Văn Hùng', pin: undefined },
    };
    expect(peopleOf(app).find((p) => p.role === 'father')).toEqual({
      role: 'father',
      fullName: 'Nguyễn Văn Hùng',
    });
  });
});
