import type { AgencyHttp, AgencyOutcome } from './http';

export interface PinRequest {
  provinceCode: string;
  fullName: string;
  dateOfBirth: string;
  sex: 'male' | 'female';
}

/** The national population database: issues personal ID numbers, records deaths. */
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
  };
}
export type PopulationClient = ReturnType<typeof populationClient>;
