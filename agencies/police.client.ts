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

export interface ResidenceRemovalRequest {
  pin: string;
  deathExtractNumber: string;
  dateOfDeath: string;
}

export interface ResidenceRemoved {
  status: 'removed';
  /** The registration that was removed. */
  residenceRef: string;
  commune: string;
}

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
    /** Removes the deceased's permanent residence (automatic on the population database's signal). */
    removeResidence: (
      request: ResidenceRemovalRequest,
      key: string,
    ): Promise<AgencyOutcome<ResidenceRemoved>> =>
      http.post('/police/residence-removals', request, key),
    /** Compensation after an annulled death: the removed residence is registered again. */
    restoreResidence: (
      removalKey: string,
      reason: string,
      key: string,
    ): Promise<AgencyOutcome<{ status: 'restored'; residenceRef: string }>> =>
      http.post(
        `/police/residence-removals/${encodeURIComponent(removalKey)}/restore`,
        { reason },
        key,
      ),
  };
}
export type PoliceClient = ReturnType<typeof policeClient>;
