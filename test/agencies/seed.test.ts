// The simulators' reference data agrees with the rules filings are checked by.
import { describe, expect, it } from 'vitest';
import { SEED_DECEASED, SEED_RELATIVES } from '../../agencies/simulators/seed';
import { pinContradictions } from '../../domain/personal-id';

describe('the simulators’ seed', () => {
  // A seeded person whose PIN contradicts them could not be named in a filing (domain/personal-id.ts).
  it('when a person is seeded with a sex and a date of birth, then their PIN encodes both', () => {
    const people = [...Object.values(SEED_DECEASED), ...SEED_RELATIVES.map((r) => r.relative)];
    const contradicted = people.flatMap((p) =>
      pinContradictions(p.pin, { sex: p.sex, yearOfBirth: Number(p.dateOfBirth.slice(0, 4)) }).map(
        (problem) => `${p.pin}: ${problem.message}`,
      ),
    );
    expect(people.length).toBeGreaterThan(5);
    expect(contradicted).toEqual([]);
  });
});
