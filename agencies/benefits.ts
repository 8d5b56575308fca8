// What the three bodies that may pay a funeral allowance have in common (BHXH, social protection,
// merit services): a claim with its amount, a decision with a number, revocation after annulment.
import type { AgencyHttp, AgencyOutcome } from './http';

export interface FuneralClaim {
  /** The deceased. */
  pin: string;
  deathExtractNumber: string;
  dateOfDeath: string;
  /** Decided by our versioned rules; the paying body checks its own records against it. */
  amountVnd: number;
  /** Who arranged the funeral and receives the money. */
  claimant: { fullName: string; pin: string };
  /** The day the claim was filed: the payer applies its own filing limit (issue 20). */
  filedOn?: string;
  /** Why the claim comes after the payer's limit, in the claimant's words. */
  lateExplanation?: string;
}

export type BenefitDecided =
  | { status: 'granted'; decisionNumber: string; amountVnd: number }
  /** The payer's written refusal (issue 20): its decision number and its reasons. */
  | { status: 'refused'; decisionNumber: string; reasons: string[]; amountVnd?: number }
  | { status: 'rejected' | 'cancelled'; reason?: string };

export type Revoked = { status: 'revoked'; decisionNumber: string };

/** Revokes a benefit decision of the paying body at `/<system>` (after an annulment). */
export const revocation =
  (http: AgencyHttp, system: string) =>
  (decisionNumber: string, reason: string, key: string): Promise<AgencyOutcome<Revoked>> =>
    http.post(
      `/${system}/decisions/${encodeURIComponent(decisionNumber)}/revocation`,
      { reason },
      key,
    );
