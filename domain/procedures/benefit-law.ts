// Group B's benefit law as dated data (issue 20, deliverable 2): which Social Insurance Law governs a
// death, the levels its amounts are multiples of, and each payer's rules, every entry citing its
// article and DOMAIN.md's source tag. The date that governs is the date of death (the law in force
// then, the level of the month of death), never the filing date. At filing the API selects the rules
// for the date of death (`benefitRulesFor`) and pins them into the workflow's input: a version added
// later (a new base salary, an amendment) never changes a case already filed.
import type { IsoDate } from '../calendar/working-days';
import type { Versioned } from '../rule-versions';

/** An amount in VND in force from a date (a base salary, a reference level, a standard level). */
export interface Level extends Versioned {
  vnd: number;
}

/**
 * Lương cơ sở (base salary): the 2014 law's unit for the funeral and survivor allowances. Levels
 * before 01/07/2019 are not listed: none was checked against a source, so a death before then has
 * no rule here (the case says so) rather than a guessed one.
 */
export const BASE_SALARIES: readonly Level[] = [
  {
    effectiveFrom: '2019-07-01',
    vnd: 1_490_000,
    source:
      'NĐ 38/2019/NĐ-CP (looked up: thuvienphapluat.vn tag page "Tăng mức lương cơ sở"; not in DOMAIN.md)',
  },
  {
    effectiveFrom: '2023-07-01',
    vnd: 1_800_000,
    source: 'NĐ 24/2023/NĐ-CP, DOMAIN.md §5 [S34] (C)',
  },
  {
    effectiveFrom: '2024-07-01',
    vnd: 2_340_000,
    source: 'NĐ 73/2024/NĐ-CP, DOMAIN.md §5 [S34] (C)',
  },
];

/**
 * Mức tham chiếu (reference level): the 2024 law's unit. It equals the base salary so far (DOMAIN.md
 * §5 [S35] (S)); whether it changed on or after 01/07/2026 is (U): an administrator adds the entry.
 */
export const REFERENCE_LEVELS: readonly Level[] = [
  {
    effectiveFrom: '2025-07-01',
    vnd: 2_340_000,
    source: 'Luật BHXH 2024 Art. 7; = base salary of NĐ 73/2024, DOMAIN.md §5 [S35] (S)',
  },
];

/** Mức chuẩn trợ giúp xã hội (standard social-assistance level), DOMAIN.md §5 [S38]. */
export const SOCIAL_ASSISTANCE_LEVELS: readonly Level[] = [
  {
    effectiveFrom: '2021-07-01',
    vnd: 360_000,
    source: 'NĐ 20/2021/NĐ-CP Art. 4, DOMAIN.md §5 [S38] (C)',
  },
  { effectiveFrom: '2024-07-01', vnd: 500_000, source: 'NĐ 76/2024/NĐ-CP, DOMAIN.md §5 [S38] (C)' },
];

/** One Social Insurance Law's death benefits, each rule with its article. */
export interface SocialInsuranceLaw extends Versioned {
  id: 'luat-bhxh-2014' | 'luat-bhxh-2024';
  /** The unit its amounts are multiples of. */
  unit: 'base-salary' | 'reference-level';
  funeral: {
    multiple: number;
    minCompulsoryMonths: number;
    minVoluntaryMonths: number;
    article: string;
  };
  monthlySurvivor: {
    minCompulsoryMonths: number;
    share: number;
    shareNoCarer: number;
    maxRelatives: number;
    article: string;
  };
  /** Relatives who may receive the monthly allowance (who, by age, relation or incapacity). */
  survivorRelatives: {
    childUnder: number;
    minCapacityLossPercent: number;
    /** Spouse or parent's age from which they qualify without an incapacity record. */
    age: { male: number; female: number } | 'retirement-age';
    article: string;
  };
  lumpSum: {
    monthsPerYearBefore: number;
    monthsPerYearFrom: number;
    /** Contribution years before this year count `monthsPerYearBefore`. */
    splitYear: number;
    minMonths: number;
    article: string;
  };
  pensionerLumpSum: {
    months: number;
    /** Death within this many months of the first pension month: the full `months`. */
    graceMonths: number;
    reductionPerMonth: number;
    minMonths: number;
    article: string;
  };
}

