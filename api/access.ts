// Who may see and act on a case (DESIGN.md §3). Callers that may not see a case are told it does not
// exist (404): a citizen must not learn that someone else's case exists.
import { setTimeout as sleep } from 'node:timers/promises';
import { caseAgencies, findCase, type CaseRow } from '../db/queries/cases.queries';
import type { Db } from '../db/pool';
import { ApiError } from '../domain/errors';
import type { Principal } from '../domain/principal';
import { HttpProblem } from './problem';

const PROJECTION_POLL_MS = 100;
const DUPLICATE_PROJECTION_WAIT_MS = 3_000;

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

/** The case if the caller may see it, else undefined (no such case, or not theirs to see). */
export async function findVisibleCase(
  db: Db,
  principal: Principal,
  caseId: string,
  /** How long to wait for a case that is not in the read model yet (one just started). */
  waitMs = 0,
): Promise<{ row: CaseRow; parties: CaseParties } | undefined> {
  let row = await findCase(db, caseId);
  // A case started a moment ago reaches the read model with its workflow's first task.
  for (const until = Date.now() + waitMs; !row && Date.now() < until;) {
    await sleep(PROJECTION_POLL_MS);
    row = await findCase(db, caseId);
  }
  if (!row) return undefined;
  const parties = {
    commune: row.commune,
    partyPins: row.party_pins,
    agencies: principal.role === 'officer' ? await caseAgencies(db, caseId) : [],
  };
  return maySeeCase(principal, parties) ? { row, parties } : undefined;
}

/** The case if the caller may see it (and, with `act`, act for the applicant); otherwise 404/403. */
export async function visibleCase(
  db: Db,
  principal: Principal,
  caseId: string,
  act = false,
): Promise<CaseRow> {
  const found = await findVisibleCase(db, principal, caseId);
  if (!found) throw new HttpProblem(ApiError.NOT_FOUND);
  if (act && !mayActForApplicant(principal, found.parties))
    throw new HttpProblem(ApiError.FORBIDDEN);
  return found.row;
}

/**
 * A filing whose business key already has a case: the case is named only to someone who may read it.
 * Anyone else learns only what the status says — that this filing cannot be accepted — not the case
 * id (nor, for a death, that one was reported). A case still not in the read model after a short
 * wait (its worker is down) is named to nobody.
 */
export async function duplicateFiling(
  db: Db,
  principal: Principal,
  caseId: string,
  detail: string,
): Promise<HttpProblem> {
  if (await findVisibleCase(db, principal, caseId, DUPLICATE_PROJECTION_WAIT_MS))
    return new HttpProblem(ApiError.CONFLICT, detail, { caseId });
  return new HttpProblem(ApiError.FILING_NOT_ACCEPTED);
}
