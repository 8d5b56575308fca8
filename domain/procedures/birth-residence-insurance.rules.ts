// Group A's deadlines and agencies by effective date (DOMAIN.md §2A). Working days throughout.
import type { Agency } from '../principal';
import type { Versioned } from '../rule-versions';

export const GROUP_A_STEPS = ['birth', 'residence', 'insurance'] as const;
export type GroupAStep = (typeof GROUP_A_STEPS)[number];

export interface GroupARules extends Versioned {
  /**
   * A version from a draft text, its date a placeholder: it applies from that date like any other
   * (so the change is ready), and the README lists it as unconfirmed until the decree is published.
   */
  draft?: true;
  /** Which agency's officers handle each step. */
  agencies: Record<GroupAStep, Agency>;
  /** Working days each step may take (0 = the same working day). */
  deadlines: {
    birth: number;
    residence: number;
    residenceWithVerification: number;
    insurance: number;
    /** BHXH must reject an invalid file within this many working days. */
    insuranceRejection: number;
    case: number;
    caseWithVerification: number;
  };
  /** Working days the citizen has to answer a request for supplement before the step is rejected. */
  supplementReplyDays: number;
  /**
   * Drills only, never in a rule version: the supplement window in milliseconds instead of working
   * days, set by the API from DRILL_SUPPLEMENT_REPLY_SECONDS (refused in production).
   */
  supplementReplyMs?: number;
  /** Hours before a step's deadline at which its officers are reminded. */
  reminderHoursBeforeDeadline: number;
  /** Times a later agency may send the file back for correction before its step is refused. */
  maxCorrections: number;
  /**
   * The free health-insurance card of Group A is for a child under this many months on the filing
   * date (DOMAIN.md §1A "thẻ BHYT trẻ dưới 6 tuổi"; §2C: valid until 72 months [S52] (C)). An older
   * child's card would expire before it is issued: the filing is refused (BirthApplication.ts).
   */
  insuranceCardUnderMonths: number;
  /**
   * Days from the birth within which its registration is on time (Luật Hộ tịch 2014 Art. 15,
   * DOMAIN.md §2C [S28][S49] (C)). Later is still registered: a late registration is not fined
   * (§2C [S26] (S)), but only on-time registration is fee-exempt for everyone (Art. 11; §4 [S54]).
   */
  onTimeBirthRegistrationDays: number;
}

export const GROUP_A_RULES: readonly GroupARules[] = [
  {
    effectiveFrom: '2024-06-10',
    source: 'NĐ 63/2024/NĐ-CP, QĐ 296/QĐ-VPCP (C); residence 2/5 wd (S); BHXH 1-wd rejection (C)',
    agencies: { birth: 'civil-status', residence: 'police', insurance: 'social-insurance' },
    deadlines: {
      birth: 0,
      residence: 2,
      residenceWithVerification: 5,
      insurance: 2,
      insuranceRejection: 1,
      case: 3,
      caseWithVerification: 5,
    },
    supplementReplyDays: 7,
    reminderHoursBeforeDeadline: 4,
    maxCorrections: 2,
    insuranceCardUnderMonths: 72,
    onTimeBirthRegistrationDays: 60,
  },
  {
    // DRAFT, UNCONFIRMED: the Ministry of Justice's draft decree amending NĐ 63/2024 adds the under-6
    // identity card to Group A and lengthens the whole group's limit from 3 to 9 working days, and
    // with verification from 5 to 12 (DOMAIN.md §0 and §2A [S57] (S, draft)). Whether it was adopted
    // (perhaps as "NĐ 301/2026/NĐ-CP", §0 (U)) and from when is not known (§10): 2027-07-01 is a
    // PLACEHOLDER. Correct the date and the source when the decree is published, or delete the entry.
    // The other limits are not in the draft as reported, so they stay. Cases filed before the date
    // keep the version above: each case's rules are pinned into its input at filing (api/filing.ts).
    effectiveFrom: '2027-07-01',
    draft: true,
    source:
      'MOJ draft decree amending NĐ 63/2024/NĐ-CP [S57] (S, draft; effective date a placeholder)',
    agencies: { birth: 'civil-status', residence: 'police', insurance: 'social-insurance' },
    deadlines: {
      birth: 0,
      residence: 2,
      residenceWithVerification: 5,
      insurance: 2,
      insuranceRejection: 1,
      case: 9,
      caseWithVerification: 12,
    },
    supplementReplyDays: 7,
    reminderHoursBeforeDeadline: 4,
    maxCorrections: 2,
    insuranceCardUnderMonths: 72,
    onTimeBirthRegistrationDays: 60,
  },
];
