// What a chaos run files and what each case must end as — the oracle's side, written from the
// domain's rules (DOMAIN.md), not read back from the engine: each kind of case, the people it needs in
// the agencies' registers, the officers' and relatives' scripted actions, and the expected end.
import { EXAMPLE_BIRTH_APPLICATION, type BirthApplication } from '../../domain/BirthApplication';
import { EXAMPLE_DEATH_APPLICATION, type DeathApplication } from '../../domain/DeathApplication';

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
] as const;
export type Kind = (typeof KINDS)[number];

/** Communes: births and deaths register automatically in one, wait for the officer in the other. */
export const OFFICER_COMMUNE = '00004';
export const AUTOMATIC_COMMUNE = '00070';

/** What the officers do with a step's task, in order; absent → approve. */
export type OfficerScript = 'approve' | 'supplement-then-approve' | 'supplement-unanswered';

export interface Expected {
  /** The case's final status. */
  status: string;
  /** Every step the case view shows, with its final status. */
  steps: Record<string, string>;
  /** Every step that shows a reason code (StepView.reasonCode), with it: the rejected ones. */
  reasonCodes: Record<string, string>;
  /** Why the case ended without its first record (CaseView.reason.code), when it did. */
  caseReason?: string;
  /**
   * Per payment reference suffix (`funeral`, `survivor`): the one channel it is paid by, or none; and
   * how many transfers the payments system refused in its own table.
   */
  payments: Record<string, { channel: 'bank' | 'post' | 'none'; refused: number }>;
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
  expected: Expected;
}

const done = (...steps: string[]) => Object.fromEntries(steps.map((s) => [s, 'completed']));
const noCodesNoPayments = { reasonCodes: {}, payments: {} };
const paid = (channel: 'bank' | 'post', refused = 0) => ({ channel, refused });

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
};

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A PIN no other case of any run uses: province 001, then the run and the case. */
const pinFor = (run: number, index: number, who: number) =>
  `0019${pad(run % 10_000, 4)}${pad(index * 4 + who, 4)}`.slice(0, 12);

/** Case `index` of run `run`: kinds in turn, so any number of cases covers every kind evenly. */
export function planCase(run: number, index: number, today: string): PlannedCase {
  const kind = KINDS[index % KINDS.length] as Kind;
  const expected = EXPECTED[kind];
  if (kind.startsWith('birth-')) {
    const base = EXAMPLE_BIRTH_APPLICATION;
    const automatic = kind === 'birth-automatic' || kind === 'birth-unknown-address';
    const application: BirthApplication = {
      ...base,
      receivingCommune: automatic ? AUTOMATIC_COMMUNE : OFFICER_COMMUNE,
      child: { ...base.child, dateOfBirth: today },
      medicalBirthCertificate: {
        ...base.medicalBirthCertificate,
        number: `CH-${run}-${index}`,
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
    const script: Record<string, OfficerScript> = {
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
      expected,
    };
  }

  const deceasedPin = pinFor(run, index, 0);
  const spouse = pinFor(run, index, 1);
  const child = pinFor(run, index, 2);
  const base = structuredClone(EXAMPLE_DEATH_APPLICATION);
  const died = new Date(Date.parse(`${today}T00:00:00Z`) - 3 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const commune = kind === 'death-social-protection' ? OFFICER_COMMUNE : AUTOMATIC_COMMUNE;
  const line = commune === OFFICER_COMMUNE ? '12 Phố Đội Cấn' : '5 Phố Hàng Bạc';
  const payment = {
    bankAccount: {
      bank: 'VCB',
      // 0011000999999 is seeded as a closed account.
      number: kind === 'death-bank-refused' ? '0011000999999' : '0011001234567',
    },
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
  return {
    index,
    kind,
    application,
    applicantPin: spouse,
    confirmers: lumpSum ? [spouse, child] : [],
    officer: {},
    deceased: { pin: deceasedPin, known },
    expected,
  };
}
