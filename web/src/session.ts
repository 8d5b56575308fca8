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

export function signOut(): void {
  sessionStorage.removeItem(KEY);
}

/** Where each role starts. */
export const HOME: Record<Role, string> = {
  citizen: '/citizen',
  clerk: '/clerk',
  officer: '/officer',
  supervisor: '/supervisor',
  admin: '/clerk/cases',
};
