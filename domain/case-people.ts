// The people a case names, for finding it (issue 22): whom it is about first (the child, the
// deceased), then who filed it and who else it names, each with their PIN where the form gives one.
// Taken from the application as filed; searched by PIN or by name without accents.
import type { BirthApplication } from './BirthApplication';
import type { DeathApplication } from './DeathApplication';

export interface CasePerson {
  role: 'child' | 'deceased' | 'applicant' | 'mother' | 'father' | 'relative';
  fullName: string;
  pin?: string;
}

export function peopleOf(app: BirthApplication | DeathApplication): CasePerson[] {
  const person = (role: CasePerson['role'], p: { fullName: string; pin?: string | undefined }) => ({
    role,
    fullName: p.fullName,
    ...(p.pin && { pin: p.pin }),
  });
  if (app.procedure === 'birth-residence-insurance')
    return [
      person('child', app.child),
      person('applicant', app.applicant),
      ...(app.mother ? [person('mother', app.mother)] : []),
      ...(app.father ? [person('father', app.father)] : []),
    ];
  return [
    person('deceased', app.deceased),
    person('applicant', app.applicant),
    ...app.relatives.map((r) => person('relative', r)),
  ];
}

/**
 * How the read model finds a case (`cases.business_key`, `cases.party_pins`): by its business key
 * (the medical birth certificate, the deceased's PIN) and by every person who may follow it as a
 * citizen — the applicant, the parents, the named relatives; a foreign parent identified by passport
 * has no PIN to follow it by. Written first by the API when it files the case, then by the workflow.
 */
export function readModelKeys(app: BirthApplication | DeathApplication): {
  businessKey: string;
  partyPins: string[];
} {
  if (app.procedure === 'birth-residence-insurance')
    return {
      businessKey: app.medicalBirthCertificate.number,
      partyPins: [app.applicant.pin, app.mother?.pin, app.father?.pin].filter(
        (pin): pin is string => pin !== undefined,
      ),
    };
  return {
    businessKey: app.deceased.pin,
    partyPins: [app.applicant.pin, ...app.relatives.map((r) => r.pin)],
  };
}
