// Who may receive the monthly survivor allowance, from the registries (issue 20, deliverable 3): the
// population database's family record (relation, date of birth, sex), its work-capacity assessments
// and care records — never what the applicant ticked. The conditions are the law's of the date of
// death (benefit-law.ts `survivorRelatives`): a child under 18, or anyone listed below with ≥ 81 %
// lost work capacity; a spouse, parent or parent-in-law at the age the law names. Not modelled (U):
// the income condition, an unborn child, other people the deceased was obliged to support.
import type { IsoDate } from '../calendar/working-days';
import type { SocialInsuranceLaw } from './benefit-law';

/** A relative as the registries know them. */
export interface RegisteredRelative {
  pin: string;
  relationship: string;
  dateOfBirth: IsoDate;
  /** Absent: the registry does not say; the age condition is then not met (an assessment still is). */
  sex?: 'male' | 'female';
  /** The latest work-capacity assessment, if any. */
  capacityLossPercent?: number;
  /** From the care records; absent: no record (taken as having one, the 50 % share). */
  hasDirectCarer?: boolean;
}

export interface SurvivorEligibility {
  pin: string;
  relationship: string;
  ageAtDeath: number;
  survivorEligible: boolean;
  hasDirectCarer: boolean;
  /** Why, in words, with the registry each fact came from. */
  why: string;
}

/** Whole months from `from` to `to` (the day of the month counts). */
function monthsOld(from: IsoDate, to: IsoDate): number {
  const months =
    (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
    Number(to.slice(5, 7)) -
    Number(from.slice(5, 7));
  return to.slice(8) < from.slice(8) ? months - 1 : months;
}

/**
 * The normal retirement age in months in `year`: men 60 years 3 months in 2021, 3 months more a year
 * to 62; women 55 years 4 months in 2021, 4 months more a year to 60 (Labour Code 2019 Art. 169(2):
 * not in DOMAIN.md, (U) — from the Code as known; the 2024 law's "retirement age", DOMAIN.md §5).
 */
export function retirementAgeMonths(sex: 'male' | 'female', year: number): number {
  const steps = Math.max(0, year - 2020);
  return sex === 'male'
    ? Math.min(62 * 12, 60 * 12 + 3 * steps)
    : Math.min(60 * 12, 55 * 12 + 4 * steps);
}

/** Whether someone born on `dob` had reached the retirement age in force when they reached it. */
function reachedRetirementAge(dob: IsoDate, sex: 'male' | 'female', on: IsoDate): boolean {
  const age = monthsOld(dob, on);
  for (let year = Number(dob.slice(0, 4)) + 55; year <= Number(on.slice(0, 4)); year++) {
    const needed = retirementAgeMonths(sex, year);
    // Reached within or before `year`, by the date that counts.
    const reachedInYear =
      Number(dob.slice(0, 4)) + Math.floor((Number(dob.slice(5, 7)) - 1 + needed) / 12);
    if (age >= needed && reachedInYear <= year) return true;
  }
  return false;
}

/** Each registered relative's eligibility on the date of death, by the law of that date. */
export function survivorEligibility(
  relatives: readonly RegisteredRelative[],
  deathDate: IsoDate,
  law: SocialInsuranceLaw,
): SurvivorEligibility[] {
  const rule = law.survivorRelatives;
  return relatives.map((r) => {
    const ageMonths = monthsOld(r.dateOfBirth, deathDate);
    const incapable =
      r.capacityLossPercent !== undefined && r.capacityLossPercent >= rule.minCapacityLossPercent;
    const atAge =
      r.sex !== undefined &&
      (rule.age === 'retirement-age'
        ? reachedRetirementAge(r.dateOfBirth, r.sex, deathDate)
        : ageMonths >= rule.age[r.sex] * 12);
    const reasons: string[] = [];
    let eligible = false;
    if (r.relationship === 'child') {
      eligible = ageMonths < rule.childUnder * 12 || incapable;
      reasons.push(
        ageMonths < rule.childUnder * 12
          ? `a child under ${rule.childUnder}`
          : `a child of ${rule.childUnder} or more`,
      );
    } else if (['spouse', 'parent', 'parent_in_law'].includes(r.relationship)) {
      eligible = atAge || incapable;
      reasons.push(
        atAge
          ? `a ${r.relationship} at the age the law names`
          : `a ${r.relationship} under the age the law names`,
      );
    } else reasons.push(`a ${r.relationship}: not a relative the law lists`);
    if (r.capacityLossPercent !== undefined)
      reasons.push(
        `${r.capacityLossPercent} % work capacity lost (assessment in the population database)`,
      );
    return {
      pin: r.pin,
      relationship: r.relationship,
      ageAtDeath: Math.floor(ageMonths / 12),
      survivorEligible: eligible,
      hasDirectCarer: r.hasDirectCarer ?? true,
      why: `${reasons.join('; ')}; age and relation from the population database's family record (${rule.article})`,
    };
  });
}
