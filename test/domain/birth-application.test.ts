import { describe, expect, it } from 'vitest';
import { birthApplicationSchema } from '../../domain/BirthApplication';
import { DEMO_COMMUNES } from '../../domain/communes';
import { aBirthApplication } from '../fixtures/birth-application';

const schema = birthApplicationSchema({
  today: () => '2026-11-22',
  isKnownCommune: (code) => DEMO_COMMUNES.some((c) => c.code === code),
});

const issuesOf = (input: unknown) =>
  (schema.safeParse(input).error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('birthApplicationSchema', () => {
  it('when the application is complete, then it parses unchanged', () => {
    expect(schema.parse(aBirthApplication())).toEqual(aBirthApplication());
  });

  it('when several fields are wrong at once, then every problem is listed', () => {
    const { mother: _mother, ...withoutMother } = aBirthApplication();
    const input = {
      ...withoutMother,
      receivingCommune: '99999',
      applicant: { ...withoutMother.applicant, pin: '0011900123' },
      child: { ...withoutMother.child, dateOfBirth: '2026-12-01' },
      residence: undefined,
    };
    expect(issuesOf(input)).toEqual([
      'applicant.pin: must be 12 digits',
      'mother: Invalid input: expected object, received undefined',
      'residence: required when residence registration is chosen',
      'child.dateOfBirth: is in the future',
      'medicalBirthCertificate.issuedOn: is before the date of birth',
      'receivingCommune: unknown commune code',
    ]);
  });

  it('when neither residence nor insurance is chosen, then it is refused', () => {
    const input = { ...aBirthApplication(), components: { residence: false, insurance: false } };
    expect(issuesOf(input)).toEqual([
      'components: choose residence registration, the health-insurance card, or both',
    ]);
  });

  it('when only the insurance card is chosen, then no residence address is needed', () => {
    const { residence: _residence, ...input } = aBirthApplication();
    expect(issuesOf({ ...input, components: { residence: false, insurance: true } })).toEqual([]);
  });

  it('when the certificate predates the birth or a parent lives in an unknown commune, then both are named', () => {
    const app = aBirthApplication();
    const input = {
      ...app,
      medicalBirthCertificate: { ...app.medicalBirthCertificate, issuedOn: '2026-11-01' },
      father: app.father && { ...app.father, address: { commune: '12345', line: 'x street' } },
    };
    expect(issuesOf(input)).toEqual([
      'medicalBirthCertificate.issuedOn: is before the date of birth',
      'father.address.commune: unknown commune code',
    ]);
  });

  it('when optional fields are omitted, then defaults apply', () => {
    const { language: _l, resultDelivery: _r, ...input } = aBirthApplication();
    expect(
      schema.parse({ ...input, child: { ...input.child, nationality: undefined } }),
    ).toMatchObject({
      language: 'vi',
      resultDelivery: 'online',
      child: { nationality: 'VN' },
    });
  });

  it('when the day changes after the schema was built, then the new day is used (no date frozen at start-up)', () => {
    let today = '2026-11-17';
    const living = birthApplicationSchema({ today: () => today, isKnownCommune: () => true });
    expect(living.safeParse(aBirthApplication()).success).toBe(false); // born 2026-11-18: future yet
    today = '2026-11-18';
    expect(living.safeParse(aBirthApplication()).success).toBe(true);
  });
});