const LUMP_SUM_SPLIT = {
  monthsPerYearBefore: 1.5,
  monthsPerYearFrom: 2,
  splitYear: 2014,
  minMonths: 3,
};
const PENSIONER_LUMP_SUM = { months: 48, graceMonths: 2, reductionPerMonth: 0.5, minMonths: 3 };

/** Which law governs by the date of death (DOMAIN.md §0: the 2024 law in force 01/07/2025). */
export const SOCIAL_INSURANCE_LAWS: readonly SocialInsuranceLaw[] = [
  {
    id: 'luat-bhxh-2014',
    effectiveFrom: '2016-01-01',
    source:
      'Luật BHXH 2014 (58/2014/QH13), in force 01/01/2016 until 30/06/2025 (DOMAIN.md §0, §5)',
    unit: 'base-salary',
    funeral: {
      multiple: 10,
      minCompulsoryMonths: 12,
      minVoluntaryMonths: 60,
      article: 'Luật BHXH 2014 Art. 66, Art. 80 (DOMAIN.md §5 [S31] (C))',
    },
    monthlySurvivor: {
      minCompulsoryMonths: 180,
      share: 0.5,
      shareNoCarer: 0.7,
      maxRelatives: 4,
      article: 'Luật BHXH 2014 Art. 67–68 (DOMAIN.md §5 [S36][S37] (C))',
    },
    survivorRelatives: {
      childUnder: 18,
      minCapacityLossPercent: 81,
      age: { male: 60, female: 55 },
      article:
        'Luật BHXH 2014 Art. 67(2) (DOMAIN.md §3B "wife under 55 / husband under 60" [S14], §5 [S36])',
    },
    lumpSum: {
      ...LUMP_SUM_SPLIT,
      article: 'Luật BHXH 2014 Art. 70(1) (DOMAIN.md §5 [S36][S37] (C))',
    },
    pensionerLumpSum: {
      ...PENSIONER_LUMP_SUM,
      article: 'Luật BHXH 2014 Art. 70(2) (DOMAIN.md §5 [S36][S37] (C))',
    },
  },
  {
    id: 'luat-bhxh-2024',
    effectiveFrom: '2025-07-01',
    source: 'Luật BHXH 2024 (41/2024/QH15), in force 01/07/2025 (DOMAIN.md §0 [S32][S36] (C))',
    unit: 'reference-level',
    funeral: {
      multiple: 10,
      minCompulsoryMonths: 12,
      minVoluntaryMonths: 60,
      article: 'Luật BHXH 2024 Art. 85; NĐ 158/2025 (DOMAIN.md §5 [S32][S33] (C))',
    },
    monthlySurvivor: {
      minCompulsoryMonths: 180,
      share: 0.5,
      shareNoCarer: 0.7,
      maxRelatives: 4,
      article: 'Luật BHXH 2024 Art. 86–87 (DOMAIN.md §5 [S36] (C))',
    },
    survivorRelatives: {
      childUnder: 18,
      minCapacityLossPercent: 81,
      age: 'retirement-age',
      article: 'Luật BHXH 2024 Art. 86 (DOMAIN.md §5 [S36] (C): "at retirement age")',
    },
    // DOMAIN.md §5 states the 1.5/2 split and the pensioner's 48 months for the 2014 law; the 2024
    // law's Art. 88–89 are read as keeping them (U: the article text was not seen).
    lumpSum: {
      ...LUMP_SUM_SPLIT,
      article: 'Luật BHXH 2024 Art. 88–89 (DOMAIN.md §5 (U): as 2014)',
    },
    pensionerLumpSum: {
      ...PENSIONER_LUMP_SUM,
      article: 'Luật BHXH 2024 Art. 89 (DOMAIN.md §5 (U): as 2014 Art. 70(2))',
    },
  },
];

export type FuneralPayer = 'social-insurance' | 'social-protection' | 'merit-services';

/** A payer's limit for filing a claim, and what passing it means. */
export interface ClaimWindow {
  days: number;
  /** `explain`: a late claim is still decided by the payer, on the claimant's written explanation. */
  late: 'explain';
  source: string;
}

