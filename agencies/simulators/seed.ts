// Reference data every simulator starts with (idempotent): households at the demo addresses, a
// collective household and an address that needs police verification, and health facilities; for
// Group B, four people who may die in the demo (each known to the body that pays their funeral
// allowance) with their relatives in the population database's family records (who may file their
// death, who must confirm a lump sum's payee), the Group A demo's parents with their particulars, and
// a closed bank account. Tests add their own through the admin endpoints.
import type { Db } from '../../db/pool';
import { DEMO_COMMUNES } from '../../domain/communes';
import { addMeritoriousPerson } from './merit-services.routes';
import { addClosedAccount, type ClosedAccount } from './payments.routes';
import { addHousehold, addResident, type Household } from './police.routes';
import {
  addCapacityAssessment,
  addCareRecord,
  addCitizen,
  addFamilyRelation,
  type CapacityAssessment,
  type CareRecord,
  type CitizenRecord,
  type FamilyRelation,
} from './population.routes';
import { addFacility, addInsuredPerson, type InsuredPerson } from './social-insurance.routes';
import { addAssistanceRecipient, type AssistanceRecipient } from './social-protection.routes';

export const SEED_HOUSEHOLDS: readonly Household[] = [
  {
    commune: '00004',
    line: '12 Phố Đội Cấn',
    headPin: '001088054321',
    kind: 'family',
    needsVerification: false,
  },
  {
    commune: '00070',
    line: '5 Phố Hàng Bạc',
    headPin: '001075001122',
    kind: 'family',
    needsVerification: false,
  },
  {
    commune: '00256',
    line: 'Ký túc xá Mễ Trì',
    headPin: '001070009988',
    kind: 'collective',
    needsVerification: false,
  },
  {
    commune: '09877',
    line: 'Thôn Đông Xuân',
    headPin: '001082003344',
    kind: 'family',
    needsVerification: true,
  },
  {
    commune: '26734',
    line: '45 Đường Lê Lợi',
    headPin: '079085006677',
    kind: 'family',
    needsVerification: false,
  },
];

/** A person of the Group B demo, living at a seeded address, with what each agency knows of them. */
export interface SeedPerson {
  pin: string;
  fullName: string;
  dateOfBirth: string;
  sex: 'male' | 'female';
  residence: { commune: string; line: string; householdHeadPin: string };
  /** BHXH's record (contributions, pension), if ever insured. */
  insured?: Omit<InsuredPerson, 'pin'>;
  /** On monthly social assistance. */
  assistance?: Omit<AssistanceRecipient, 'pin'>;
  /** A person with meritorious service, of this category. */
  meritCategory?: string;
}

export const SEED_DECEASED = {
  /** Insured with BHXH (14 compulsory months): BHXH pays the funeral allowance. */
  insured: {
    pin: '001060000101',
    fullName: 'Lê Văn Bình',
    dateOfBirth: '1960-03-02',
    sex: 'male',
    residence: { commune: '00004', line: '12 Phố Đội Cấn', householdHeadPin: '001088054321' },
    insured: {
      compulsoryMonths: 14,
      voluntaryMonths: 0,
      monthsBefore2014: 0,
      averageSalaryVnd: 7_500_000,
      pensioner: false,
      monthlyInsuranceAllowance: false,
      occupationalDeath: false,
    },
  },
  /** Never insured, on monthly social assistance: social protection pays (after an officer decides). */
  assisted: {
    pin: '001145000202',
    fullName: 'Phạm Thị Cúc',
    dateOfBirth: '1945-07-15',
    sex: 'female',
    residence: { commune: '00070', line: '5 Phố Hàng Bạc', householdHeadPin: '001075001122' },
    assistance: { monthlyAssistance: true, since: '2015-01-01' },
  },
  /** A pensioner: BHXH pays the funeral allowance and stops the pension. */
  pensioner: {
    pin: '079050000303',
    fullName: 'Trần Văn Dũng',
    dateOfBirth: '1950-01-20',
    sex: 'male',
    residence: { commune: '26734', line: '45 Đường Lê Lợi', householdHeadPin: '079085006677' },
    insured: {
      compulsoryMonths: 300,
      voluntaryMonths: 0,
      // 25 years to April 2020: 225 months before 2014 (1.5 months a year in a lump sum, not 2).
      monthsBefore2014: 225,
      averageSalaryVnd: 9_000_000,
      pensioner: true,
      monthlyPensionVnd: 6_500_000,
      retiredOn: '2020-04-01',
      monthlyInsuranceAllowance: false,
      occupationalDeath: false,
    },
  },
  /** A war invalid, never insured: merit services pays. */
  meritorious: {
    pin: '001048000404',
    fullName: 'Hoàng Văn Em',
    dateOfBirth: '1948-05-05',
    sex: 'male',
    residence: { commune: '00004', line: '12 Phố Đội Cấn', householdHeadPin: '001088054321' },
    meritCategory: 'thương binh',
  },
} as const satisfies Record<string, SeedPerson>;

