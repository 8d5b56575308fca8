import type { AgencyHttp, AgencyOutcome } from './http';

export interface ResidenceRequest {
  pin: string;
  fullName: string;
  address: { commune: string; line: string };
  householdHeadPin: string;
  relationshipToHead: string;
}

export type ResidenceDecided =
  | { status: 'registered'; residenceRef: string }
  | { status: 'rejected' | 'cancelled'; reason?: string };

const path = (registrationKey: string, action: string) =>
  `/police/residence-registrations/${encodeURIComponent(registrationKey)}/${action}`;

/** The commune police's residence system. */
export function policeClient(http: AgencyHttp) {
  return {
    register: (request: ResidenceRequest, key: string): Promise<AgencyOutcome<ResidenceDecided>> =>
      http.post('/police/residence-registrations', request, key),
    decide: (
      registrationKey: string,
      decision: { decision: 'approve' } | { decision: 'reject'; reason: string },
      key: string,
    ): Promise<AgencyOutcome<ResidenceDecided>> =>
      http.post(path(registrationKey, 'decision'), decision, key),
    cancel: (registrationKey: string, key: string): Promise<AgencyOutcome<ResidenceDecided>> =>
      http.post(path(registrationKey, 'cancel'), {}, key),
  };
}
export type PoliceClient = ReturnType<typeof policeClient>;
