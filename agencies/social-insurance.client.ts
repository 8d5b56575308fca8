import { revocation, type BenefitDecided, type FuneralClaim } from './benefits';
import type { AgencyHttp, AgencyOutcome } from './http';

export interface ChildCardRequest {
  pin: string;
  fullName: string;
  dateOfBirth: string;
  sex: 'male' | 'female';
  commune: string;
  birthExtractNumber: string;
  initialCareFacility?: string;
}

export interface ChildCard {
  insuranceNumber: string;
  validFrom: string;
  validTo: string;
  facility: { code: string; name: string };
}

/** What BHXH knows of a person: contributions, pension, monthly allowance. */
export interface InsuredPerson {
  pin: string;
  compulsoryMonths: number;
  voluntaryMonths: number;
  /** Of those, the months contributed before 2014 (issue 20: 1.5 months a year, not 2). */
  monthsBefore2014?: number;
  /** Average monthly salary on which contributions were paid (VND). */
  averageSalaryVnd: number;
  pensioner: boolean;
  monthlyPensionVnd?: number;
  /** First day of the pension (YYYY-MM-DD). */
  retiredOn?: string;
  monthlyInsuranceAllowance: boolean;
  occupationalDeath: boolean;
}

export interface SurvivorClaim {
  pin: string;
  deathExtractNumber: string;
  dateOfDeath: string;
  kind: 'lump_sum' | 'monthly';
  /** Lump sum: the amount, paid to the one payee the relatives confirmed. */
  amountVnd?: number;
  payeePin?: string;
  /** Monthly: each eligible relative's monthly amount. */
  monthly?: { pin: string; amountVnd: number }[];
}

/** Vietnam Social Security (BHXH). */
export function socialInsuranceClient(http: AgencyHttp) {
  return {
    issueChildCard: (request: ChildCardRequest, key: string): Promise<AgencyOutcome<ChildCard>> =>
      http.post('/social-insurance/child-cards', request, key),
    /** undefined: never insured. */
    person: (pin: string): Promise<InsuredPerson | undefined> =>
      http.get(`/social-insurance/people/${pin}`),
    claimFuneral: (claim: FuneralClaim, key: string): Promise<AgencyOutcome<BenefitDecided>> =>
      http.post('/social-insurance/funeral-claims', claim, key),
    claimSurvivor: (claim: SurvivorClaim, key: string): Promise<AgencyOutcome<BenefitDecided>> =>
      http.post('/social-insurance/survivor-claims', claim, key),
    /** The monthly pension or allowance of a person who died stops (a decision to stop). */
    stopPension: (
      request: { pin: string; dateOfDeath: string; deathExtractNumber: string },
      key: string,
    ): Promise<AgencyOutcome<{ status: 'stopped'; decisionNumber: string }>> =>
      http.post('/social-insurance/pension-stops', request, key),
    reinstatePension: (
      stopDecisionNumber: string,
      reason: string,
      key: string,
    ): Promise<AgencyOutcome<{ status: 'reinstated'; decisionNumber: string }>> =>
      http.post(
        `/social-insurance/pension-stops/${encodeURIComponent(stopDecisionNumber)}/reinstatement`,
        { reason },
        key,
      ),
    revoke: revocation(http, 'social-insurance'),
  };
}
export type SocialInsuranceClient = ReturnType<typeof socialInsuranceClient>;