/**
 * The seeded deceased people's relatives in the population database. The BHXH participant's are the
 * spouse and adult child of EXAMPLE_DEATH_APPLICATION (domain/DeathApplication.ts), who file and
 * confirm in `make demo`.
 */
export const SEED_RELATIVES: readonly FamilyRelation[] = [
  {
    pin: SEED_DECEASED.insured.pin,
    relative: {
      pin: '001162000111',
      fullName: 'Lê Thị Hoa',
      dateOfBirth: '1962-08-09',
      sex: 'female',
      relationship: 'spouse',
    },
  },
  {
    pin: SEED_DECEASED.insured.pin,
    relative: {
      pin: '001090000222',
      fullName: 'Lê Minh Khoa',
      dateOfBirth: '1990-01-12',
      sex: 'male',
      relationship: 'child',
    },
  },
  {
    pin: SEED_DECEASED.assisted.pin,
    relative: {
      pin: '001070000212',
      fullName: 'Phạm Văn Đức',
      dateOfBirth: '1970-02-14',
      sex: 'male',
      relationship: 'child',
    },
  },
  {
    pin: SEED_DECEASED.pensioner.pin,
    relative: {
      pin: '079153000313',
      fullName: 'Nguyễn Thị Lan',
      dateOfBirth: '1953-06-01',
      sex: 'female',
      relationship: 'spouse',
    },
  },
  {
    pin: SEED_DECEASED.meritorious.pin,
    relative: {
      pin: '001175000414',
      fullName: 'Hoàng Thị Mai',
      dateOfBirth: '1975-09-09',
      sex: 'female',
      relationship: 'child',
    },
  },
];

/**
 * What the population database records of the seeded relatives for a survivor's eligibility (issue
 * 20): the pensioner's widow lives alone, with no direct carer (the 70 % share), and the war invalid's
 * daughter has lost 81 % of her work capacity (a monthly survivor at any age).
 */
export const SEED_CARE_RECORDS: readonly CareRecord[] = [
  { pin: '079153000313', hasDirectCarer: false, recordedOn: '2024-01-15' },
];
export const SEED_CAPACITY_ASSESSMENTS: readonly CapacityAssessment[] = [
  { pin: '001175000414', lossPercent: 81, assessedOn: '2022-06-01' },
];

/** A closed bank account: a transfer to it is refused (PAYMENTS.INVALID_ACCOUNT). */
/**
 * The Group A demo's parents (EXAMPLE_BIRTH_APPLICATION) as the population database knows them: a desk
 * typing either PIN gets the rest of their particulars filled in.
 */
export const SEED_CITIZENS: readonly CitizenRecord[] = [
  {
    pin: '001190012345',
    fullName: 'Trần Thị Mai',
    dateOfBirth: '1990-04-12',
    sex: 'female',
    ethnicityCode: '01',
    nationality: 'VN',
    residence: { commune: '00004', line: '12 Phố Đội Cấn' },
  },
  {
    pin: '001088054321',
    fullName: 'Nguyễn Văn Hùng',
    dateOfBirth: '1988-09-30',
    sex: 'male',
    ethnicityCode: '01',
    nationality: 'VN',
    residence: { commune: '00004', line: '12 Phố Đội Cấn' },
  },
];

export const SEED_CLOSED_ACCOUNT: ClosedAccount = { bank: 'VCB', number: '0011000999999' };

export async function seedSimulators(db: Db): Promise<void> {
  for (const household of SEED_HOUSEHOLDS) await addHousehold(db, household);
  for (const person of Object.values(SEED_DECEASED) as SeedPerson[]) {
    await addResident(db, {
      pin: person.pin,
      fullName: person.fullName,
      commune: person.residence.commune,
      line: person.residence.line,
      householdHeadPin: person.residence.householdHeadPin,
    });
    if (person.insured) await addInsuredPerson(db, { pin: person.pin, ...person.insured });
    if (person.assistance)
      await addAssistanceRecipient(db, { pin: person.pin, ...person.assistance });
    if (person.meritCategory) {
      await addMeritoriousPerson(db, { pin: person.pin, category: person.meritCategory });
    }
  }
  for (const relation of SEED_RELATIVES) await addFamilyRelation(db, relation);
  for (const citizen of SEED_CITIZENS) await addCitizen(db, citizen);
  for (const record of SEED_CARE_RECORDS) await addCareRecord(db, record);
  for (const assessment of SEED_CAPACITY_ASSESSMENTS) await addCapacityAssessment(db, assessment);
  await addClosedAccount(db, SEED_CLOSED_ACCOUNT);
  for (const [i, commune] of DEMO_COMMUNES.entries()) {
    await addFacility(db, {
      code: `${commune.provinceCode.slice(1)}-${String(i + 1).padStart(3, '0')}`,
      name: `Trạm Y tế ${commune.name}`,
      commune: commune.code,
    });
  }
}
