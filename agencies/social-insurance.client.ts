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

/** Vietnam Social Security (BHXH). */
export function socialInsuranceClient(http: AgencyHttp) {
  return {
    issueChildCard: (request: ChildCardRequest, key: string): Promise<AgencyOutcome<ChildCard>> =>
      http.post('/social-insurance/child-cards', request, key),
  };
}
export type SocialInsuranceClient = ReturnType<typeof socialInsuranceClient>;
