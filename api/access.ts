// Who may see and act on a case (DESIGN.md §3). Callers that may not see a case are told it does not
// exist (404): a citizen must not learn that someone else's case exists.
import type { Principal } from '../domain/principal';

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
