// What each Group A agency receives, made from the one application and earlier steps' results.
import type { StepRequest } from '../activities/steps';
import type { BirthApplication } from '../domain/BirthApplication';
import type { StepResult } from '../domain/procedures/agency-step.machine';
import {
  registrationTiming,
  type RegistrationTiming,
} from '../domain/procedures/birth-registration.rules';
import type { GroupARules } from '../domain/procedures/birth-residence-insurance.rules';

export function birthRequest(
  app: BirthApplication,
  provinceCode: string,
): Extract<StepRequest, { step: 'birth' }> {
  const { child, mother, father } = app;
  return {
    step: 'birth',
    provinceCode,
    registration: {
      certificateNumber: app.medicalBirthCertificate.number,
      // A substitute document goes to the officer's review, never registered automatically.
      ...(app.medicalBirthCertificate.kind && { evidence: app.medicalBirthCertificate.kind }),
      commune: app.receivingCommune,
      child: { ...child },
      // Absent only for an abandoned child whose parents are unknown (BirthApplication.ts).
      ...(mother && { mother: { ...mother } }),
      ...(father && { father: { ...father } }),
    },
  };
}

export function residenceRequest(app: BirthApplication, birth: StepResult): StepRequest {
  if (!app.residence || !birth.pin)
    throw new Error('residence needs an address and the child’s PIN');
  return {
    step: 'residence',
    registration: {
      pin: birth.pin,
      fullName: app.child.fullName,
      address: app.residence.address,
      householdHeadPin: app.residence.householdHeadPin,
      relationshipToHead: app.residence.relationshipToHead,
    },
  };
}

export function insuranceRequest(app: BirthApplication, birth: StepResult): StepRequest {
  if (!birth.pin || !birth.extractNumber)
    throw new Error('the card needs the child’s PIN and birth extract');
  return {
    step: 'insurance',
    card: {
      pin: birth.pin,
      fullName: app.child.fullName,
      dateOfBirth: app.child.dateOfBirth,
      sex: app.child.sex,
      commune: app.residence?.address.commune ?? app.receivingCommune,
      birthExtractNumber: birth.extractNumber,
      ...(app.insurance && { initialCareFacility: app.insurance.initialCareFacility }),
    },
  };
}

/** The birth's registration against its 60 days on the day received (none in older rule versions). */
export function timingOf(
  app: BirthApplication,
  rules: Partial<Pick<GroupARules, 'onTimeBirthRegistrationDays'>>,
  receivedOn: string,
): RegistrationTiming | undefined {
  if (rules.onTimeBirthRegistrationDays === undefined) return undefined;
  return registrationTiming(
    app.child.dateOfBirth,
    receivedOn,
    rules.onTimeBirthRegistrationDays,
    app.poorHouseholdCertificate !== undefined,
  );
}

/** What an officer sees in the inbox: the dossier's key facts, not the whole form. */
export function taskSummary(
  app: BirthApplication,
  birth?: StepResult,
  /** The birth's registration against its 60 days, for the civil-status officer (fee, late). */
  timing?: RegistrationTiming,
): Record<string, unknown> {
  return {
    ...(timing?.late && { lateRegistration: timing }),
    certificateNumber: app.medicalBirthCertificate.number,
    child: { fullName: app.child.fullName, dateOfBirth: app.child.dateOfBirth, sex: app.child.sex },
    ...(app.mother ? { motherName: app.mother.fullName } : { parentsUnknown: true }),
    ...(birth && { childPin: birth.pin, extractNumber: birth.extractNumber }),
    ...(app.residence && { address: app.residence.address }),
  };
}
