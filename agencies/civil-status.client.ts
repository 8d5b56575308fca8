import type { AgencyHttp, AgencyOutcome } from './http';

export interface BirthRegistrationRequest {
  certificateNumber: string;
  commune: string;
  child: { fullName: string; dateOfBirth: string; sex: 'male' | 'female' } & Record<
    string,
    unknown
  >;
  mother: { fullName: string; pin?: string } & Record<string, unknown>;
  father?: { fullName: string; pin?: string } & Record<string, unknown>;
}

export type Registered = { status: 'registered'; extractNumber: string };
export type Decided = Registered | { status: 'rejected' | 'cancelled'; reason?: string };

const path = (registrationKey: string, action: string) =>
  `/civil-status/birth-registrations/${encodeURIComponent(registrationKey)}/${action}`;

/** The commune civil-status system. The registration key is the idempotency key of `register`. */
export function civilStatusClient(http: AgencyHttp) {
  return {
    register: (
      request: BirthRegistrationRequest,
      key: string,
    ): Promise<AgencyOutcome<Registered>> =>
      http.post('/civil-status/birth-registrations', request, key),
    decide: (
      registrationKey: string,
      decision: { decision: 'approve' } | { decision: 'reject'; reason: string },
      key: string,
    ): Promise<AgencyOutcome<Decided>> =>
      http.post(path(registrationKey, 'decision'), decision, key),
    cancel: (registrationKey: string, key: string): Promise<AgencyOutcome<Decided>> =>
      http.post(path(registrationKey, 'cancel'), {}, key),
    correct: (
      registrationKey: string,
      correction: { reason: string; changes: Record<string, unknown> },
      key: string,
    ): Promise<AgencyOutcome<{ extractNumber: string }>> =>
      http.post(path(registrationKey, 'corrections'), correction, key),
  };
}
export type CivilStatusClient = ReturnType<typeof civilStatusClient>;
