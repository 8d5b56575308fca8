// Group B's deadlines and agencies by effective date (DOMAIN.md §2B). Working days throughout. The
// group's total and per-step limits under NĐ 63 / QĐ 296 were not found (U): the benefit steps use the
// stand-alone BHXH limit of 10 working days, and the case deadline is the longest of its steps.
import type { Agency } from '../principal';
import type { Versioned } from '../rule-versions';

export const GROUP_B_STEPS = [
  'death',
  'residence-removal',
  'funeral',
  'survivor',
  'pension-stop',
] as const;
export type GroupBStep = (typeof GROUP_B_STEPS)[number];

export interface GroupBRules extends Versioned {
  /** Agencies of the fixed steps; the funeral's payer is decided from what the agencies know. */
  agencies: Record<Exclude<GroupBStep, 'funeral'>, Agency>;
  deadlines: Record<GroupBStep, number> & { case: number };
  /** Working days the adult relatives have to confirm a lump-sum payee (U: our choice). */
  payeeConfirmationDays: number;
  supplementReplyDays: number;
  /** Drills only, never in a rule version: see GroupARules.supplementReplyMs. */
  supplementReplyMs?: number;
  reminderHoursBeforeDeadline: number;
  /** Group B has no correction loop: a step returned to civil status is refused. */
  maxCorrections: number;
}

const BASE: Omit<GroupBRules, 'effectiveFrom' | 'source'> = {
  agencies: {
    death: 'civil-status',
    'residence-removal': 'police',
    survivor: 'social-insurance',
    'pension-stop': 'social-insurance',
  },
  deadlines: {
    death: 0,
    'residence-removal': 5,
    funeral: 10,
    survivor: 10,
    'pension-stop': 10,
    case: 10,
  },
  payeeConfirmationDays: 15,
  supplementReplyDays: 7,
  reminderHoursBeforeDeadline: 4,
  maxCorrections: 0,
};

export const GROUP_B_RULES: readonly GroupBRules[] = [
  {
    ...BASE,
    effectiveFrom: '2024-06-10',
    source:
      'NĐ 63/2024/NĐ-CP, QĐ 296/QĐ-VPCP (C); death same day (C); residence removal 5 wd (C); ' +
      'BHXH 10 wd (C, stand-alone); pension stop 10 wd and payee window 15 wd (U)',
  },
  {
    ...BASE,
    deadlines: { ...BASE.deadlines, 'residence-removal': 1 },
    effectiveFrom: '2026-03-15',
    source: 'NĐ 58/2026/NĐ-CP: residence removed within 1 wd of the death signal (C)',
  },
];
