// Group B's application (e-form Mẫu số 02, DOMAIN.md §3B): one declaration from which the death
// registration, the removal of permanent residence and the benefit claims are made. The relative picks
// 2, 3 or 4 procedures: death + residence removal always, then the funeral allowance, then the
// survivor allowance. Every field is validated here, once, for the API and the web form alike.
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
import { rule, type ApplicationIssue, type RuleIssue } from './rule-texts';
import { CommuneCode, PersonalIdNumber } from './principal';
import { safeText } from './safe-text';

export const GROUP_B_PROCEDURE = 'death-residence-funeral';

/** A death notice or one of its legal substitutes (Luật Hộ tịch Art. 34; NĐ 123/2015 Art. 4(2)). */
export const DeathNoticeKind = z
  .enum(['death_notice', 'execution_record', 'court_ruling', 'police_confirmation'])
  .describe(
    'death_notice: from the health facility; execution_record: executed sentence; ' +
      'court_ruling: declared dead by a court; police_confirmation: accident, homicide, sudden death',
  );

export const RelativeRelationship = z.enum([
  'spouse',
  'child',
  'parent',
  'parent_in_law',
  'sibling',
  'grandchild',
  'other',
]);

const Relative = z
  .object({
    fullName: PersonName,
    pin: PersonalIdNumber.describe('every named relative is identified by their PIN'),
    relationship: RelativeRelationship,
    dateOfBirth: LocalDate,
    survivorEligible: z
      .boolean()
      .default(false)
      .describe(
        'the applicant says they meet a monthly survivor-allowance condition; the population database decides',
      ),
    hasDirectCarer: z
      .boolean()
      .default(true)
      .describe('false: no one directly supports them (70 % instead of 50 %)'),
  })
  .meta({ id: 'Relative' });

/** Where the money goes: a bank account, else by post to the address (also the fallback). */
export const Payment = z
  .object({
    bankAccount: z
      .object({
        bank: z
          .string()
          .regex(/^[A-Z]{2,10}$/, rule('bankCode'))
          .describe('bank code'),
        number: z.string().regex(/^\d{6,19}$/, rule('accountNumber')),
      })
      .optional()
      .describe('omit to be paid by post'),
    postAddress: Address.describe('paid here by post when there is no account or the bank refuses'),
  })
  .meta({ id: 'Payment' });
export type Payment = z.infer<typeof Payment>;

const deathApplicationShape = z.object({
  procedure: z.literal(GROUP_B_PROCEDURE),
  components: z
    .object({
      funeral: z.boolean().describe('also claim the funeral allowance (mai táng phí)'),
      survivor: z.boolean().describe('also claim the survivor allowance (tử tuất)'),
    })
    .describe('death registration and removal of permanent residence are always included'),
  language: z.enum(['vi', 'en']).default('vi').describe('language of notifications'),
  receivingCommune: CommuneCode.describe('commune of the last residence, whose officer registers'),
  applicant: z.object({
    fullName: PersonName,
    pin: PersonalIdNumber,
    relationship: RelativeRelationship.describe('relationship to the deceased'),
    phone: Phone,
    email: z.email().optional(),
  }),
  deceased: z.object({
    fullName: PersonName,
    pin: PersonalIdNumber.describe('the business key: one case per deceased person'),
    dateOfBirth: LocalDate,
    sex: z.enum(['male', 'female']),
    ethnicity: Ethnicity,
    nationality: Nationality,
    lastResidence: Address,
  }),
  death: z.object({
    date: LocalDate,
    time: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, rule('time'))
      .optional(),
    place: safeText(3, 200),
    cause: safeText(2, 200),
  }),
  deathNotice: z
    .object({
      kind: DeathNoticeKind,
      number: z
        .string()
        .trim()
        .regex(/^[A-Z0-9][A-Z0-9/.-]{2,39}$/i, rule('deathNoticeNumber')),
      issuer: safeText(2, 200),
      issuedOn: LocalDate,
    })
    .describe('giấy báo tử or its legal substitute'),
  relatives: z
    .array(Relative)
    .max(20)
    .default([])
    .describe('the deceased’s relatives (needed for the survivor allowance)'),
  funeral: z
    .object({
      payment: Payment.describe('the applicant arranged the funeral and is paid'),
      lateExplanation: safeText(10, 1000)
        .optional()
        .describe(
          'why a claim comes more than 90 days after the death: BHXH decides a late claim on a ' +
            'written explanation (DOMAIN.md §2C; issue 20)',
        ),
    })
    .optional()
    .describe('required when the funeral allowance is claimed'),
  survivor: z
    .object({
      kind: z.enum(['lump_sum', 'monthly']),
      payeePin: PersonalIdNumber.optional().describe(
        'lump sum: the one relative every adult relative agrees to pay',
      ),
      payment: Payment.optional().describe('lump sum: the payee’s account or address'),
    })
    .optional()
    .describe('required when the survivor allowance is claimed'),
  extractCopies: z.number().int().min(0).max(10).default(0),
  attachments: Attachments.optional(),
});
export type DeathApplication = z.infer<typeof deathApplicationShape>;

