import type { AgencyHttp, AgencyOutcome } from './http';

export interface PinRequest {
  provinceCode: string;
  fullName: string;
  dateOfBirth: string;
  sex: 'male' | 'female';
}

/** A relative in a person's family record, with the relation and the registered date of birth. */
export interface RegisteredRelative {
  pin: string;
  fullName: string;
  relationship:
    'spouse' | 'child' | 'parent' | 'parent_in_law' | 'sibling' | 'grandchild' | 'other';
  dateOfBirth: string;
  /** What else the registry knows (issue 20): the facts a survivor's eligibility rests on. */
  sex?: 'male' | 'female';
  /** The latest work-capacity assessment. */
  capacityLossPercent?: number;
  /** From the care records; absent: no record. */
  hasDirectCarer?: boolean;
}

/** A citizen's particulars as the population database holds them (what it lacks is absent). */
export interface RegisteredCitizen {
  pin: string;
  fullName: string;
  dateOfBirth: string;
  sex: 'male' | 'female';
  /** Danh mục các dân tộc Việt Nam code (domain/ethnic-groups.ts). */
  ethnicityCode?: string;
  /** ISO 3166-1 alpha-2. */
  nationality?: string;
  /** Permanent residence. */
  residence?: { commune: string; line: string };
  deceased: boolean;
}

/** The national population database: issues personal ID numbers, records deaths, keeps families. */
export function populationClient(http: AgencyHttp) {
  return {
    issuePin: (request: PinRequest, key: string): Promise<AgencyOutcome<{ pin: string }>> =>
      http.post('/population/pins', request, key),
    /** Flags the death in the population database (residence removal follows from it). */
    recordDeath: (
      request: { pin: string; dateOfDeath: string; deathExtractNumber: string },
      key: string,
    ): Promise<AgencyOutcome<{ status: 'deceased' }>> =>
      http.post('/population/deaths', request, key),
    /** Reverses the flag when a court annuls the declaration of death. */
    reverseDeath: (
      pin: string,
      reason: string,
      key: string,
    ): Promise<AgencyOutcome<{ status: 'living' }>> =>
      http.post(`/population/deaths/${pin}/reversal`, { reason }, key),
    /** A citizen's particulars; undefined when the database does not know the PIN. */
    citizen: (pin: string): Promise<RegisteredCitizen | undefined> =>
      http.get<RegisteredCitizen>(`/population/citizens/${encodeURIComponent(pin)}`),
    /** The person's relatives in the family records (none when it has no record of them). */
    relativesOf: async (pin: string): Promise<RegisteredRelative[]> =>
      (
        await http.get<{ relatives: RegisteredRelative[] }>(
          `/population/citizens/${encodeURIComponent(pin)}/relatives`,
        )
      )?.relatives ?? [],
  };
}
export type PopulationClient = ReturnType<typeof populationClient>;
