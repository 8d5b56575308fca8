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
      'residence: required when residence registration is chosen',
      'child.dateOfBirth: is in the future',
      'medicalBirthCertificate.issuedOn: is before the date of birth',
      'mother: required (only an abandoned child’s unknown parents are left out)',
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

// Issue 20, Group A: the card of this procedure is for a child under 6 (DOMAIN.md §1A "thẻ BHYT trẻ
// dưới 6 tuổi"; §2C: valid until 72 months [S52]); a 7-year-old was given one that had expired
// before it was issued.
describe('birthApplicationSchema — the under-6 card (DOMAIN.md §2C [S52])', () => {
  const onDay = (today: string) =>
    birthApplicationSchema({ today: () => today, isKnownCommune: () => true });
  const bornOn = (dateOfBirth: string, insurance = true) => {
    const app = aBirthApplication();
    return {
      ...app,
      components: { residence: true, insurance },
      child: { ...app.child, dateOfBirth },
      medicalBirthCertificate: { ...app.medicalBirthCertificate, issuedOn: dateOfBirth },
    };
  };
  const problems = (today: string, input: unknown) =>
    (onDay(today).safeParse(input).error?.issues ?? []).map(
      (i) => `${i.path.join('.')}: ${i.message}`,
    );

  it('when a 7-year-old is filed with the card, then the card component is refused with the reason', () => {
    expect(problems('2026-11-22', bornOn('2019-05-05'))).toEqual([
      expect.stringMatching(
        /^components\.insurance: the health-insurance card of this procedure is for a child under 6 \(72 months\); this child is 7 years old/,
      ),
    ]);
  });

  it('when the same 7-year-old is filed without the card, then the filing is accepted', () => {
    expect(problems('2026-11-22', bornOn('2019-05-05', false))).toEqual([]);
  });

  it.each([
    ['2020-11-23', 'the day before the 6th birthday', true],
    ['2020-11-22', 'on the 6th birthday (72 months)', false],
    ['2020-02-29', 'a leap-day child on 28/02 of the 6th year', true],
  ])('when the child was born %s (%s), then the card is allowed: %s', (born, _when, allowed) => {
    const today = born === '2020-02-29' ? '2026-02-28' : '2026-11-22';
    expect(problems(today, bornOn(born)).length === 0).toBe(allowed);
  });
});

// Issue 20, Group A: a PIN that contradicts the sex or year of birth it encodes was accepted. The
// encoding: NĐ 137/2015/NĐ-CP Art. 13, TT 07/2016/TT-BCA Art. 7 → TT 59/2021/TT-BCA Art. 7 (DOMAIN.md
// §3A [S50]).
describe('birthApplicationSchema — PIN coherence (TT 59/2021/TT-BCA Art. 7)', () => {
  it("when the father's PIN is a woman's, then father.pin is named", () => {
    const app = aBirthApplication();
    const input = { ...app, father: app.father && { ...app.father, pin: '001188054321' } };
    expect(issuesOf(input)).toEqual([
      expect.stringMatching(
        /^father\.pin: the PIN's 4th digit \(1\) is for a woman, but this person is a man/,
      ),
    ]);
  });

  it("when the mother's PIN says 1992 and her year of birth is 1985, then mother.pin is named", () => {
    const app = aBirthApplication();
    const input = {
      ...app,
      applicant: { ...app.applicant, pin: '001192012345' },
      mother: { ...app.mother, pin: '001192012345', yearOfBirth: 1985 },
    };
    expect(issuesOf(input)).toEqual([
      expect.stringMatching(
        /^mother\.pin: the PIN says born in 1992 .* but the year of birth is 1985/,
      ),
    ]);
  });

  it("when an applicant who is the child's father gives a woman's PIN, then applicant.pin is named", () => {
    const app = aBirthApplication();
    const input = {
      ...app,
      applicant: { ...app.applicant, relationship: 'father', pin: '001195000777' },
    };
    expect(issuesOf(input)).toEqual([expect.stringMatching(/^applicant\.pin: .* is for a woman/)]);
  });

  it('when the applicant is a grandparent, then only the 12-digit form of their PIN is checked', () => {
    const app = aBirthApplication();
    const input = {
      ...app,
      applicant: { ...app.applicant, relationship: 'grandparent', pin: '001160000777' },
    };
    expect(issuesOf(input)).toEqual([]);
  });
});

// Issue 20, Group A: real dossiers (DOMAIN.md §1A, §3A, §4).
describe('birthApplicationSchema — real dossiers', () => {
  it('when the father is a foreigner identified by passport (BHXH QĐ 1449: "số định danh cá nhân / hộ chiếu", DOMAIN.md §3A [S15]), then the filing is accepted', () => {
    const app = aBirthApplication();
    const { pin: _pin, ...father } = app.father ?? app.mother;
    const input = {
      ...app,
      residence: { ...app.residence, householdHeadPin: app.mother.pin ?? '' },
      father: { ...father, nationality: 'KR', passport: { number: 'M12345678', country: 'KR' } },
    };
    expect(issuesOf(input)).toEqual([]);
  });

  it('when an abandoned child’s parents are unknown (NĐ 123/2015/NĐ-CP Art. 14(3)), then its temporary carer files it on the record of its finding without a mother or father', () => {
    const { mother: _mother, father: _father, ...app } = aBirthApplication();
    const input = {
      ...app,
      applicant: { ...app.applicant, relationship: 'guardian' },
      medicalBirthCertificate: {
        ...app.medicalBirthCertificate,
        kind: 'abandoned_child_record',
        facility: 'UBND phường Ba Đình (biên bản)',
      },
    };
    expect(issuesOf(input)).toEqual([]);
    expect(
      issuesOf({ ...input, applicant: { ...input.applicant, relationship: 'mother' } }),
    ).toEqual([
      'applicant.relationship: an abandoned child is registered by its temporary carer: guardian',
    ]);
  });

  it('when any other birth leaves out the mother (a witness statement, or the medical certificate), then mother is named', () => {
    const { mother: _mother, ...app } = aBirthApplication();
    expect(issuesOf(app)).toEqual([
      'mother: required (only an abandoned child’s unknown parents are left out)',
    ]);
    const witnessed = {
      ...app,
      medicalBirthCertificate: { ...app.medicalBirthCertificate, kind: 'witness_statement' },
    };
    expect(issuesOf(witnessed)).toEqual([
      'mother: required (only an abandoned child’s unknown parents are left out)',
    ]);
  });

  it('when a parent has neither a PIN nor a passport, or a Vietnamese parent gives a passport, then each is named', () => {
    const app = aBirthApplication();
    const { pin: _pin, ...father } = app.father ?? app.mother;
    const input = {
      ...app,
      father,
      mother: { ...app.mother, passport: { number: 'C1234567', country: 'VN' } },
    };
    expect(issuesOf(input)).toEqual([
      'mother.passport: a Vietnamese parent is identified by their PIN',
      'father.pin: required (a foreign parent may give a passport instead)',
    ]);
  });

  it.each(['witness_statement', 'self_declaration', 'abandoned_child_record'])(
    'when the birth is filed on a %s instead of the medical certificate (Luật Hộ tịch Art. 16(1), DOMAIN.md §1A [S6]), then it is accepted and the document kind kept for the officer',
    (kind) => {
      const app = aBirthApplication();
      const input = { ...app, medicalBirthCertificate: { ...app.medicalBirthCertificate, kind } };
      expect(schema.parse(input).medicalBirthCertificate.kind).toBe(kind);
    },
  );
});
