// The simulators' admin endpoints (app.ts), as tests, benchmarks, chaos runs and demos call them over
// HTTP: whom the agencies know, how a commune's civil status reviews, which faults an agency injects.
import type { z } from 'zod';
import type { InsuredPerson } from '../social-insurance.client';
import type { FaultConfig, FaultStats } from './framework/faults';
import type { FamilyRelation } from './population.routes';

export type CivilStatusReview = 'automatic' | 'officer';

/** A person the agencies must know before a death is filed, and what each of them knows. */
export interface KnownPerson {
  pin: string;
  fullName: string;
  residence: { commune: string; line: string; householdHeadPin: string };
  insured?: Omit<InsuredPerson, 'pin'>;
  assistance?: boolean;
  meritCategory?: string;
  /** The person's relatives in the population database's family records. */
  relatives?: FamilyRelation['relative'][];
}

/** A BHXH participant with `compulsoryMonths` of contributions, no pension, no allowance. */
export const participant = (compulsoryMonths: number): Omit<InsuredPerson, 'pin'> => ({
  compulsoryMonths,
  voluntaryMonths: 0,
  averageSalaryVnd: 7_500_000,
  pensioner: false,
  monthlyInsuranceAllowance: false,
  occupationalDeath: false,
});

/** `token`: the simulators' SIMULATORS_ADMIN_TOKEN, sent as a bearer token (/admin is off without one). */
export function simulatorsAdmin(baseUrl: string, token: string) {
  const expectOk = async (method: string, path: string, body: unknown, ok: number[]) => {
    const response = await fetch(`${baseUrl}/admin/${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body !== undefined && { 'Content-Type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    if (!ok.includes(response.status)) throw new Error(`admin ${path} → ${response.status}`);
    return response;
  };

  /** Records `relative` in `pin`'s family record in the population database (idempotent). */
  const addRelative = async (pin: string, relative: FamilyRelation['relative']): Promise<void> => {
    await expectOk('POST', 'population/relatives', { pin, relative }, [201]);
  };

  return {
    async setCivilStatusReview(commune: string, review: CivilStatusReview): Promise<void> {
      await expectOk('PUT', `civil-status/settings/${commune}`, { review }, [200]);
    },

    /** Registers the person with each agency that knows them; calling again is harmless. */
    async registerPerson(person: KnownPerson): Promise<void> {
      const known = [201, 409];
      const { pin } = person;
      await expectOk(
        'POST',
        'police/residents',
        { pin, fullName: person.fullName, ...person.residence },
        known,
      );
      if (person.insured)
        await expectOk('POST', 'social-insurance/people', { pin, ...person.insured }, known);
      if (person.assistance)
        await expectOk(
          'POST',
          'social-protection/recipients',
          { pin, monthlyAssistance: true, since: '2015-01-01' },
          known,
        );
      if (person.meritCategory)
        await expectOk(
          'POST',
          'merit-services/people',
          { pin, category: person.meritCategory },
          known,
        );
      for (const relative of person.relatives ?? []) await addRelative(pin, relative);
    },

    addRelative,

    /** A work-capacity assessment in the population database (issue 20). */
    async addCapacityAssessment(pin: string, lossPercent: number, assessedOn: string) {
      await expectOk(
        'POST',
        'population/capacity-assessments',
        { pin, lossPercent, assessedOn },
        [201],
      );
    },

    /** Whether a citizen has a direct carer, in the population database (issue 20). */
    async addCareRecord(pin: string, hasDirectCarer: boolean, recordedOn: string) {
      await expectOk('POST', 'population/care-records', { pin, hasDirectCarer, recordedOn }, [201]);
    },

    /** Sets an agency's faults, or clears them (its counters stay). */
    async setFaults(agency: string, faults?: z.input<typeof FaultConfig>): Promise<void> {
      if (faults) await expectOk('PUT', `faults/${agency}`, faults, [200]);
      else await expectOk('DELETE', `faults/${agency}`, undefined, [200, 204]);
    },

    async faultStats(): Promise<Record<string, FaultStats>> {
      const response = await expectOk('GET', 'faults/stats', undefined, [200]);
      return ((await response.json()) as { agencies: Record<string, FaultStats> }).agencies;
    },
  };
}
export type SimulatorsAdmin = ReturnType<typeof simulatorsAdmin>;
