// What a generated world (real-stack-world.ts) means on the real stack: the application filed, with
// values no other case uses (so the agencies' fault rules, matched on a field of the request body,
// hit this case only); where each step's task lives; the fault rules; and how many records each
// agency effect of the case left in the agencies' own tables.
import type { FaultConfig } from '../../agencies/simulators/framework/faults';
import type { BirthApplication } from '../../domain/BirthApplication';
import { vietnamDate } from '../../domain/calendar/vietnam';
import type { DeathApplication } from '../../domain/DeathApplication';
import type { Agency } from '../../domain/principal';
import type { CaseView } from '../../domain/procedures/views';
import { aBirthApplication } from '../fixtures/birth-application';
import { uniqueCertificate, uniqueChildName } from '../support/group-a';
import {
  addDeceased,
  aDeathApplication,
  participant,
  registerRelatives,
  uniquePin,
} from '../support/group-b';
import type { TestStack } from '../support/stack';
import type {
  Batch,
  Behaviour,
  BirthWorld,
  CaseWorld,
  DeathWorld,
  Payment,
} from './real-stack-world';

/** Civil status waits for its officer in this commune and registers at once in the other. */
export const COMMUNE_OF_REVIEW = { officer: '00004', automatic: '00070' } as const;
/** A seeded address the police verify before registering anyone there (their officer decides). */
const VERIFIED_ADDRESS = {
  address: { commune: '09877', line: 'Thôn Đông Xuân' },
  householdHeadPin: '001082003344',
  relationshipToHead: 'con',
};

type FaultRule = FaultConfig['rules'][number];
/** Fault rules by simulated agency (payments included, which is no officer's agency). */
type Rules = Record<string, FaultRule[]>;

export interface PreparedCase {
  world: CaseWorld;
  application: BirthApplication | DeathApplication;
  /** The receiving commune: its clerk files, and most steps' tasks live there. */
  commune: string;
  applicantPin: string;
  /** Group B: the adult relatives who must confirm the lump sum's payee (the child is the payee). */
  relatives?: { spouse: string; child: string };
  /** The commune whose officers hold each step's task. */
  jurisdictionOf: (step: string) => string;
  rules: Rules;
  /** Agency records per effect (see Observation.effects), given the case as its workflow shows it. */
  effects: (stack: TestStack, caseId: string, view: CaseView) => Promise<Record<string, number>>;
}

/** A fault rule answering the request whose `path` equals `equals` as `behaviour` says. */
function refusal(path: string, equals: string, behaviour: Behaviour): FaultRule[] {
  if (behaviour.kind === 'ok') return [];
  return behaviour.kind === 'bad_request'
    ? [
        {
          path,
          equals,
          status: 400,
          body: { code: 'AGENCY.INVALID_REQUEST', reason: 'the request is malformed (injected)' },
        },
      ]
    : [{ path, equals, status: 422, body: { code: behaviour.code, reason: 'refused (injected)' } }];
}

function paymentRule(payeePin: string, payment: Payment): FaultRule[] {
  if (payment === 'paid') return [];
  const rule = { path: 'payee.pin', equals: payeePin, status: 422 };
  return payment === 'bank_refused'
    ? [{ ...rule, times: 1, body: { code: 'PAYMENTS.ACCOUNT_FROZEN', reason: 'account frozen' } }]
    : [
        {
          ...rule,
          body: { code: 'PAYMENTS.REFUSED', reason: 'the payee is under a court freeze' },
        },
      ];
}

async function count(stack: TestStack, sql: string, value: string | undefined): Promise<number> {
  if (value === undefined) return 0;
  const { rows } = await stack.database.db.query<{ n: number }>(sql, [value]);
  return rows[0]?.n ?? 0;
}

function prepareBirth(world: BirthWorld): PreparedCase {
  const base = aBirthApplication(uniqueCertificate());
  const commune = COMMUNE_OF_REVIEW[world.review];
  const child = { ...base.child, fullName: uniqueChildName() };
  const application: BirthApplication = {
    ...base,
    receivingCommune: commune,
    components: world.chosen,
    child,
    ...(world.residence.kind === 'verification' && { residence: VERIFIED_ADDRESS }),
  };
  const residenceCommune = application.residence?.address.commune ?? commune;
  const insurance = world.insurance;
  return {
    world,
    application,
    commune,
    applicantPin: base.applicant.pin,
    jurisdictionOf: (step) => (step === 'birth' ? commune : residenceCommune),
    rules: {
      'civil-status': refusal('child.fullName', child.fullName, world.birth),
      police:
        world.residence.kind === 'verification'
          ? []
          : refusal('fullName', child.fullName, world.residence),
      'social-insurance':
        insurance.kind === 'returned'
          ? [
              {
                path: 'fullName',
                equals: child.fullName,
                status: 422,
                times: insurance.times,
                body: {
                  code: 'SOCIAL_INSURANCE.BIRTH_DATA_DEFECT',
                  reason: 'họ tên không khớp dữ liệu hộ tịch',
                  returnTo: 'civil-status',
                },
              },
            ]
          : refusal('fullName', child.fullName, insurance),
    },
    effects: async (stack, _caseId, view) => {
      const pin = view.steps.find((s) => s.step === 'birth')?.result?.pin;
      return {
        birth: await count(
          stack,
          `SELECT count(*)::int AS n FROM sim_civil_status.birth_registrations
            WHERE certificate_number = $1 AND status = 'registered'`,
          application.medicalBirthCertificate.number,
        ),
        residence: await count(
          stack,
          `SELECT count(*)::int AS n FROM sim_police.residence_registrations
            WHERE pin = $1 AND status = 'registered'`,
          pin,
        ),
        insurance: await count(
          stack,
          'SELECT count(*)::int AS n FROM sim_social_insurance.cards WHERE pin = $1',
          pin,
        ),
      };
    },
  };
}

