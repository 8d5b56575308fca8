import { revocation, type BenefitDecided, type FuneralClaim } from './benefits';
import type { AgencyHttp, AgencyOutcome } from './http';

export interface MeritoriousPerson {
  pin: string;
  /** e.g. war invalid, resistance participant, martyr's relative on monthly allowance. */
  category: string;
}

/** Merit services (người có công): the funeral allowance for people with meritorious service. */
export function meritServicesClient(http: AgencyHttp) {
  return {
    person: (pin: string): Promise<MeritoriousPerson | undefined> =>
      http.get(`/merit-services/people/${pin}`),
    claimFuneral: (claim: FuneralClaim, key: string): Promise<AgencyOutcome<BenefitDecided>> =>
      http.post('/merit-services/funeral-allowances', claim, key),
    revoke: revocation(http, 'merit-services'),
  };
}
export type MeritServicesClient = ReturnType<typeof meritServicesClient>;