/** The rules a death case runs under, chosen for its date of death and pinned at filing. */
export interface BenefitRules {
  deathDate: IsoDate;
  law: SocialInsuranceLaw;
  /** The law's unit in the month of death (base salary or reference level). */
  unit: Level;
  /** The standard social-assistance level on the date of death; null: none known for it. */
  socialAssistance: Level | null;
  socialProtection: { multiple: number; article: string };
  merit: { multiple: number; article: string };
  /** How the payer is chosen when more than one would pay. */
  payerChoice: string;
  /** Per payer; a payer without an entry has no filing limit in the sources. */
  claimWindows: Partial<Record<FuneralPayer, ClaimWindow>>;
}

const SOCIAL_PROTECTION = {
  multiple: 20,
  article: 'NĐ 20/2021/NĐ-CP Art. 11(2): at least 20 × the standard level (DOMAIN.md §5 [S38] (C))',
};
const MERIT = {
  multiple: 10,
  article: 'same as under social-insurance law (DOMAIN.md §5 [S39] (C)): 10 × the unit',
};
const PAYER_CHOICE =
  'BHXH first when the deceased qualifies (DOMAIN.md §1B 4c, §4: other budgets pay "when BHXH does ' +
  'not pay"); between the others only the highest level: "được hỗ trợ chi phí mai táng, mai táng phí ' +
  'quy định tại nhiều văn bản khác nhau với các mức khác nhau thì chỉ được hưởng một mức cao nhất" ' +
  '(NĐ 176/2025/NĐ-CP Art. 5(2), quoted by baonghean.vn 09/08/2025; not in DOMAIN.md)';
const CLAIM_WINDOWS: BenefitRules['claimWindows'] = {
  // DOMAIN.md §2C gives a 90-day limit for BHXH claims only; social protection's and merit
  // services' rules (§5) set none. The sources do not make it a forfeiture: a late file is decided
  // by BHXH on a written explanation (Luật BHXH 2014 Art. 118, (U): from the law's text as known,
  // not in DOMAIN.md).
  'social-insurance': {
    days: 90,
    late: 'explain',
    source:
      'QĐ 863/QĐ-BNV: claim within 90 days of the death (DOMAIN.md §2C [S30] (C)); late: written ' +
      'explanation, BHXH decides (Luật BHXH 2014 Art. 118 (U))',
  },
};

/** The version in force on `date`, or undefined when the table has none that early. */
export function findVersionInForce<V extends Versioned>(
  versions: readonly V[],
  date: IsoDate,
): V | undefined {
  return versions
    .filter((v) => v.effectiveFrom <= date)
    .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))
    .pop();
}

/** The dated tables the rules are chosen from: today's, or extended by an administrator. */
export interface BenefitTables {
  laws: readonly SocialInsuranceLaw[];
  baseSalaries: readonly Level[];
  referenceLevels: readonly Level[];
  socialAssistanceLevels: readonly Level[];
}

export const BENEFIT_TABLES: BenefitTables = {
  laws: SOCIAL_INSURANCE_LAWS,
  baseSalaries: BASE_SALARIES,
  referenceLevels: REFERENCE_LEVELS,
  socialAssistanceLevels: SOCIAL_ASSISTANCE_LEVELS,
};

/**
 * The rules for a death on `deathDate`, or undefined when no law or level of ours covers that date
 * (the case then says so on each benefit step). Levels are those of the month of death (Art. 66 /
 * Art. 85: "of the month of death").
 */
export function benefitRulesFor(
  deathDate: IsoDate,
  tables: BenefitTables = BENEFIT_TABLES,
): BenefitRules | undefined {
  const law = findVersionInForce(tables.laws, deathDate);
  const month = `${deathDate.slice(0, 7)}-01`;
  const unit = law
    ? findVersionInForce(
        law.unit === 'base-salary' ? tables.baseSalaries : tables.referenceLevels,
        month,
      )
    : undefined;
  if (!law || !unit) return undefined;
  return {
    deathDate,
    law,
    unit,
    socialAssistance: findVersionInForce(tables.socialAssistanceLevels, deathDate) ?? null,
    socialProtection: SOCIAL_PROTECTION,
    merit: MERIT,
    payerChoice: PAYER_CHOICE,
    claimWindows: CLAIM_WINDOWS,
  };
}
