// What each Group B agency receives, made from the one application and earlier steps' results.
import type { StepRequest } from '../activities/steps';
import type { DeathApplication } from '../domain/DeathApplication';
import type { StepResult } from '../domain/procedures/agency-step.machine';
import type { FuneralPayer, InsuredFacts } from '../domain/procedures/death-benefits.rules';
import type { SurvivorEligibility } from '../domain/procedures/survivor-eligibility';
import type { FilerVerification } from '../domain/relatives';

type Request<S extends StepRequest['step']> = Extract<StepRequest, { step: S }>;

const extractOf = (death: StepResult) => {
  if (!death.extractNumber) throw new Error('the later steps need the death extract');
  return death.extractNumber;
};

export function deathRequest(app: DeathApplication): Request<'death'> {
  const { deceased, death, deathNotice, applicant } = app;
  return {
    step: 'death',
    registration: {
      commune: app.receivingCommune,
      deceased: {
        pin: deceased.pin,
        fullName: deceased.fullName,
        dateOfBirth: deceased.dateOfBirth,
        sex: deceased.sex,
      },
      death: { date: death.date, place: death.place, cause: death.cause },
      notice: { ...deathNotice },
      declarant: {
        fullName: applicant.fullName,
        pin: applicant.pin,
        relationship: applicant.relationship,
      },
    },
  };
}

export function removalRequest(
  app: DeathApplication,
  death: StepResult,
): Request<'residence-removal'> {
  return {
    step: 'residence-removal',
    removal: {
      pin: app.deceased.pin,
      deathExtractNumber: extractOf(death),
      dateOfDeath: app.death.date,
    },
  };
}

export function pensionStopRequest(
  app: DeathApplication,
  death: StepResult,
): Request<'pension-stop'> {
  return {
    step: 'pension-stop',
    stop: {
      pin: app.deceased.pin,
      dateOfDeath: app.death.date,
      deathExtractNumber: extractOf(death),
    },
  };
}

export function funeralRequest(
  app: DeathApplication,
  death: StepResult,
  payer: FuneralPayer,
  amountVnd: number,
  /** Since benefits-by-law: the day the claim was filed, for the payer's own filing limit. */
  filedOn?: string,
): Request<'funeral'> {
  if (!app.funeral) throw new Error('the funeral allowance was not claimed');
  const { applicant } = app;
  const claimant = { fullName: applicant.fullName, pin: applicant.pin };
  return {
    step: 'funeral',
    payer,
    claim: {
      pin: app.deceased.pin,
      deathExtractNumber: extractOf(death),
      dateOfDeath: app.death.date,
      amountVnd,
      claimant,
      ...(filedOn && { filedOn }),
      ...(filedOn &&
        app.funeral.lateExplanation && { lateExplanation: app.funeral.lateExplanation }),
    },
    // The person who arranged the funeral is paid (DOMAIN.md §3B).
    payout: { payee: claimant, ...app.funeral.payment },
  };
}

export function survivorRequest(
  app: DeathApplication,
  death: StepResult,
  decision:
    | { kind: 'lump_sum'; amountVnd: number }
    | { kind: 'monthly'; perRelative: { pin: string; amountVnd: number }[] },
): Request<'survivor'> {
  const base = {
    pin: app.deceased.pin,
    deathExtractNumber: extractOf(death),
    dateOfDeath: app.death.date,
  };
  if (decision.kind === 'monthly') {
    return { step: 'survivor', claim: { ...base, kind: 'monthly', monthly: decision.perRelative } };
  }
  const payee = app.relatives.find((r) => r.pin === app.survivor?.payeePin);
  const payment = app.survivor?.payment;
  if (!payee || !payment) throw new Error('a lump sum needs its payee and payment');
  return {
    step: 'survivor',
    claim: { ...base, kind: 'lump_sum', amountVnd: decision.amountVnd, payeePin: payee.pin },
    payout: { payee: { fullName: payee.fullName, pin: payee.pin }, ...payment },
  };
}

/**
 * What an officer sees in the inbox: the dossier's key facts, not the whole form. With `filer` (cases
 * filed since issue 19): who filed and whether the population database knows them as a relative; on
 * the funeral allowance, who is paid — the person who organised the funeral (DOMAIN.md §3B) — and
 * whether they are a verified relative (if not, the payer's officer decides before anything is paid).
 */
export function deathTaskSummary(
  app: DeathApplication,
  death?: StepResult,
  claim?: { amountVnd: number; basis: string },
  filer?: FilerVerification,
): Record<string, unknown> {
  return {
    deceased: {
      fullName: app.deceased.fullName,
      dateOfBirth: app.deceased.dateOfBirth,
      sex: app.deceased.sex,
    },
    dateOfDeath: app.death.date,
    notice: { kind: app.deathNotice.kind, number: app.deathNotice.number },
    lastResidence: app.deceased.lastResidence,
    ...(death?.extractNumber && { extractNumber: death.extractNumber }),
    ...(claim && { amountVnd: claim.amountVnd, basis: claim.basis }),
    ...(filer && {
      filer: {
        fullName: app.applicant.fullName,
        pin: filer.pin,
        relationship: filer.registered ?? filer.declared,
        declaredRelationship: filer.declared,
        verified: filer.verified,
        filedBy: filer.filedBy,
      },
    }),
    ...(filer &&
      claim &&
      app.funeral && {
        funeralPayee: {
          fullName: app.applicant.fullName,
          pin: app.applicant.pin,
          organisedFuneral: true,
          verifiedRelative: filer.verified,
        },
      }),
  };
}

/**
 * What the funeral decision rests on, and where each fact was checked (issue 20): the officer sees
 * which registry said what, not only the amount.
 */
export function registriesChecked(
  insured: InsuredFacts | null,
  assisted: boolean,
  meritorious: boolean,
): Record<string, unknown> {
  return {
    'social-insurance': insured
      ? {
          compulsoryMonths: insured.compulsoryMonths,
          voluntaryMonths: insured.voluntaryMonths,
          pensioner: insured.pensioner,
        }
      : 'no record',
    'social-protection': assisted ? 'on monthly social assistance' : 'no record',
    'merit-services': meritorious ? 'a person with meritorious service' : 'no record',
  };
}

/**
 * What the survivor allowance rests on (issue 20): the deceased's insurance history from BHXH's
 * records, and for a monthly allowance each relative as the population database records them, with
 * whether and why they qualify.
 */
export function checkedFacts(
  insured: InsuredFacts | null,
  relatives?: readonly SurvivorEligibility[],
): Record<string, unknown> {
  return {
    insuranceHistory: insured
      ? {
          source: 'social-insurance records',
          compulsoryMonths: insured.compulsoryMonths,
          voluntaryMonths: insured.voluntaryMonths,
          monthsBefore2014: insured.monthsBefore2014 ?? 0,
          pensioner: insured.pensioner,
          ...(insured.retiredOn && { retiredOn: insured.retiredOn }),
        }
      : { source: 'social-insurance records', insured: false },
    ...(relatives && {
      relatives: relatives.map((r) => ({
        pin: r.pin,
        relationship: r.relationship,
        ageAtDeath: r.ageAtDeath,
        eligible: r.survivorEligible,
        hasDirectCarer: r.hasDirectCarer,
        source: 'population database',
        why: r.why,
      })),
    }),
  };
}
