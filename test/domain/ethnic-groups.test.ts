// The official lists the forms choose from (domain/ethnic-groups.ts, domain/countries.ts) and what
// the applications accept from them (domain/application-fields.ts).
import { describe, expect, it } from 'vitest';
import { EXAMPLE_BIRTH_APPLICATION } from '../../domain/BirthApplication';
import { COUNTRIES, isCountryCode } from '../../domain/countries';
import { birthApplicationSchema } from '../../domain/BirthApplication';
import { ETHNIC_GROUPS, ethnicGroupOf } from '../../domain/ethnic-groups';

const schema = birthApplicationSchema({ today: () => '2026-12-04', isKnownCommune: () => true });

describe('the 54 ethnic groups', () => {
  it('when the list is read, then it has 54 groups coded 01 to 54, Kinh first, no spelling shared by two', () => {
    expect(ETHNIC_GROUPS.map((g) => g.code)).toEqual(
      Array.from({ length: 54 }, (_, i) => String(i + 1).padStart(2, '0')),
    );
    expect(ETHNIC_GROUPS[0]?.name).toBe('Kinh');
    for (const group of ETHNIC_GROUPS)
      for (const spelling of [group.name, ...(group.also ?? [])])
        expect(ethnicGroupOf(spelling), spelling).toBe(group);
  });

  it('when a name is typed without accents, in other case or spelling, then it is the group the list names', () => {
    expect(ethnicGroupOf('kinh')?.name).toBe('Kinh');
    expect(ethnicGroupOf("H'Mông")?.name).toBe('HMông');
    expect(ethnicGroupOf('hmong')?.name).toBe('HMông');
    expect(ethnicGroupOf('Khmer')?.code).toBe('05');
    expect(ethnicGroupOf('e de')?.name).toBe('Ê-đê');
    expect(ethnicGroupOf('Pháp')).toBeUndefined();
  });

  it('when a Vietnamese child’s ethnicity is not one of the 54, then the application names the field; typed loosely, it is kept as the list spells it', () => {
    const app = (ethnicity: string, nationality = 'VN') => ({
      ...EXAMPLE_BIRTH_APPLICATION,
      child: { ...EXAMPLE_BIRTH_APPLICATION.child, ethnicity, nationality },
    });
    const refused = schema.safeParse(app('Người Sao Hỏa'));
    expect(refused.error?.issues).toEqual([
      expect.objectContaining({
        path: ['child', 'ethnicity'],
        message: 'not one of the 54 ethnic groups of Vietnam',
      }),
    ]);
    expect(schema.parse(app('hmong')).child.ethnicity).toBe('HMông');
    // A foreign national's ethnicity is theirs to give.
    expect(schema.safeParse(app('Français', 'FR')).success).toBe(true);
  });
});

describe('countries', () => {
  it('when the list is read, then Vietnam comes first, named in Vietnamese, and every code is a country', () => {
    expect(COUNTRIES[0]).toEqual({ code: 'VN', vi: 'Việt Nam', en: 'Vietnam' });
    expect(COUNTRIES.length).toBeGreaterThan(240);
    expect(COUNTRIES.find((c) => c.code === 'FR')?.vi).toBe('Pháp');
    expect(isCountryCode('VN')).toBe(true);
    expect(isCountryCode('XX')).toBe(false);
    expect(isCountryCode('VNM')).toBe(false);
  });

  it('when a nationality is two capital letters but no country, then it is refused', () => {
    const result = schema.safeParse({
      ...EXAMPLE_BIRTH_APPLICATION,
      child: { ...EXAMPLE_BIRTH_APPLICATION.child, nationality: 'XX' },
    });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ['child', 'nationality'],
        message: 'not a country’s ISO 3166-1 code',
      }),
    ]);
  });
});
