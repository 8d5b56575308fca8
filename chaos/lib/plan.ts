// What a chaos run files and what each case must end as — the oracle's side, written from the
// domain's rules (DOMAIN.md), not read back from the engine: each kind of case, the people it needs in
// the agencies' registers, the officers' and relatives' scripted actions, the refusals the agencies
// are told to give it, and the expected end.
import type { z } from 'zod';
import type { FaultRule } from '../../agencies/simulators/framework/faults';
import { EXAMPLE_BIRTH_APPLICATION, type BirthApplication } from '../../domain/BirthApplication';
import { EXAMPLE_DEATH_APPLICATION, type DeathApplication } from '../../domain/DeathApplication';
import { pinPrefix, type PinFacts } from '../../domain/personal-id';
import { UNSAFE_TEXT } from '../../domain/safe-text';
import { ruleMessage } from '../../domain/rule-texts';

export const KINDS = [
  'birth-automatic',
  'birth-officer-approves',
  'birth-supplement-answered',
  'birth-supplement-timeout',
  'birth-unknown-address',
  'death-bhxh-funeral',
  'death-bank-refused',
  'death-lump-sum-confirmed',
  'death-social-protection',
  // The refusal-and-bad-input phase: agencies refusing for good, and filings refused at the door.
  'birth-agency-bad-request',
  'birth-card-refused',
  'death-payment-refused',
  'death-bank-refused-other-code',
  'bad-input',
] as const;
export type Kind = (typeof KINDS)[number];

const REFUSAL_PHASE: readonly Kind[] = KINDS.slice(KINDS.indexOf('birth-agency-bad-request'));

/**
 * The order kinds come in: every kind once, then the other kinds twice more — so the refusals and the
 * bad input are a modest share (5 in 32) and any run of CYCLE.length cases has each kind.
 */
export const CYCLE: readonly Kind[] = [
  ...KINDS,
  ...[1, 2].flatMap(() => KINDS.filter((k) => !REFUSAL_PHASE.includes(k))),
];

/** Communes: births and deaths register automatically in one, wait for the officer in the other. */
export const OFFICER_COMMUNE = '00004';
export const AUTOMATIC_COMMUNE = '00070';

/** What the officers do with a step's task, in order; absent → approve. */
export type OfficerScript = 'approve' | 'supplement-then-approve' | 'supplement-unanswered';

export interface Expected {
  /** The case's final status; for `bad-input`, no case at all. */
  status: string;
  /** Every step the case view shows, with its final status. */
  steps: Record<string, string>;
  /** Every step that shows a reason code (StepView.reasonCode), with it: the rejected ones. */
  reasonCodes: Record<string, string>;
  /** Why the case ended without its first record (CaseView.reason.code), when it did. */
  caseReason?: string;
  /**
   * Per payment reference suffix (`funeral`, `survivor`): the one channel it is paid by, or none; and
   * how many transfers the payments system refused in its own table (a refusal set by a fault rule is
   * answered before the agency's handler and leaves no row).
   */
  payments: Record<string, { channel: 'bank' | 'post' | 'none'; refused: number }>;
}

/** A copy of the case's application with one unstorable field, and what the 400 must say. */
export interface DoorRefusal {
  application: BirthApplication | DeathApplication;
  /** JSON pointer of the field the problem names, and the words it names it with. */
  pointer: string;
  detail: string;
}

/** A refusal an agency is told to give, matched on a value no other case sends. */
export interface Refusal {
  agency: 'civil-status' | 'social-insurance' | 'payments';
  rule: z.input<typeof FaultRule>;
}

export interface PlannedCase {
  index: number;
  kind: Kind;
  application: BirthApplication | DeathApplication;
  /** The citizen who follows the case (reads it, answers supplements). */
  applicantPin: string;
  /** Adult relatives who confirm the lump-sum payee. */
  confirmers: string[];
  officer: Partial<Record<string, OfficerScript>>;
  /** A deceased person the agencies must know before filing. */
  deceased?: { pin: string; known: 'insured' | 'assistance' | 'merit' };
  /** The agencies' refusals of this case, set before it is filed and kept to the end of the run. */
  refusals: Refusal[];
  /** `bad-input`: the filings refused at the door; `application` is never filed itself. */
  door: DoorRefusal[];
  expected: Expected;
}

const done = (...steps: string[]) => Object.fromEntries(steps.map((s) => [s, 'completed']));
const noCodesNoPayments = { reasonCodes: {}, payments: {} };
const paid = (channel: 'bank' | 'post', refused = 0) => ({ channel, refused });

