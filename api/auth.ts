// Bearer-JWT authentication (jose). Production verifies tokens of an external identity provider through
// its JWKS; development and tests use an HS256 secret, with `npm run token` minting demo tokens.
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { Principal } from '../domain/principal';

export interface AuthSettings {
  secret: string;
  jwksUrl?: string | undefined;
  issuer: string;
  audience: string;
}

export type Authenticator = (token: string) => Promise<Principal>;

export class AuthenticationError extends Error {
  override name = 'AuthenticationError';
}

export function createAuthenticator(settings: AuthSettings): Authenticator {
  const options = { issuer: settings.issuer, audience: settings.audience };
  const verify: (token: string) => Promise<JWTPayload> = settings.jwksUrl
    ? (
        (jwks) => async (token) =>
          (await jwtVerify(token, jwks, options)).payload
      )(createRemoteJWKSet(new URL(settings.jwksUrl)))
    : (
        (key) => async (token) =>
          (await jwtVerify(token, key, { ...options, algorithms: ['HS256'] })).payload
      )(new TextEncoder().encode(settings.secret));
  return async (token) => {
    let payload: JWTPayload;
    try {
      payload = await verify(token);
    } catch (error) {
      // jose's messages name the failed check (expired, signature, issuer…) and carry no token data.
      throw new AuthenticationError(error instanceof Error ? error.message : 'invalid token');
    }
    const claims = Principal.safeParse(payload);
    if (!claims.success) {
      throw new AuthenticationError(
        `token claims invalid: ${claims.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
      );
    }
    return claims.data;
  };
}

/** Signs a development token with the HS256 secret (never used with a JWKS issuer). */
export function mintToken(
  settings: AuthSettings,
  principal: Principal,
  expiresIn: string | number = '8h',
): Promise<string> {
  const { sub, ...claims } = principal;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(settings.secret));
}
