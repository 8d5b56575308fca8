// The worlds the real-stack property generates (issue 18): per case, the procedure and the steps
// chosen, how each agency behaves towards that case (success, a permanent 400, a business refusal
// with a code, a review by its officer, BHXH returning the card to civil status, payments refused at
// the bank or everywhere), and what the people do (officers' decisions, the applicant's answers to
// requests for supplement and withdrawal, the relatives' confirmations of the payee, an annulment);
// per batch, a few retryable faults (503, 429) shared by whichever case meets them first.
import fc from 'fast-check';
import { OfficerDecision } from '../../domain/procedures/agency-step.machine';

export type Behaviour =
  | { kind: 'ok' }
  /** 400: the agency refuses the request itself (AGENCY.BAD_REQUEST, never retried). */
  | { kind: 'bad_request' }
  /** 422 with the agency's own code: a business refusal. */
  | { kind: 'refused'; code: string };

export type SupplementAct = 'answer' | 'lapse';
/** A relative confirms the payee (spouse or child), names another payee (422), or the declaration. */
export type PayeeAct = 'spouse_confirms' | 'child_confirms' | 'child_names_spouse' | 'declaration';
/** The funeral allowance is paid, refused by the bank (paid by post), or refused everywhere. */
export type Payment = 'paid' | 'bank_refused' | 'refused';

interface People {
  /** Per step that waits for its officer, the officer's decisions in order; none once they run out. */
  officers: Record<string, OfficerDecision[]>;
  /** What the applicant does with each request for supplement, in order (lapse once they run out). */
  supplements: SupplementAct[];
  /** The applicant withdraws after this many acts of anyone; never when undefined. */
  withdrawAfter?: number;
}

export interface BirthWorld extends People {
  procedure: 'birth-residence-insurance';
  /** Civil status of the receiving commune registers at once, or waits for its officer. */
  review: 'officer' | 'automatic';
  chosen: { residence: boolean; insurance: boolean };
  birth: Behaviour;
  /** verification: an address the police verify, so their officer decides. */
  residence: Behaviour | { kind: 'verification' };
  /** returned: BHXH sends the file back to civil status (422 with returnTo) this many times. */
  insurance: Behaviour | { kind: 'returned'; times: number };
}

export interface DeathWorld extends People {
  procedure: 'death-residence-funeral';
  review: 'officer' | 'automatic';
  /** Who pays the funeral allowance: BHXH (a pensioner also has the pension stopped) or the commune. */
  deceased: 'insured' | 'pensioner' | 'assisted';
  death: Behaviour;
  removal: Behaviour;
  funeral: { claim: Behaviour; payment: Payment };
  /** A lump-sum survivor allowance to the adult child, once the relatives confirm the payee. */
  survivor?: { claim: Behaviour; payment: Payment; payee: PayeeAct[] };
  /** A court annuls the declaration of death once the case has finished. */
  annul: boolean;
}

export type CaseWorld = BirthWorld | DeathWorld;

export interface TransientFaults {
  agency: 'civil-status' | 'police' | 'social-insurance' | 'payments';
  fail5xx: number;
  fail429: number;
}

export interface Batch {
  cases: CaseWorld[];
  transient: TransientFaults[];
}

const behaviour = (codes: string[]): fc.Arbitrary<Behaviour> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constant({ kind: 'ok' as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'bad_request' as const }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...codes).map((code) => ({ kind: 'refused' as const, code })),
    },
  );

/** Approvals weigh more, so that cases often get past their first step. */
const decision = fc.oneof(
  ...OfficerDecision.map((d) => ({
    weight: d === 'approve' ? 4 : d === 'request_supplement' ? 2 : 1,
    arbitrary: fc.constant(d),
  })),
);

const people = (reviewed: string[]) =>
  fc.record({
    officers: fc.record(
      Object.fromEntries(reviewed.map((step) => [step, fc.array(decision, { maxLength: 4 })])),
    ),
    supplements: fc.array(fc.constantFrom<SupplementAct>('answer', 'answer', 'lapse'), {
      maxLength: 3,
    }),
    withdrawAfter: fc.oneof(
      { weight: 2, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.nat(4) },
    ),
  });

const birthWorld: fc.Arbitrary<BirthWorld> = fc
  .record({
    procedure: fc.constant('birth-residence-insurance' as const),
    review: fc.constantFrom('officer' as const, 'automatic' as const),
    chosen: fc
      .record({ residence: fc.boolean(), insurance: fc.boolean() })
      .filter((c) => c.residence || c.insurance),
    birth: behaviour(['CIVIL_STATUS.PARENTS_UNKNOWN', 'CIVIL_STATUS.LATE_REGISTRATION']),
    residence: fc.oneof(
      behaviour(['RESIDENCE.ADDRESS_UNKNOWN', 'RESIDENCE.HOUSEHOLD_HEAD_MISMATCH']),
      fc.constant({ kind: 'verification' as const }),
    ),
    insurance: fc.oneof(
      behaviour(['SOCIAL_INSURANCE.UNKNOWN_FACILITY', 'SOCIAL_INSURANCE.CARD_EXISTS']),
      fc.integer({ min: 1, max: 3 }).map((times) => ({ kind: 'returned' as const, times })),
    ),
  })
  .chain((w) => people(['birth', 'residence']).map((p) => ({ ...w, ...p })));

const payment = fc.constantFrom<Payment>('paid', 'paid', 'bank_refused', 'refused');

const deathWorld: fc.Arbitrary<DeathWorld> = fc
  .record({
    procedure: fc.constant('death-residence-funeral' as const),
    review: fc.constantFrom('officer' as const, 'automatic' as const),
    deceased: fc.constantFrom('insured' as const, 'pensioner' as const, 'assisted' as const),
    death: behaviour(['CIVIL_STATUS.DEATH_NOTICE_INVALID']),
    removal: behaviour(['RESIDENCE.NOT_REGISTERED']),
    funeral: fc.record({
      claim: behaviour(['SOCIAL_INSURANCE.NOT_INSURED', 'BENEFITS.ALREADY_SUPPORTED']),
      payment,
    }),
    survivor: fc.option(
      fc.record({
        claim: behaviour(['SOCIAL_INSURANCE.ALREADY_GRANTED']),
        payment,
        payee: fc.array(
          fc.constantFrom<PayeeAct>(
            'spouse_confirms',
            'child_confirms',
            'child_names_spouse',
            'declaration',
          ),
          { maxLength: 3 },
        ),
      }),
      { nil: undefined },
    ),
    annul: fc.boolean(),
  })
  // payee-declaration: the BHXH officer who verifies a relatives' declaration (Form 09-HSB).
  .chain((w) => people(['death', 'funeral', 'payee-declaration']).map((p) => ({ ...w, ...p })));

export const batch = (maxCases: number): fc.Arbitrary<Batch> =>
  fc.record({
    cases: fc.array(fc.oneof(birthWorld, deathWorld), {
      minLength: Math.ceil(maxCases / 2),
      maxLength: maxCases,
    }),
    transient: fc.uniqueArray(
      fc.record({
        agency: fc.constantFrom(
          'civil-status' as const,
          'police' as const,
          'social-insurance' as const,
          'payments' as const,
        ),
        fail5xx: fc.integer({ min: 0, max: 2 }),
        fail429: fc.integer({ min: 0, max: 1 }),
      }),
      { maxLength: 2, selector: (t) => t.agency },
    ),
  });
