// Group A's application (e-form Mẫu số 01, DOMAIN.md §3A): one declaration from which the birth,
// residence and health-insurance files are made. Every field is validated here, once, for the API and
// the web form alike.
import { z } from 'zod';
import {
  Address,
  Attachments,
  Ethnicity,
  ethnicityProblem,
  LocalDate,
  Nationality,
  PersonName,
  Phone,
  type ApplicationContext,
  type Loose,
} from './application-fields';
import { pinContradictions, type KnownFacts } from './personal-id';
import { rule, ruleIssue, type ApplicationIssue, type RuleIssue } from './rule-texts';
import { CommuneCode, PersonalIdNumber } from './principal';
import { GROUP_A_RULES } from './procedures/birth-residence-insurance.rules';
import { versionInForce } from './rule-versions';
import { safeText } from './safe-text';

export type { ApplicationContext } from './application-fields';

export const GROUP_A_PROCEDURE = 'birth-residence-insurance';

const Parent = z
  .object({
    fullName: PersonName,
    pin: PersonalIdNumber.optional().describe(
      'số định danh cá nhân; required unless a foreign parent gives a passport',
    ),
    passport: z
      .object({
        number: z
          .string()
          .trim()
          .regex(/^[A-Za-z0-9]{5,20}$/, rule('passportNumber')),
        country: Nationality.describe('issuing country (ISO 3166-1 alpha-2)'),
      })
      .optional()
      .describe(
        'a foreign parent without a Vietnamese PIN: "số định danh cá nhân / hộ chiếu" (BHXH QĐ 1449, DOMAIN.md §3A [S15])',
      ),
    yearOfBirth: z.number().int().min(1900).max(2100),
    ethnicity: Ethnicity,
    nationality: Nationality,
    address: Address.describe('residence (nơi cư trú)'),
  })
  .meta({ id: 'Parent' });

/**
 * What the birth is registered on. Without a medical birth certificate, civil-status law accepts a
 * witness's written confirmation of the birth, else the declarant's written undertaking, and for an
 * abandoned child the record of its finding (Luật Hộ tịch 2014 Art. 16(1), as NĐ 63/2024 Art. 5
 * refers to it: DOMAIN.md §1A step 0 and §3A [S6] (C)). A substitute is not the facility's signed
 * electronic data, so the civil-status officer always reviews it (the birth is never registered
 * automatically on one). An abandoned child's unknown parents are not supported yet: the form still
 * requires the mother (README).
 */
export const BirthEvidence = z.enum([
  'medical_birth_certificate',
  'witness_statement',
  'self_declaration',
  'abandoned_child_record',
]);

export const Relationship = z.enum([
  'mother',
  'father',
  'grandparent',
  'sibling',
  'relative',
  'guardian',
]);

const birthApplicationShape = z.object({
  procedure: z.literal(GROUP_A_PROCEDURE),
  components: z
    .object({
      residence: z.boolean().describe('also register the child’s permanent residence'),
      insurance: z.boolean().describe('also issue the child’s health-insurance card'),
    })
    .describe('birth registration is always included'),
  language: z.enum(['vi', 'en']).default('vi').describe('language of notifications'),
  receivingCommune: CommuneCode.describe('commune whose civil-status officer registers the birth'),
  applicant: z.object({
    fullName: PersonName,
    pin: PersonalIdNumber,
    relationship: Relationship.describe('relationship to the child'),
    phone: Phone,
    email: z.email().optional(),
  }),
  child: z.object({
    fullName: PersonName,
    dateOfBirth: LocalDate,
    sex: z.enum(['male', 'female']),
    ethnicity: Ethnicity,
    nationality: Nationality,
    placeOfBirth: safeText(3, 200),
    hometown: safeText(2, 200).describe('quê quán'),
  }),
  mother: Parent.optional().describe(
    'required, except for an abandoned child whose parents are unknown (abandoned_child_record)',
  ),
  father: Parent.optional(),
  medicalBirthCertificate: z
    .object({
      number: z
        .string()
        .trim()
        .regex(/^[A-Z0-9][A-Z0-9/.-]{3,29}$/i, rule('birthCertificateNumber'))
        .describe('số giấy chứng sinh — the business key: one case per certificate'),
      kind: BirthEvidence.optional().describe(
        'absent: the electronic medical birth certificate; otherwise the substitute document civil-status law accepts',
      ),
      facility: safeText(2, 200).describe('health facility (or, for a substitute, who made it)'),
      issuedOn: LocalDate,
    })
    .describe('giấy chứng sinh (electronic, signed by the facility)'),
  residence: z
    .object({
      address: Address,
      householdHeadPin: PersonalIdNumber.describe('PIN of the household head (chủ hộ)'),
      relationshipToHead: safeText(2, 50),
    })
    .optional()
    .describe(rule('residenceRequired')),
  insurance: z
    .object({
      initialCareFacility: safeText(2, 20).describe('mã nơi đăng ký KCB ban đầu'),
    })
    .optional(),
  poorHouseholdCertificate: safeText(1, 50).optional(),
  resultDelivery: z.enum(['online', 'post', 'counter']).default('online'),
  attachments: Attachments.optional(),
});