/** What the agencies answer the refusal phase's cases, each with a code of its own. */
const REFUSED = {
  birthAsInvalid: { code: 'CIVIL_STATUS.INVALID_REQUEST', reason: 'the place of birth is unknown' },
  card: {
    code: 'SOCIAL_INSURANCE.FACILITY_FULL',
    reason: 'the initial care facility takes no more children',
  },
  payee: { code: 'PAYMENTS.PAYEE_BLOCKED', reason: 'the payee is under a court freeze' },
  account: { code: 'PAYMENTS.ACCOUNT_FROZEN', reason: 'the account is frozen' },
} as const;

/** What a kind of case should end as. */
export const expectedOf = (kind: Kind): Expected => EXPECTED[kind];

const EXPECTED: Record<Kind, Expected> = {
  'birth-automatic': {
    status: 'completed',
    steps: done('birth', 'residence', 'insurance'),
    ...noCodesNoPayments,
  },
  'birth-officer-approves': {
    status: 'completed',
    steps: done('birth', 'residence', 'insurance'),
    ...noCodesNoPayments,
  },
  'birth-supplement-answered': {
    status: 'completed',
    steps: done('birth', 'residence', 'insurance'),
    ...noCodesNoPayments,
  },
  // The birth is refused when the reply window closes; the later steps never start.
  'birth-supplement-timeout': {
    status: 'rejected',
    steps: { birth: 'rejected' },
    reasonCodes: { birth: 'SUPPLEMENT.TIMEOUT' },
    caseReason: 'SUPPLEMENT.TIMEOUT',
    payments: {},
  },
  // The police refuse an address with no household; the card is still issued.
  'birth-unknown-address': {
    status: 'partially_completed',
    steps: { birth: 'completed', residence: 'rejected', insurance: 'completed' },
    reasonCodes: { residence: 'RESIDENCE.ADDRESS_UNKNOWN' },
    payments: {},
  },
  'death-bhxh-funeral': {
    status: 'completed',
    steps: done('death', 'residence-removal', 'funeral'),
    reasonCodes: {},
    payments: { funeral: paid('bank') },
  },
  // The bank refuses a closed account; the allowance goes by post.
  'death-bank-refused': {
    status: 'completed',
    steps: done('death', 'residence-removal', 'funeral'),
    reasonCodes: {},
    payments: { funeral: paid('post', 1) },
  },
  'death-lump-sum-confirmed': {
    status: 'completed',
    steps: done('death', 'residence-removal', 'funeral', 'survivor'),
    reasonCodes: {},
    payments: { funeral: paid('bank'), survivor: paid('bank') },
  },
  'death-social-protection': {
    status: 'completed',
    steps: done('death', 'residence-removal', 'funeral'),
    reasonCodes: {},
    payments: { funeral: paid('bank') },
  },
  // Civil status answers 400 (the request itself is wrong): the first step is refused for good, so
  // the case is rejected and nothing follows.
  'birth-agency-bad-request': {
    status: 'rejected',
    steps: { birth: 'rejected' },
    reasonCodes: { birth: 'AGENCY.BAD_REQUEST' },
    caseReason: 'AGENCY.BAD_REQUEST',
    payments: {},
  },
  // BHXH refuses the card (422 with its code): the birth and the residence stand.
  'birth-card-refused': {
    status: 'partially_completed',
    steps: { birth: 'completed', residence: 'completed', insurance: 'rejected' },
    reasonCodes: { insurance: REFUSED.card.code },
    payments: {},
  },
  // Refused at the bank and by post: the allowance is granted but the step ends rejected, unpaid.
  'death-payment-refused': {
    status: 'partially_completed',
    steps: { death: 'completed', 'residence-removal': 'completed', funeral: 'rejected' },
    reasonCodes: { funeral: 'PAYMENTS.REFUSED' },
    payments: { funeral: { channel: 'none', refused: 0 } },
  },
  // The bank refuses with a code of its own (not a closed account): paid by post all the same.
  'death-bank-refused-other-code': {
    status: 'completed',
    steps: done('death', 'residence-removal', 'funeral'),
    reasonCodes: {},
    payments: { funeral: paid('post') },
  },
  'bad-input': { status: 'no case', steps: {}, ...noCodesNoPayments },
};

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * A PIN no other case of any run uses, coherent with its holder (a filing refuses a PIN that
 * contradicts the sex and year of birth it encodes, domain/personal-id.ts): the run as the
 * province code, the case and the person as the six last digits.
 */
