// Who may see and act on a case (DESIGN.md §3). Callers that may not see a case are told it does not
// exist (404): a citizen must not learn that someone else's case exists.
import { setTimeout as sleep } from 'node:timers/promises';
import { caseAgencies, findCase, type CaseRow } from '../db/queries/cases.queries';
import { communesServedBy } from '../db/officers.repository';
import type { Db } from '../db/pool';
import { ApiError } from '../domain/errors';
import type { Principal } from '../domain/principal';
import { HttpProblem } from './problem';
import type { Words } from '../domain/rule-texts';

const PROJECTION_POLL_MS = 100;
const DUPLICATE_PROJECTION_WAIT_MS = 3_000;

export interface CaseParties {
  commune: string;
  partyPins: readonly string[];
  /** Agencies (with their jurisdiction) that hold a step of the case. */
  agencies: readonly { agency: string; jurisdiction: string }[];
}

/**
 * `served`: for an officer, the communes they serve (`communesServedBy`: their directory entry's
 * jurisdiction — communes, a province or a region); by default the one their token names.
 */
export function maySeeCase(
  principal: Principal,
  parties: CaseParties,
  served: readonly string[] = 'jurisdiction' in principal ? [principal.jurisdiction] : [],
): boolean {
  switch (principal.role) {
    case 'citizen':
      return parties.partyPins.includes(principal.pin);
    case 'clerk':
    case 'supervisor':
      return parties.commune === principal.jurisdiction;
    case 'officer':
      return parties.agencies.some(
        (a) => a.agency === principal.agency && served.includes(a.jurisdiction),
      );
    case 'admin':
      return true;
  }
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
  const served = principal.role === 'officer' ? await communesServedBy(db, principal) : undefined;
  return maySeeCase(principal, parties, served) ? { row, parties } : undefined;
}

/**
 * Withdrawing and answering supplements: the applicant themself — the citizen whose PIN filed the
 * case — or a clerk of its commune, who acts for the applicant at the desk. Not another party: a
 * relative named in the case may read it, but neither withdraws the family's case nor answers for
 * the applicant. Every procedure projects the applicant first among the case's parties
 * (`partyPins`, workflows/*.workflow.ts), so the applicant is `partyPins[0]`.
 */
export function mayActAsApplicant(principal: Principal, parties: CaseParties): boolean {
  switch (principal.role) {
    case 'citizen':
      return parties.partyPins[0] === principal.pin;
    case 'clerk':
      return parties.commune === principal.jurisdiction;
    case 'officer':
    case 'supervisor':
    case 'admin':
      return false;
  }
}

const APPLICANT_ONLY = {
  vi: 'chỉ người nộp hồ sơ hoặc cán bộ một cửa của xã nhận hồ sơ mới được làm việc này; người thân có tên trong hồ sơ chỉ được xem',
  en: 'only the applicant who filed the case, or a clerk of its commune, may do this; a relative named in the case may only read it',
};

/**
 * The case if the caller may see it (and, with `act: 'applicant'`, act as its applicant);
 * otherwise 404, or 403 with the reason for a party who may read it but not act.
 */
export async function visibleCase(
  db: Db,
  principal: Principal,
  caseId: string,
  act?: 'applicant',
): Promise<CaseRow> {
  const found = await findVisibleCase(db, principal, caseId);
  if (!found) throw new HttpProblem(ApiError.NOT_FOUND);
  if (act === 'applicant' && !mayActAsApplicant(principal, found.parties))
    throw new HttpProblem(ApiError.FORBIDDEN, APPLICANT_ONLY);
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
  detail: Words,
): Promise<HttpProblem> {
  if (await findVisibleCase(db, principal, caseId, DUPLICATE_PROJECTION_WAIT_MS))
    return new HttpProblem(ApiError.CONFLICT, detail, { caseId });
  return new HttpProblem(ApiError.FILING_NOT_ACCEPTED);
}