/**
 * Cross-field checks and the ones that need today's date and the commune list. They run even when
 * other fields are invalid (so one response lists every problem), hence the loose input.
 */
function checkApplication(app: Loose<BirthApplication>, context: ApplicationContext) {
  const issues: ApplicationIssue[] = [];
  const issue = (path: PropertyKey[], said: string | RuleIssue) =>
    issues.push({ path, ...(typeof said === 'string' ? { message: said } : said) });
  const components = app.components;
  if (components && !components.residence && !components.insurance) {
    issue(['components'], rule('chooseComponents'));
  }
  if (components?.residence && !app.residence) {
    issue(['residence'], rule('residenceRequired'));
  }
  const born = app.child?.dateOfBirth;
  if (typeof born === 'string' && born > context.today())
    issue(['child', 'dateOfBirth'], rule('inTheFuture'));
  const issued = app.medicalBirthCertificate?.issuedOn;
  if (typeof born === 'string' && typeof issued === 'string' && issued < born) {
    issue(['medicalBirthCertificate', 'issuedOn'], rule('beforeBirth'));
  }
  if (components?.insurance && typeof born === 'string') {
    const problem = cardAgeProblem(born, context.today());
    if (problem) issue(['components', 'insurance'], problem);
  }
  // An abandoned child whose parents are unknown is registered by whoever temporarily cares for it,
  // the parents' part left blank (NĐ 123/2015/NĐ-CP Art. 14(3), after the 7 days' posting at the
  // commune, read in lawnet.vn's and thanhnien.vn's summaries (S), 29/08/2023; Luật Hộ tịch 2014
  // Art. 16(1), DOMAIN.md §1A step 0). Any other birth names its mother.
  const abandoned = app.medicalBirthCertificate?.kind === 'abandoned_child_record';
  if (app.mother === undefined && !abandoned) issue(['mother'], rule('motherRequired'));
  if (app.mother === undefined && abandoned && app.applicant?.relationship !== 'guardian')
    issue(['applicant', 'relationship'], rule('abandonedChildCarer'));
  for (const role of ['mother', 'father'] as const) {
    const parent = app[role];
    if (!parent || typeof parent !== 'object') continue;
    // A Vietnamese parent is identified by their PIN; a foreign one may be by passport (QĐ 1449).
    if (parent.pin === undefined && parent.passport === undefined)
      issue([role, 'pin'], rule('parentPinRequired'));
    if (parent.passport !== undefined && parent.nationality === 'VN')
      issue([role, 'passport'], rule('vietnameseParentPin'));
  }
  for (const [path, person] of [
    [['child'], app.child],
    [['mother'], app.mother],
    [['father'], app.father],
  ] as const) {
    const problem = ethnicityProblem(person?.ethnicity, person?.nationality);
    if (problem) issue([...path, 'ethnicity'], problem);
  }
  for (const [path, pin, known] of peopleWithPins(app)) {
    if (typeof pin === 'string')
      for (const problem of pinContradictions(pin, known)) issue(path, problem);
  }
  const communes: [PropertyKey[], unknown][] = [
    [['receivingCommune'], app.receivingCommune],
    [['mother', 'address', 'commune'], app.mother?.address?.commune],
    [['father', 'address', 'commune'], app.father?.address?.commune],
    [['residence', 'address', 'commune'], app.residence?.address?.commune],
  ];
  for (const [path, code] of communes) {
    if (typeof code === 'string' && /^\d{5}$/.test(code) && !context.isKnownCommune(code)) {
      issue(path, rule('unknownCommune'));
    }
  }
  return issues;
}

/** Whole months from `from` to `to` (dates `YYYY-MM-DD`): the age the card's rule counts in. */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}