function checkApplication(app: Loose<DeathApplication>, context: ApplicationContext) {
  const issues: ApplicationIssue[] = [];
  const issue = (path: PropertyKey[], said: string | RuleIssue) =>
    issues.push({ path, ...(typeof said === 'string' ? { message: said } : said) });
  const today = context.today();
  const { components, deceased, death, survivor } = app;
  if (components?.survivor && !components.funeral)
    issue(['components', 'funeral'], rule('survivorWithFuneral'));
  if (components?.funeral && !app.funeral) issue(['funeral'], rule('requiredWhenClaimed'));
  if (components?.survivor && !survivor) issue(['survivor'], rule('requiredWhenClaimed'));
  const died = death?.date;
  if (typeof died === 'string') {
    if (died > today) issue(['death', 'date'], rule('inTheFuture'));
    if (typeof deceased?.dateOfBirth === 'string' && died < deceased.dateOfBirth)
      issue(['death', 'date'], rule('beforeBirth'));
    const issued = app.deathNotice?.issuedOn;
    if (typeof issued === 'string' && issued < died)
      issue(['deathNotice', 'issuedOn'], rule('beforeDeath'));
  }
  const ethnicity = ethnicityProblem(deceased?.ethnicity, deceased?.nationality);
  if (ethnicity) issue(['deceased', 'ethnicity'], ethnicity);
  if (typeof deceased?.dateOfBirth === 'string' && deceased.dateOfBirth > today)
    issue(['deceased', 'dateOfBirth'], rule('inTheFuture'));
  const relatives = Array.isArray(app.relatives) ? app.relatives : [];
  const pins = relatives.map((r) => r?.pin);
  relatives.forEach((relative, i) => {
    if (relative?.pin && relative.pin === deceased?.pin)
      issue(['relatives', i, 'pin'], rule('deceasedOwnPin'));
    if (relative?.pin && pins.indexOf(relative.pin) !== i)
      issue(['relatives', i, 'pin'], rule('relativeTwice'));
  });
  if (app.applicant?.pin && app.applicant.pin === deceased?.pin)
    issue(['applicant', 'pin'], rule('deceasedOwnPin'));
  for (const [path, pin, known] of peopleWithPins(app)) {
    if (typeof pin === 'string')
      for (const problem of pinContradictions(pin, known)) issue(path, problem);
  }
  if (components?.survivor && survivor?.kind === 'lump_sum') {
    if (!survivor.payeePin) issue(['survivor', 'payeePin'], rule('namePayee'));
    else if (!pins.includes(survivor.payeePin))
      issue(['survivor', 'payeePin'], rule('payeeNotARelative'));
    if (!survivor.payment) issue(['survivor', 'payment'], rule('lumpSumPayment'));
  }
  // Whether a relative qualifies for a monthly allowance is not the applicant's to say: BHXH reads
  // it from the population database's records (issue 20; survivor-eligibility.ts) and refuses with
  // BENEFITS.NO_ELIGIBLE_RELATIVE when nobody does. What the applicant ticks is only shown.
  if (components?.survivor && relatives.length === 0)
    issue(['relatives'], rule('survivorRelatives'));
  const communes: [PropertyKey[], unknown][] = [
    [['receivingCommune'], app.receivingCommune],
    [['deceased', 'lastResidence', 'commune'], deceased?.lastResidence?.commune],
    [['funeral', 'payment', 'postAddress', 'commune'], app.funeral?.payment?.postAddress?.commune],
    [['survivor', 'payment', 'postAddress', 'commune'], survivor?.payment?.postAddress?.commune],
  ];
  for (const [path, code] of communes) {
    if (typeof code === 'string' && /^\d{5}$/.test(code) && !context.isKnownCommune(code))
      issue(path, rule('unknownCommune'));
  }
  return issues;
}

