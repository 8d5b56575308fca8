// The bearer token of this browser tab (sessionStorage: gone when the tab closes) and the claims in
// it. The claims only steer the pages; the API checks the token on every call.
export type Role = 'citizen' | 'clerk' | 'officer' | 'supervisor' | 'admin';

export interface Claims {
  sub: string;
  name?: string;
  role: Role;
  pin?: string;
  agency?: string;
  jurisdiction?: string;
  exp?: number;
}

export interface Session {
  token: string;
  claims: Claims;
}

const KEY = 'lien-thong.token';

function decode(token: string): Claims | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as Claims;
  } catch {
    return undefined;
  }
}

export function currentSession(): Session | undefined {
  const token = sessionStorage.getItem(KEY);
  const claims = token ? decode(token) : undefined;
  if (!token || !claims) return undefined;
  if (claims.exp !== undefined && claims.exp * 1000 < Date.now()) {
    sessionStorage.removeItem(KEY);
    return undefined;
  }
  return { token, claims };
}

export function signIn(token: string): Session | undefined {
  sessionStorage.setItem(KEY, token);
  return currentSession();
}

/** Where the filing page keeps a person's drafts in this browser: `<prefix><sub>.<procedure>`. */
export const DRAFT_PREFIX = 'lien-thong.draft.';

/**
 * Ends the tab's session. Signing out on purpose also removes every draft kept in this browser: a
 * draft holds the personal data of an application, and a desk's computer is shared. A session that
 * merely expired keeps its drafts, for the same person to sign in again and go on.
 */
export function signOut({ forgetDrafts = false } = {}): void {
  sessionStorage.removeItem(KEY);
  if (!forgetDrafts) return;
  const drafts = Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i)).filter(
    (key): key is string => key?.startsWith(DRAFT_PREFIX) === true,
  );
  for (const key of drafts) localStorage.removeItem(key);
}

/** Where each role starts. */
export const HOME: Record<Role, string> = {
  citizen: '/citizen',
  clerk: '/clerk',
  officer: '/officer',
  supervisor: '/supervisor',
  admin: '/clerk/cases',
};