/**
 * The Group A card is for a child under 6 (72 months) on the filing date, in the rule version in
 * force that day (DOMAIN.md §1A; §2C [S52] (C): valid until 72 months, or 30 September of that year
 * if school has not started). A 7-year-old's card would have expired before it was issued, so the
 * filing is refused with the reason, at the door: the fact and the rule are both known at filing and
 * cannot change during the case, nothing is registered in the citizen's name, and the citizen can
 * file birth and residence alone at once (a card for an older child is the ordinary BHYT procedure).
 */
function cardAgeProblem(born: string, today: string): RuleIssue | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(born) || born > today) return undefined;
  const limitMonths = versionInForce(GROUP_A_RULES, today).insuranceCardUnderMonths;
  const months = monthsBetween(born, today);
  if (months < limitMonths) return undefined;
  return ruleIssue('cardAge', { limitMonths, years: Math.floor(months / 12) });
}

/**
 * Every person with a PIN whose sex or year of birth the application states: the parents (a mother
 * is a woman, a father a man, each with their year of birth), and an applicant who is the child's
 * mother or father (their sex). The household head's sex and age are not on the form.
 */
function peopleWithPins(app: Loose<BirthApplication>): [PropertyKey[], unknown, KnownFacts][] {
  const year = (y: unknown) => (typeof y === 'number' ? y : undefined);
  const relationship = app.applicant?.relationship;
  return [
    [
      ['mother', 'pin'],
      app.mother?.pin,
      { sex: 'female', yearOfBirth: year(app.mother?.yearOfBirth) },
    ],
    [
      ['father', 'pin'],
      app.father?.pin,
      { sex: 'male', yearOfBirth: year(app.father?.yearOfBirth) },
    ],
    [
      ['applicant', 'pin'],
      // The same person as a parent is checked as that parent, and named once.
      app.applicant?.pin === app.mother?.pin || app.applicant?.pin === app.father?.pin
        ? undefined
        : app.applicant?.pin,
      {
        sex: relationship === 'mother' ? 'female' : relationship === 'father' ? 'male' : undefined,
      },
    ],
  ];
}

/** The application schema, with the checks that need today's date and the commune list. */
export function birthApplicationSchema(context: ApplicationContext) {
  return birthApplicationShape
    .superRefine(
      (app, ctx) => {
        for (const { path, message, params } of checkApplication(app, context)) {
          ctx.addIssue({ code: 'custom', path, message, ...(params && { params }) });
        }
      },
      { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
    )
    .meta({ id: 'BirthApplication', examples: [EXAMPLE_BIRTH_APPLICATION] });
}
export type BirthApplication = z.infer<typeof birthApplicationShape>;
/** An application that names the mother (every one but an abandoned child's with unknown parents). */
export type BirthApplicationWithMother = BirthApplication &
  Required<Pick<BirthApplication, 'mother'>>;

/** A complete application: the OpenAPI example, the tests' fixture and the demo's case. */
export const EXAMPLE_BIRTH_APPLICATION: BirthApplicationWithMother = {
  procedure: 'birth-residence-insurance',
  components: { residence: true, insurance: true },
  language: 'vi',
  receivingCommune: '00004',
  applicant: {
    fullName: 'Trần Thị Mai',
    pin: '001190012345',
    relationship: 'mother',
    phone: '0912345678',
  },
  child: {
    fullName: 'Nguyễn Minh An',
    dateOfBirth: '2026-11-18',
    sex: 'male',
    ethnicity: 'Kinh',
    nationality: 'VN',
    placeOfBirth: 'Bệnh viện Phụ sản Hà Nội',
    hometown: 'Hà Nội',
  },
  mother: {
    fullName: 'Trần Thị Mai',
    pin: '001190012345',
    yearOfBirth: 1990,
    ethnicity: 'Kinh',
    nationality: 'VN',
    address: { commune: '00004', line: '12 Phố Đội Cấn' },
  },
  father: {
    fullName: 'Nguyễn Văn Hùng',
    pin: '001088054321',
    yearOfBirth: 1988,
    ethnicity: 'Kinh',
    nationality: 'VN',
    address: { commune: '00004', line: '12 Phố Đội Cấn' },
  },
  medicalBirthCertificate: {
    number: 'CS-2026-000001',
    facility: 'Bệnh viện Phụ sản Hà Nội',
    issuedOn: '2026-11-18',
  },
  residence: {
    address: { commune: '00004', line: '12 Phố Đội Cấn' },
    householdHeadPin: '001088054321',
    relationshipToHead: 'con',
  },
  insurance: { initialCareFacility: '01-001' },
  resultDelivery: 'online',
};