/**
 * Each person whose PIN the application gives, with what it says of them that the PIN encodes
 * (domain/personal-id.ts): the deceased's sex and year of birth, a relative's year of birth (their
 * sex is not asked). The applicant is one of the relatives, checked as such, or says nothing more.
 */
function peopleWithPins(app: Loose<DeathApplication>): [PropertyKey[], unknown, KnownFacts][] {
  const year = (date: unknown) =>
    typeof date === 'string' && /^\d{4}-/.test(date) ? Number(date.slice(0, 4)) : undefined;
  const sex = app.deceased?.sex;
  const relatives = Array.isArray(app.relatives) ? app.relatives : [];
  return [
    [
      ['deceased', 'pin'],
      app.deceased?.pin,
      {
        sex: sex === 'male' || sex === 'female' ? sex : undefined,
        yearOfBirth: year(app.deceased?.dateOfBirth),
      },
    ],
    ...relatives.map((r, i): [PropertyKey[], unknown, KnownFacts] => [
      ['relatives', i, 'pin'],
      r?.pin,
      { yearOfBirth: year(r?.dateOfBirth) },
    ]),
  ];
}

/** The application schema, with the checks that need today's date and the commune list. */
export function deathApplicationSchema(context: ApplicationContext) {
  return deathApplicationShape
    .superRefine(
      (app, ctx) => {
        for (const { path, message, params } of checkApplication(app, context))
          ctx.addIssue({ code: 'custom', path, message, ...(params && { params }) });
      },
      { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
    )
    .meta({ id: 'DeathApplication', examples: [EXAMPLE_DEATH_APPLICATION] });
}

/** A complete application (all four procedures): the OpenAPI example and the tests' fixture. */
export const EXAMPLE_DEATH_APPLICATION: DeathApplication = {
  procedure: 'death-residence-funeral',
  components: { funeral: true, survivor: true },
  language: 'vi',
  receivingCommune: '00004',
  applicant: {
    fullName: 'Lê Thị Hoa',
    pin: '001162000111',
    relationship: 'spouse',
    phone: '0987654321',
  },
  deceased: {
    fullName: 'Lê Văn Bình',
    pin: '001060000101',
    dateOfBirth: '1960-03-02',
    sex: 'male',
    ethnicity: 'Kinh',
    nationality: 'VN',
    lastResidence: { commune: '00004', line: '12 Phố Đội Cấn' },
  },
  death: {
    date: '2026-11-15',
    time: '06:30',
    place: 'Bệnh viện Bạch Mai',
    cause: 'bệnh',
  },
  deathNotice: {
    kind: 'death_notice',
    number: 'BT-2026-000123',
    issuer: 'Bệnh viện Bạch Mai',
    issuedOn: '2026-11-15',
  },
  relatives: [
    {
      fullName: 'Lê Thị Hoa',
      pin: '001162000111',
      relationship: 'spouse',
      dateOfBirth: '1962-08-09',
      survivorEligible: false,
      hasDirectCarer: true,
    },
    {
      fullName: 'Lê Minh Khoa',
      pin: '001090000222',
      relationship: 'child',
      dateOfBirth: '1990-01-12',
      survivorEligible: false,
      hasDirectCarer: true,
    },
  ],
  funeral: {
    payment: {
      bankAccount: { bank: 'VCB', number: '0011001234567' },
      postAddress: { commune: '00004', line: '12 Phố Đội Cấn' },
    },
  },
  survivor: {
    kind: 'lump_sum',
    payeePin: '001162000111',
    payment: {
      bankAccount: { bank: 'VCB', number: '0011001234567' },
      postAddress: { commune: '00004', line: '12 Phố Đội Cấn' },
    },
  },
  extractCopies: 1,
};
