// Other people's personal ID numbers are shown only to those who need them (issue 5, DESIGN.md §3):
// officers and clerks work with them; a citizen sees their own and the registered child's; a
// supervisor or an admin watches deadlines and operations and sees every PIN masked. Bank account
// numbers in an application are shown only to those who pay or took them: the clerk at the desk,
// the applicant, and the officers of an agency that decides one of the case's payments.
import type { Principal } from '../domain/principal';
import type { CaseView } from '../domain/procedures/views';

const PIN = /^\d{12}$/;

/** `001190012345` → `********2345`. */
export const maskPin = (pin: string) => `${'*'.repeat(8)}${pin.slice(-4)}`;

/** Which PINs this caller may read in full; undefined: every one. */
function readablePins(principal: Principal, view: CaseView): Set<string> | undefined {
  switch (principal.role) {
    case 'clerk':
    case 'officer':
      return undefined;
    case 'citizen': {
      // The child whose birth the parents registered is theirs to know.
      const child = view.steps.find((s) => s.step === 'birth')?.result?.pin;
      return new Set([principal.pin, ...(child ? [child] : [])]);
    }
    case 'supervisor':
    case 'admin':
      return new Set();
  }
}

/** Masks every PIN value in a record a caller may not read in full. */
export function maskRecord<T extends Record<string, unknown>>(
  record: T,
  readable: Set<string> | undefined,
): T {
  if (!readable) return record;
  const mask = (value: unknown): unknown => {
    if (typeof value === 'string')
      return PIN.test(value) && !readable.has(value) ? maskPin(value) : value;
    if (Array.isArray(value)) return value.map(mask);
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mask(v)]));
    return value;
  };
  return mask(record) as T;
}

/** The case as this caller may see it. */
export const caseViewFor = (principal: Principal, view: CaseView): CaseView =>
  maskRecord(view, readablePins(principal, view));

/** A task summary as this caller may see it (supervisors watch deadlines, not people). */
export const taskSummaryFor = (principal: Principal, summary: Record<string, unknown>) =>
  maskRecord(summary, principal.role === 'officer' ? undefined : new Set<string>());

/** `0011223344` → `******3344`. */
export const maskAccountNumber = (number: string) =>
  `${'*'.repeat(Math.max(number.length - 4, 0))}${number.slice(-4)}`;

/** The steps that pay someone: their agency's officers need the account to pay into. */
const PAYING_STEPS: readonly string[] = ['funeral', 'survivor'];

/** Whether this caller may read the application's bank account numbers in full. */
function mayReadAccounts(principal: Principal, view: CaseView, partyPins: readonly string[]) {
  switch (principal.role) {
    case 'clerk':
      return true;
    case 'citizen':
      // The applicant gave them; another relative named in the case has no need of them.
      return partyPins[0] === principal.pin;
    case 'officer':
      return view.steps.some((s) => PAYING_STEPS.includes(s.step) && s.agency === principal.agency);
    case 'supervisor':
    case 'admin':
      return false;
  }
}

/** Masks the number of every bank account (`bankAccount: { number }`) in a record. */
function maskAccounts<T>(record: T): T {
  const mask = (value: unknown, key?: string): unknown => {
    if (Array.isArray(value)) return value.map((v) => mask(v));
    if (!value || typeof value !== 'object') return value;
    const entries = Object.entries(value).map(([k, v]) =>
      key === 'bankAccount' && k === 'number' && typeof v === 'string'
        ? [k, maskAccountNumber(v)]
        : [k, mask(v, k)],
    );
    return Object.fromEntries(entries);
  };
  return mask(record) as T;
}

/**
 * The application as filed, as this caller may see it: the same PINs as the case's view, bank
 * accounts in full only for those who pay or took them (`partyPins`: the applicant first).
 */
export function applicationFor<T extends Record<string, unknown>>(
  principal: Principal,
  view: CaseView,
  application: T,
  partyPins: readonly string[],
): T {
  const masked = maskRecord(application, readablePins(principal, view));
  return mayReadAccounts(principal, view, partyPins) ? masked : maskAccounts(masked);
}
