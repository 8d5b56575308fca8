import type { AgencyHttp, AgencyOutcome } from './http';

export interface PinRequest {
  provinceCode: string;
  fullName: string;
  dateOfBirth: string;
  sex: 'male' | 'female';
}

/** The national population database: issues personal ID numbers. */
export function populationClient(http: AgencyHttp) {
  return {
    issuePin: (request: PinRequest, key: string): Promise<AgencyOutcome<{ pin: string }>> =>
      http.post('/population/pins', request, key),
  };
}
export type PopulationClient = ReturnType<typeof populationClient>;
