import { SignJWT, type JWTPayload } from 'jose';
import { createAuthenticator, mintToken, type AuthSettings } from '../../api/auth';
import type { Principal } from '../../domain/principal';

export const TEST_AUTH: AuthSettings = {
  secret: 'test-secret-test-secret-test-secret-0000',
  issuer: 'lien-thong-test',
  audience: 'lien-thong',
};

export const testAuthenticator = createAuthenticator(TEST_AUTH);

export const tokenFor = (principal: Principal, expiresIn: string | number = '5m') =>
  mintToken(TEST_AUTH, principal, expiresIn);

export const ADMIN: Principal = { sub: 'admin-1', role: 'admin' };
export const CLERK: Principal = { sub: 'clerk-1', role: 'clerk', jurisdiction: '00004' };

/** The simulators' /admin bearer token in tests (the test stack's simulators require it). */
export const SIMULATORS_ADMIN_TOKEN = 'test-simulators-admin-token-0000000000';

/**
 * A token signed with the test secret, with exactly the registered claims given (an admin unless
 * `extra` says otherwise): for tests of the token rules, which `tokenFor` always satisfies.
 */
export function signedWithClaims(
  claims: { sub?: string; iat?: number; exp?: number },
  extra: JWTPayload = {},
): Promise<string> {
  const jwt = new SignJWT({ role: 'admin', ...extra })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(TEST_AUTH.issuer)
    .setAudience(TEST_AUTH.audience);
  if (claims.sub !== undefined) jwt.setSubject(claims.sub);
  if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
  if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
  return jwt.sign(new TextEncoder().encode(TEST_AUTH.secret));
}