const pinFor = (run: number, index: number, who: number, holder: Omit<PinFacts, 'registeredIn'>) =>
  `${pinPrefix({ registeredIn: pad(1 + (run % 999), 3), ...holder })}${pad(index * 4 + who, 6)}`;

/** A child's name no other case of the run uses: a name holds letters only, so digits are spelt. */
const nameFor = (run: number, index: number) => {
  const spell = (n: number) =>
    [...String(n)].map((d, i) => String.fromCharCode((i ? 97 : 65) + Number(d))).join('');
  return `Tran ${spell(run)} ${spell(index)}`;
};

/** A refusal's words as the API answers them by default (no Accept-Language: Vietnamese). */
const said = (message: string) => ruleMessage({ message }, 'vi');

/**
 * Text no system can keep or show truthfully, one kind in each field: a lone surrogate, a
 * right-to-left override, a C1 control (U+0085, a line break to some readers), a zero-width space.
 */
const UNSTORABLE: Record<'birth' | 'death', readonly (readonly [string, string, string])[]> = {
  birth: [
    ['/mother/address/line', '12 \ud800 Phố Đội Cấn', said(UNSAFE_TEXT.malformed)],
    ['/residence/address/line', '12 Phố \u202eĐội Cấn', said(UNSAFE_TEXT.bidi)],
    ['/child/placeOfBirth', 'Bệnh viện\u0085Phụ sản Hà Nội', said(UNSAFE_TEXT.controlOneLine)],
    ['/child/fullName', 'Nguyễn\u200bMinh An', said(UNSAFE_TEXT.invisible)],
  ],
  death: [
    ['/deceased/lastResidence/line', '5 \ud800 Phố Hàng Bạc', said(UNSAFE_TEXT.malformed)],
    ['/funeral/payment/postAddress/line', '5 Phố \u202eHàng Bạc', said(UNSAFE_TEXT.bidi)],
    ['/death/place', 'Bệnh viện\u0085Bạch Mai', said(UNSAFE_TEXT.controlOneLine)],
    ['/applicant/fullName', 'Lê\u200bThị Hoa', said(UNSAFE_TEXT.invisible)],
  ],
};

/** A copy of `application` with `text` at `pointer`. */
function withText<T>(application: T, pointer: string, text: string): T {
  const copy = structuredClone(application);
  const keys = pointer.slice(1).split('/');
  const field = keys.pop() ?? '';
  const parent = keys.reduce<Record<string, unknown>>(
    (node, key) => node[key] as Record<string, unknown>,
    copy as Record<string, unknown>,
  );
  parent[field] = text;
  return copy;
}

/** Case `index` of run `run`: kinds in CYCLE's order, so any number of cases covers every kind. */
export function planCase(run: number, index: number, today: string): PlannedCase {
  const kind = CYCLE[index % CYCLE.length] as Kind;
  if (kind === 'bad-input') {
    // A birth in one round, a death in the next; the key's case must never exist.
    const round = Math.floor(index / CYCLE.length);
    const like = round % 2 === 0 ? 'birth-automatic' : 'death-bhxh-funeral';
    const base = planKind(like, run, index, today);
    const fields = round % 2 === 0 ? UNSTORABLE.birth : UNSTORABLE.death;
    return {
      ...base,
      kind,
      deceased: undefined,
      door: fields.map(([pointer, text, detail]) => ({
        application: withText(base.application, pointer, text),
        pointer,
        detail,
      })),
      expected: EXPECTED[kind],
    };
  }
  return planKind(kind, run, index, today);
}

function planKind(kind: Kind, run: number, index: number, today: string): PlannedCase {
  return kind.startsWith('birth-')
    ? planBirth(kind, run, index, today)
    : planDeath(kind, run, index, today);
}

