// Who may see and act on a case (DESIGN.md §3). Callers that may not see a case are told it does not
// exist (404): a citizen must not learn that someone else's case exists.
import { caseAgencies, findCase, type CaseRow } from '../db/queries/cases.queries';
import type { Db } from '../db/pool';
import { ApiError } from '../domain/errors';
import type { Principal } from '../domain/principal';
import { HttpProblem } from './problem';

export interface CaseParties {
  commune: string;
  partyPins: readonly string[];
  /** Agencies (with their jurisdiction) that hold a step of the case. */
  agencies: readonly { agency: string; jurisdiction: string }[];
}

export function maySeeCase(principal: Principal, parties: CaseParties): boolean {
  switch (principal.role) {
    case 'citizen':
      return parties.partyPins.includes(principal.pin);
    case 'clerk':
    case 'supervisor':
      return parties.commune === principal.jurisdiction;
    case 'officer':
      return parties.agencies.some(
        (a) => a.agency === principal.agency && a.jurisdiction === principal.jurisdiction,
      );
    case 'admin':
      return true;
  }
}

/** Filing, withdrawing, answering supplements: the applicant side, not the agencies. */
export function mayActForApplicant(principal: Principal, parties: CaseParties): boolean {
  return (
    (principal.role === 'citizen' || principal.role === 'clerk') && maySeeCase(principal, parties)
  );
}

/** The case if the caller may see it (and, with `act`, act for the applicant); otherwise 404/403. */
export async function visibleCase(
  db: Db,
  principal: Principal,
  caseId: string,
  act = false,
): Promise<CaseRow> {
  const row = await findCase(db, caseId);
  const parties = row && {
    commune: row.commune,
    partyPins: row.party_pins,
    agencies: principal.role === 'officer' ? await caseAgencies(db, caseId) : [],
  };
  if (!row || !parties || !maySeeCase(principal, parties))
    throw new HttpProblem(ApiError.NOT_FOUND);
  if (act && !mayActForApplicant(principal, parties)) throw new HttpProblem(ApiError.FORBIDDEN);
  return row;
}
