// Bearer-JWT authentication (jose). Tokens of an identity provider are verified through its JWKS
// (asymmetric algorithms only, its issuer): in production VNeID and the agencies' directory, in
// development the provider `make start` runs (idp/). Tokens signed with the HS256 secret — tests, `npm
// run token`, `make demo` — are accepted where HS256 is allowed (never in production unless switched
// on); which of the two checks a token is chosen by its header's `alg`, so neither can pass for the other.
// Every token must say who (`sub`), when it was issued (`iat`) and until when it holds (`exp`): a
// signed token without `exp` would otherwise be good forever, so it is also refused once its `iat`
// is older than the maximum age, whatever its `exp` says. Clocks may disagree by a bounded skew.
import {
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  jwtVerify,
  SignJWT,
  type JWTPayload,
} from 'jose';
import { hs256Allowed, type AuthEnv } from '../config/env';
import { Principal } from '../domain/principal';

export interface AuthSettings {
  secret: string;
  jwksUrl?: string | undefined;
  /** The issuer of HS256 tokens, and of the JWKS's tokens unless `oidcIssuer` names theirs. */
  issuer: string;
  /** The identity provider's issuer (AUTH_OIDC_ISSUER): the pages sign in there. */
  oidcIssuer?: string | undefined;
  audience: string;
  /** The oldest token accepted, by its `iat` (default 24 h). */
  maxTokenAgeSeconds?: number | undefined;
  /** How far the issuer's clock and ours may disagree (default 60 s). */
  clockToleranceSeconds?: number | undefined;
  /**
   * Whether tokens signed with the shared HS256 secret are accepted when there is no JWKS (default
   * yes; production only when AUTH_ALLOW_HS256=true, config/env.ts).
   */
  allowHs256?: boolean | undefined;
}

export const DEFAULT_MAX_TOKEN_AGE_SECONDS = 24 * 3600;
export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 60;
/**
 * The identity provider's algorithms: asymmetric only, so a key published in the JWKS can never be
 * used as an HMAC secret, and no algorithm the provider does not use is tried.
 */
export const JWKS_ALGORITHMS = ['RS256', 'ES256', 'EdDSA'];

/** The settings the environment gives (the API's, a script's minting demo tokens). */
export function authSettings(env: AuthEnv): AuthSettings {
  return {
    secret: env.AUTH_JWT_SECRET,
    jwksUrl: env.AUTH_JWKS_URL,
    issuer: env.AUTH_JWT_ISSUER,
    oidcIssuer: env.AUTH_OIDC_ISSUER,
    audience: env.AUTH_JWT_AUDIENCE,
    maxTokenAgeSeconds: Math.round(env.AUTH_TOKEN_MAX_AGE_HOURS * 3600),
    clockToleranceSeconds: env.AUTH_CLOCK_SKEW_SECONDS,
    allowHs256: hs256Allowed(env),
  };
}

export type Authenticator = (token: string) => Promise<Principal>;

export class AuthenticationError extends Error {
  override name = 'AuthenticationError';
}

export function createAuthenticator(settings: AuthSettings): Authenticator {
  if (!settings.jwksUrl && settings.allowHs256 === false)
    throw new Error('no way to verify tokens: set AUTH_JWKS_URL, or allow HS256');
  const options = {
    audience: settings.audience,
    requiredClaims: ['exp', 'iat', 'sub'],
    maxTokenAge: settings.maxTokenAgeSeconds ?? DEFAULT_MAX_TOKEN_AGE_SECONDS,
    clockTolerance: settings.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS,
  };
  type Verify = (token: string) => Promise<JWTPayload>;
  const byJwks: Verify | undefined = settings.jwksUrl
    ? (
        (jwks) => async (token) =>
          (
            await jwtVerify(token, jwks, {
              ...options,
              issuer: settings.oidcIssuer ?? settings.issuer,
              algorithms: JWKS_ALGORITHMS,
            })
          ).payload
      )(createRemoteJWKSet(new URL(settings.jwksUrl)))
    : undefined;
  const bySecret: Verify | undefined =
    settings.allowHs256 !== false
      ? (
          (key) => async (token) =>
            (
              await jwtVerify(token, key, {
                ...options,
                issuer: settings.issuer,
                algorithms: ['HS256'],
              })
            ).payload
        )(new TextEncoder().encode(settings.secret))
      : undefined;
  const verify: Verify = async (token) => {
    const { alg } = decodeProtectedHeader(token);
    const check = alg === 'HS256' ? bySecret : byJwks;
    if (!check)
      throw new Error(
        alg === 'HS256'
          ? 'tokens signed with the shared secret (HS256) are not accepted here'
          : `no identity provider's keys to verify an ${String(alg)} token with`,
      );
    return check(token);
  };
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

/**
 * Signs a development token with the HS256 secret (never used with a JWKS issuer). A lifetime longer
 * than the maximum token age is refused: such a token would stop working before its `exp`.
 */
export async function mintToken(
  settings: AuthSettings,
  principal: Principal,
  expiresIn: string | number = '8h',
): Promise<string> {
  const { sub, ...claims } = principal;
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(settings.secret));
  const { iat = 0, exp = 0 } = decodeJwt(token);
  const maxAge = settings.maxTokenAgeSeconds ?? DEFAULT_MAX_TOKEN_AGE_SECONDS;
  if (exp - iat > maxAge)
    throw new Error(
      `a token lives at most ${maxAge} s (the maximum token age), not ${exp - iat} s`,
    );
  return token;
}