const PENSIONER = {
  ...participant(300),
  pensioner: true,
  monthlyPensionVnd: 6_500_000,
  retiredOn: '2020-04-01',
};

async function prepareDeath(stack: TestStack, world: DeathWorld): Promise<PreparedCase> {
  const commune = COMMUNE_OF_REVIEW[world.review];
  const deceased = await addDeceased(stack.simulatorsUrl, {
    commune,
    relatives: [],
    ...(world.deceased === 'assisted'
      ? { assistance: true }
      : { insured: world.deceased === 'pensioner' ? PENSIONER : participant(14) }),
  });
  const [spouse, child] = [
    uniquePin({ sex: 'female', yearOfBirth: 1955 }),
    uniquePin({ yearOfBirth: 1980 }),
  ];
  const base = aDeathApplication(deceased, vietnamDate(Date.now()));
  const relative = (pin: string, relationship: 'spouse' | 'child', born: string) => ({
    fullName: relationship === 'spouse' ? 'Lê Thị Hoa' : 'Lê Minh Khoa',
    pin,
    relationship,
    dateOfBirth: born,
    survivorEligible: false,
    hasDirectCarer: true,
  });
  const payment = base.funeral?.payment ?? {
    postAddress: { commune, line: deceased.residence.line },
  };
  const application: DeathApplication = {
    ...base,
    applicant: { ...base.applicant, pin: spouse },
    relatives: [relative(spouse, 'spouse', '1955-01-01'), relative(child, 'child', '1980-01-01')],
    components: { funeral: true, survivor: world.survivor !== undefined },
    ...(world.survivor && { survivor: { kind: 'lump_sum', payeePin: child, payment } }),
  };
  // The population database knows both as the deceased's relatives (they file, confirm, are paid).
  await registerRelatives(stack.simulatorsUrl, application);
  const payer: Agency = world.deceased === 'assisted' ? 'social-protection' : 'social-insurance';
  const rules: Rules = {
    'civil-status': refusal('deceased.pin', deceased.pin, world.death),
    police: refusal('pin', deceased.pin, world.removal),
    payments: [
      ...paymentRule(spouse, world.funeral.payment),
      ...(world.survivor ? paymentRule(child, world.survivor.payment) : []),
    ],
  };
  rules[payer] = refusal('claimant.pin', spouse, world.funeral.claim);
  if (world.survivor)
    rules['social-insurance'] = [
      ...(rules['social-insurance'] ?? []),
      ...refusal('payeePin', child, world.survivor.claim),
    ];
  const funeralTable =
    payer === 'social-protection'
      ? `sim_social_protection.funeral_supports WHERE pin = $1 AND status IN ('granted', 'revoked')`
      : 'sim_social_insurance.funeral_decisions WHERE pin = $1';
  const money = async (stack: TestStack, reference: string) => ({
    paid: await count(
      stack,
      `SELECT count(*)::int AS n FROM sim_payments.payments WHERE reference = $1 AND status = 'paid'`,
      reference,
    ),
    reclaim: await count(
      stack,
      `SELECT count(*)::int AS n FROM sim_payments.reclaims r
         JOIN sim_payments.payments p ON p.payment_ref = r.payment_ref WHERE p.reference = $1`,
      reference,
    ),
  });
  return {
    world,
    application,
    commune,
    applicantPin: spouse,
    relatives: { spouse, child },
    jurisdictionOf: () => commune,
    rules,
    effects: async (stack, caseId) => {
      const deceasedCount = (sql: string) => count(stack, sql, deceased.pin);
      const funeral = await money(stack, `${caseId}:funeral`);
      const survivor = await money(stack, `${caseId}:survivor`);
      return {
        death: await deceasedCount(
          `SELECT count(*)::int AS n FROM sim_civil_status.death_registrations
            WHERE deceased_pin = $1 AND status IN ('registered', 'annulled')`,
        ),
        'residence-removal': await deceasedCount(
          'SELECT count(*)::int AS n FROM sim_police.residence_removals WHERE pin = $1',
        ),
        funeral: await deceasedCount(`SELECT count(*)::int AS n FROM ${funeralTable}`),
        'funeral:paid': funeral.paid,
        'funeral:reclaim': funeral.reclaim,
        survivor: await deceasedCount(
          'SELECT count(*)::int AS n FROM sim_social_insurance.survivor_decisions WHERE pin = $1',
        ),
        'survivor:paid': survivor.paid,
        'survivor:reclaim': survivor.reclaim,
        'pension-stop': await deceasedCount(
          'SELECT count(*)::int AS n FROM sim_social_insurance.pension_stops WHERE pin = $1',
        ),
      };
    },
  };
}

export const prepare = (stack: TestStack, world: CaseWorld): Promise<PreparedCase> =>
  world.procedure === 'birth-residence-insurance'
    ? Promise.resolve(prepareBirth(world))
    : prepareDeath(stack, world);

const FAULTY = ['civil-status', 'police', 'social-insurance', 'social-protection', 'payments'];

/**
 * The agencies' faults for one batch: every case's rules (each matches only its own case), and the
 * batch's retryable faults, met by whichever requests come first. Earlier batches' rules are gone:
 * their cases have ended or wait on people, and make no more agency calls.
 */
export function setFaults(stack: TestStack, batch: Batch, cases: PreparedCase[]): void {
  for (const agency of FAULTY) {
    const rules = cases.flatMap((c) => c.rules[agency] ?? []);
    const transient = batch.transient.find((t) => t.agency === agency);
    stack.faults.set(agency, {
      rules,
      ...(transient && { fail5xx: transient.fail5xx, fail429: transient.fail429 }),
    });
  }
}
