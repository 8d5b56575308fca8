import { revocation, type BenefitDecided, type FuneralClaim } from './benefits';
import type { AgencyHttp, AgencyOutcome } from './http';

export interface AssistanceRecipient {
  pin: string;
  /** On monthly social assistance (NĐ 20/2021 beneficiaries). */
  monthlyAssistance: boolean;
  since: string;
}

const path = (claimKey: string, action: string) =>
  `/social-protection/funeral-supports/${encodeURIComponent(claimKey)}/${action}`;

/**
 * The commune's social-protection side (labour–social affairs): funeral support for people on monthly
 * social assistance. A claim waits for an officer's decision (202); the claim key is its idempotency key.
 */
export function socialProtectionClient(http: AgencyHttp) {
  return {
    recipient: (pin: string): Promise<AssistanceRecipient | undefined> =>
      http.get(`/social-protection/recipients/${pin}`),
    claimFuneral: (claim: FuneralClaim, key: string): Promise<AgencyOutcome<BenefitDecided>> =>
      http.post('/social-protection/funeral-supports', claim, key),
    decide: (
      claimKey: string,
      decision: { decision: 'approve' } | { decision: 'reject'; reason: string },
      key: string,
    ): Promise<AgencyOutcome<BenefitDecided>> =>
      http.post(path(claimKey, 'decision'), decision, key),
    cancel: (claimKey: string, key: string): Promise<AgencyOutcome<BenefitDecided>> =>
      http.post(path(claimKey, 'cancel'), {}, key),
    revoke: revocation(http, 'social-protection'),
  };
}
export type SocialProtectionClient = ReturnType<typeof socialProtectionClient>;
