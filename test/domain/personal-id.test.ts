// The 12-digit personal ID's structure: province (3), century and sex (1), year of birth (2), random
// (6) — NĐ 137/2015/NĐ-CP Art. 13 with TT 07/2016/TT-BCA Art. 7, carried into TT 59/2021/TT-BCA
// Art. 7 (DOMAIN.md §3A [S50]; domain/personal-id.ts says where it was read).
import { describe, expect, it } from 'vitest';
import { decodePin, pinContradictions, pinPrefix } from '../../domain/personal-id';

describe('decodePin', () => {
  it.each([
    ['001190012345', { registeredIn: '001', sex: 'female', yearOfBirth: 1990 }],
    ['001088054321', { registeredIn: '001', sex: 'male', yearOfBirth: 1988 }],
    ['079226000001', { registeredIn: '079', sex: 'male', yearOfBirth: 2026 }],
    ['037305000257', { registeredIn: '037', sex: 'female', yearOfBirth: 2005 }],
    ['001499000000', { registeredIn: '001', sex: 'male', yearOfBirth: 2199 }],
  ])(
    'when the PIN is %s, then the century-and-sex code of TT 07/2016 Art. 7 reads %o',
    (pin, facts) => {
      expect(decodePin(pin)).toEqual(facts);
    },
  );

  it('when the PIN is not 12 digits, then it encodes nothing', () => {
    expect(decodePin('0011900123')).toBeUndefined();
  });
});

describe('pinPrefix', () => {
  it.each([
    [{ registeredIn: '001', sex: 'male', yearOfBirth: 1950 }, '001050'],
    [{ registeredIn: '079', sex: 'female', yearOfBirth: 2010 }, '079310'],
    [{ registeredIn: '001', sex: 'male', yearOfBirth: 2101 }, '001401'],
    [{ registeredIn: '037', sex: 'female', yearOfBirth: 2005 }, '037305'],
  ] as const)(
    'when a PIN is issued for %o, then it starts %s and decodes back',
    (facts, prefix) => {
      expect(pinPrefix(facts)).toBe(prefix);
      expect(decodePin(`${prefix}000123`)).toEqual(facts);
    },
  );

  it.each([1899, 2400])('when the year is %i, then no century digit exists', (yearOfBirth) => {
    expect(() => pinPrefix({ registeredIn: '001', sex: 'male', yearOfBirth })).toThrow(RangeError);
  });
});

describe('pinContradictions', () => {
  it('when the PIN agrees with the sex and year of birth, then there is nothing to say', () => {
    expect(pinContradictions('001190012345', { sex: 'female', yearOfBirth: 1990 })).toEqual([]);
  });

  it("when a man's PIN is given for a woman, then the sex code is named", () => {
    expect(pinContradictions('001088054321', { sex: 'female' })).toEqual([
      {
        message: "the PIN's 4th digit (0) is for a man, but this person is a woman",
        params: { saying: 'pinSex', digit: '0', pinSex: 'male', sex: 'female' },
      },
    ]);
  });

  it('when a mother’s PIN says 1992 and her year of birth is 1985, then the year is named', () => {
    expect(pinContradictions('001192012345', { sex: 'female', yearOfBirth: 1985 })).toEqual([
      expect.objectContaining({
        message: 'the PIN says born in 1992 (digits 4–6 192), but the year of birth is 1985',
      }),
    ]);
  });

  it('when the century is wrong though the last two digits match (2090 for 1990), then the year is named', () => {
    expect(pinContradictions('001390012345', { yearOfBirth: 1990 })).toHaveLength(1);
  });

  it('when nothing is known of the holder, then nothing is checked', () => {
    expect(pinContradictions('001088054321', {})).toEqual([]);
  });
});