function planBirth(kind: Kind, run: number, index: number, today: string): PlannedCase {
  const base = EXAMPLE_BIRTH_APPLICATION;
  const automatic = kind !== 'birth-officer-approves' && !kind.startsWith('birth-supplement-');
  const certificate = `CH-${run}-${index}`;
  const child = kind === 'birth-card-refused' ? nameFor(run, index) : base.child.fullName;
  const application: BirthApplication = {
    ...base,
    receivingCommune: automatic ? AUTOMATIC_COMMUNE : OFFICER_COMMUNE,
    child: { ...base.child, fullName: child, dateOfBirth: today },
    medicalBirthCertificate: {
      ...base.medicalBirthCertificate,
      number: certificate,
      issuedOn: today,
    },
    ...(kind === 'birth-unknown-address' &&
      base.residence && {
        residence: {
          ...base.residence,
          address: { commune: OFFICER_COMMUNE, line: '99 Phố Không Tồn Tại' },
        },
      }),
  };
  const refusals: Refusal[] = [];
  if (kind === 'birth-agency-bad-request')
    refusals.push({
      agency: 'civil-status',
      rule: {
        path: 'certificateNumber',
        equals: certificate,
        status: 400,
        body: REFUSED.birthAsInvalid,
      },
    });
  if (kind === 'birth-card-refused')
    refusals.push({
      agency: 'social-insurance',
      rule: { path: 'fullName', equals: child, status: 422, body: REFUSED.card },
    });
  const script: Partial<Record<Kind, OfficerScript>> = {
    'birth-officer-approves': 'approve',
    'birth-supplement-answered': 'supplement-then-approve',
    'birth-supplement-timeout': 'supplement-unanswered',
  };
  return {
    index,
    kind,
    application,
    applicantPin: base.applicant.pin,
    confirmers: [],
    officer: script[kind] ? { birth: script[kind] } : {},
    refusals,
    door: [],
    expected: EXPECTED[kind],
  };
}

function planDeath(kind: Kind, run: number, index: number, today: string): PlannedCase {
  // As actors.ts registers them: a man born 1950, his wife born 1955, their son born 1980.
  const deceasedPin = pinFor(run, index, 0, { sex: 'male', yearOfBirth: 1950 });
  const spouse = pinFor(run, index, 1, { sex: 'female', yearOfBirth: 1955 });
  const child = pinFor(run, index, 2, { sex: 'male', yearOfBirth: 1980 });
  const base = structuredClone(EXAMPLE_DEATH_APPLICATION);
  const died = new Date(Date.parse(`${today}T00:00:00Z`) - 3 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const commune = kind === 'death-social-protection' ? OFFICER_COMMUNE : AUTOMATIC_COMMUNE;
  const line = commune === OFFICER_COMMUNE ? '12 Phố Đội Cấn' : '5 Phố Hàng Bạc';
  // 0011000999999 is seeded as a closed account; the other-code kind has an account of its own.
  const account =
    kind === 'death-bank-refused'
      ? '0011000999999'
      : kind === 'death-bank-refused-other-code'
        ? `0012${pad(run % 10_000, 4)}${pad(index, 5)}`
        : '0011001234567';
  const payment = {
    bankAccount: { bank: 'VCB', number: account },
    postAddress: { commune, line },
  };
  const relative = (pin: string, relationship: 'spouse' | 'child', born: string) => ({
    fullName: 'Lê Thị Hoa',
    pin,
    relationship,
    dateOfBirth: born,
    survivorEligible: false,
    hasDirectCarer: true,
  });
  const lumpSum = kind === 'death-lump-sum-confirmed';
  const { survivor: _survivor, ...withoutSurvivor } = base;
  const application: DeathApplication = {
    ...withoutSurvivor,
    components: { funeral: true, survivor: lumpSum },
    receivingCommune: commune,
    applicant: { ...base.applicant, pin: spouse },
    deceased: {
      ...base.deceased,
      pin: deceasedPin,
      fullName: 'Lê Văn Bình',
      dateOfBirth: '1950-03-02',
      sex: 'male',
      lastResidence: { commune, line },
    },
    death: { ...base.death, date: died },
    deathNotice: { ...base.deathNotice, issuedOn: died },
    relatives: [relative(spouse, 'spouse', '1955-01-01'), relative(child, 'child', '1980-01-01')],
    funeral: { payment },
    ...(lumpSum && { survivor: { kind: 'lump_sum' as const, payeePin: spouse, payment } }),
  };
  const known =
    kind === 'death-social-protection'
      ? 'assistance'
      : kind === 'death-bank-refused'
        ? 'merit'
        : 'insured';
  const refusals: Refusal[] = [];
  // The one who arranged the funeral (the applicant) is paid: refused at the bank and by post.
  if (kind === 'death-payment-refused')
    refusals.push({
      agency: 'payments',
      rule: { path: 'payee.pin', equals: spouse, status: 422, body: REFUSED.payee },
    });
  if (kind === 'death-bank-refused-other-code')
    refusals.push({
      agency: 'payments',
      rule: { path: 'bankAccount.number', equals: account, status: 422, body: REFUSED.account },
    });
  return {
    index,
    kind,
    application,
    applicantPin: spouse,
    confirmers: lumpSum ? [spouse, child] : [],
    officer: {},
    deceased: { pin: deceasedPin, known },
    refusals,
    door: [],
    expected: EXPECTED[kind],
  };
}
