// Group B's people and filings for tests through the real stack: a deceased person known to the
// agencies (added through the simulators' admin endpoints, with a PIN no other test uses), with the
// relatives the population database knows (by default the example application's spouse and adult
// child, who file and confirm), and an application for them.
import { randomInt } from 'node:crypto';
import {
  participant,
  simulatorsAdmin,
  type KnownPerson,
} from '../../agencies/simulators/admin.client';
import type { InsuredPerson } from '../../agencies/social-insurance.client';
import { pinPrefix, type PinFacts } from '../../domain/personal-id';
import { EXAMPLE_DEATH_APPLICATION, type DeathApplication } from '../../domain/DeathApplication';
import { SIMULATORS_ADMIN_TOKEN } from './auth';

/**
 * A PIN no other test uses, coherent with its holder's sex and year of birth (a filing refuses a PIN
 * that contradicts them: domain/personal-id.ts); by default a man born in 1970. The province code
 * is drawn too, so that 10^8 numbers are left for one holder's facts.
 */
export const uniquePin = (holder: Partial<PinFacts> = {}) => {
  const province = String(1 + randomInt(99)).padStart(3, '0');
  const prefix = pinPrefix({ registeredIn: province, sex: 'male', yearOfBirth: 1970, ...holder });
  return `${prefix}${String(randomInt(1_000_000)).padStart(6, '0')}`;
};

export interface Deceased {
  pin: string;
  fullName: string;
  dateOfBirth: string;
  sex: 'male' | 'female';
  residence: { commune: string; line: string; householdHeadPin: string };
}

const RESIDENCES: Record<string, Deceased['residence']> = {
  '00004': { commune: '00004', line: '12 Phố Đội Cấn', householdHeadPin: '001088054321' },
  '00070': { commune: '00070', line: '5 Phố Hàng Bạc', householdHeadPin: '001075001122' },
};

type Relative = NonNullable<KnownPerson['relatives']>[number];

/** The example application's relatives as the population database records them. */
export const EXAMPLE_RELATIVES: Relative[] = EXAMPLE_DEATH_APPLICATION.relatives.map((r, i) => ({
  pin: r.pin,
  fullName: r.fullName,
  dateOfBirth: r.dateOfBirth,
  sex: i === 0 ? 'female' : 'male',
  relationship: r.relationship,
}));

/**
 * A person with a permanent residence, their relatives in the population database (the example's,
 * unless `relatives` says otherwise) and, as asked, what BHXH, social protection or merit know.
 */
export async function addDeceased(
  simulatorsUrl: string,
  known: {
    insured?: Omit<InsuredPerson, 'pin'>;
    assistance?: boolean;
    meritCategory?: string;
    commune?: string;
    relatives?: Relative[];
  } = {},
): Promise<Deceased> {
  const deceased: Deceased = {
    pin: uniquePin({ sex: 'male', yearOfBirth: 1950 }),
    fullName: 'Lê Văn Bình',
    dateOfBirth: '1950-03-02',
    sex: 'male',
    residence:
      RESIDENCES[known.commune ?? '00004'] ?? (RESIDENCES['00004'] as Deceased['residence']),
  };
  await simulatorsAdmin(simulatorsUrl, SIMULATORS_ADMIN_TOKEN).registerPerson({
    ...deceased,
    ...known,
    relatives: known.relatives ?? EXAMPLE_RELATIVES,
  });
  return deceased;
}

export { participant };

/** Days before `date` (YYYY-MM-DD). */
export const daysBefore = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/** A filing for `deceased`, who died `daysAgo` days before `today`; funeral only unless changed. */
export function aDeathApplication(
  deceased: Deceased,
  today: string,
  daysAgo = 3,
  changes: Partial<DeathApplication> = {},
): DeathApplication {
  const base = structuredClone(EXAMPLE_DEATH_APPLICATION);
  const died = daysBefore(today, daysAgo);
  const { survivor: _survivor, ...withoutSurvivor } = base;
  return {
    ...withoutSurvivor,
    components: { funeral: true, survivor: false },
    receivingCommune: deceased.residence.commune,
    deceased: {
      ...base.deceased,
      pin: deceased.pin,
      fullName: deceased.fullName,
      dateOfBirth: deceased.dateOfBirth,
      sex: deceased.sex,
      lastResidence: { commune: deceased.residence.commune, line: deceased.residence.line },
    },
    death: { ...base.death, date: died },
    deathNotice: { ...base.deathNotice, issuedOn: died },
    ...changes,
  };
}

/**
 * Records an application's named relatives as the deceased's relatives in the population database,
 * with the dates of birth typed in it: for tests that name relatives of their own.
 */
export async function registerRelatives(
  simulatorsUrl: string,
  application: Pick<DeathApplication, 'deceased' | 'relatives'>,
): Promise<void> {
  const admin = simulatorsAdmin(simulatorsUrl, SIMULATORS_ADMIN_TOKEN);
  for (const r of application.relatives)
    await admin.addRelative(application.deceased.pin, {
      pin: r.pin,
      fullName: r.fullName,
      dateOfBirth: r.dateOfBirth,
      sex: r.relationship === 'spouse' ? 'female' : 'male',
      relationship: r.relationship,
    });
}
