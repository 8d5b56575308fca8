import type { AgencyHttp, AgencyOutcome } from './http';

export interface BirthRegistrationRequest {
  certificateNumber: string;
  /** Absent: the medical birth certificate; else its substitute (always reviewed by the officer). */
  evidence?:
    | 'medical_birth_certificate'
    | 'witness_statement'
    | 'self_declaration'
    | 'abandoned_child_record';
  commune: string;
  child: { fullName: string; dateOfBirth: string; sex: 'male' | 'female' } & Record<
    string,
    unknown
  >;
  /** Absent: an abandoned child whose parents are unknown. */
  mother?: { fullName: string; pin?: string } & Record<string, unknown>;
  father?: { fullName: string; pin?: string } & Record<string, unknown>;
}

export type Registered = { status: 'registered'; extractNumber: string };
export type Decided = Registered | { status: 'rejected' | 'cancelled'; reason?: string };

export type DeathNoticeKind =
  | 'death_notice' // giấy báo tử from the health facility
  | 'execution_record' // certificate of an executed death sentence
  | 'court_ruling' // a court declared the person dead
  | 'police_confirmation'; // accident, homicide, sudden or suspicious death

export interface DeathRegistrationRequest {
  commune: string;
  deceased: { pin: string; fullName: string; dateOfBirth: string; sex: 'male' | 'female' };
  death: { date: string; place: string; cause: string };
  notice: { kind: DeathNoticeKind; number: string; issuer: string; issuedOn: string };
  declarant: { fullName: string; pin: string; relationship: string };
}

export type DeathDecided =
  | { status: 'registered'; extractNumber: string }
  | { status: 'rejected' | 'cancelled' | 'annulled'; reason?: string };

export interface CourtRuling {
  number: string;
  court: string;
  date: string;
}

const path = (registrationKey: string, action: string) =>
  `/civil-status/birth-registrations/${encodeURIComponent(registrationKey)}/${action}`;

const deathPath = (registrationKey: string, action: string) =>
  `/civil-status/death-registrations/${encodeURIComponent(registrationKey)}/${action}`;

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
    /** Death: registered at once (200) or received for an officer (202), like a birth. */
    registerDeath: (
      request: DeathRegistrationRequest,
      key: string,
    ): Promise<AgencyOutcome<DeathDecided>> =>
      http.post('/civil-status/death-registrations', request, key),
    decideDeath: (
      registrationKey: string,
      decision: { decision: 'approve' } | { decision: 'reject'; reason: string },
      key: string,
    ): Promise<AgencyOutcome<DeathDecided>> =>
      http.post(deathPath(registrationKey, 'decision'), decision, key),
    cancelDeath: (registrationKey: string, key: string): Promise<AgencyOutcome<DeathDecided>> =>
      http.post(deathPath(registrationKey, 'cancel'), {}, key),
    /** A court annulled the declaration of death: the record is marked annulled, never deleted. */
    annulDeath: (
      registrationKey: string,
      ruling: CourtRuling,
      key: string,
    ): Promise<AgencyOutcome<DeathDecided>> =>
      http.post(deathPath(registrationKey, 'annulment'), ruling, key),
  };
}
export type CivilStatusClient = ReturnType<typeof civilStatusClient>;
