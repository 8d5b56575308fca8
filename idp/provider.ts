// The development identity provider (issue 24): oidc-provider, a certified OpenID Provider library,
// playing VNeID for citizens and the agencies' directory for staff. The pages sign in with the
// authorization code flow and PKCE (S256, required); the access token is a JWT for the API's audience,
// signed ES256 with a key published at /jwks, carrying the claims the API's principal needs — read
// from the account store when the token is made (idp/accounts.ts), never taken from the request.
// Consent is implied: the pages are the first-party client. Production signs people in through the
// real VNeID and directory, which the API reaches by AUTH_JWKS_URL and AUTH_OIDC_ISSUER alike.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { text } from 'node:stream/consumers';
import Provider, {
  errors,
  type ClientMetadata,
  type Configuration,
  type JWK,
  type KoaContextWithOIDC,
} from 'oidc-provider';
import type { Logger } from '../config/logger';
import { safeWord } from '../domain/safe-text';
import { languageOf, loginPage, type LoginProblem } from './login-page';
import type { AccountStore } from './accounts';
import {
  TEMPORAL_AUDIENCE,
  TEMPORAL_RESOURCE,
  TEMPORAL_UI_CLIENT_ID,
  type ServiceClient,
} from './clients';

export const WEB_CLIENT_ID = 'lien-thong-web';
export { TEMPORAL_RESOURCE, TEMPORAL_UI_CLIENT_ID } from './clients';
/** The API as a resource server: an absolute URI (RFC 8707); its tokens' `aud` is `audience`. */
export const API_RESOURCE = 'urn:lien-thong:api';
const API_SCOPE = 'api';
const TEMPORAL_SCOPE = 'temporal';
/** A service's Temporal token: its holder asks again well before this (the launcher: every 20 min). */
const SERVICE_TOKEN_SECONDS = 3600;
const SIGNING_ALG = 'ES256';

export interface IdentityProviderOptions {
  issuer: string;
  accounts: AccountStore;
  /** The private signing key (EC P-256 JWK); its public half is served at /jwks. */
  signingKey: JWK;
  /** Signs the provider's cookies (Keygrip: the first signs, all verify). */
  cookieKeys: string[];
  /** Where the pages may come back to after sign-in (their /signin/callback). */
  redirectUris: string[];
  /** Temporal's Web UI as a client: its secret and where it comes back (…/auth/sso/callback). */
  temporalUi?: { clientSecret: string; redirectUri: string } | undefined;
  /** The services that get Temporal tokens by the client credentials grant (production profile). */
  serviceClients?: ServiceClient[] | undefined;
  /** The API's audience (AUTH_JWT_AUDIENCE). */
  audience: string;
  accessTokenSeconds: number;
  logger: Logger;
}

/** Temporal's Web UI: its server exchanges the code with its secret (client_secret_basic). */
const temporalUiClient = (ui: { clientSecret: string; redirectUri: string }): ClientMetadata => ({
  client_id: TEMPORAL_UI_CLIENT_ID,
  client_secret: ui.clientSecret,
  application_type: 'web',
  token_endpoint_auth_method: 'client_secret_basic',
  grant_types: ['authorization_code'],
  response_types: ['code'],
  redirect_uris: [ui.redirectUri],
  id_token_signed_response_alg: SIGNING_ALG,
});

/** A service: its secret at the token endpoint (client_secret_basic), no browser flow. */
const serviceClient = (service: ServiceClient): ClientMetadata => ({
  client_id: service.clientId,
  client_secret: service.secret,
  token_endpoint_auth_method: 'client_secret_basic',
  grant_types: ['client_credentials'],
  response_types: [],
  redirect_uris: [],
  id_token_signed_response_alg: SIGNING_ALG,
});

/** Failed passwords per login: 5 within 15 minutes hold the login off for the rest of them. */
const THROTTLE = { failures: 5, windowMs: 15 * 60_000 };
const BODY_LIMIT = 8 * 1024;
/** What a login may be: a PIN or a staff id, one word of safe characters (domain/safe-text.ts). */
const LoginName = safeWord(200);

export function createIdentityProvider(options: IdentityProviderOptions) {
  const { accounts, logger } = options;
  const origins = new Set(options.redirectUris.map((uri) => new URL(uri).origin));
  const services = new Map((options.serviceClients ?? []).map((c) => [c.clientId, c]));

  const configuration: Configuration = {
    clients: [
      {
        client_id: WEB_CLIENT_ID,
        application_type: 'web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.redirectUris.map((uri) => new URL('/signin', uri).href),
        id_token_signed_response_alg: SIGNING_ALG,
      },
      ...(options.temporalUi ? [temporalUiClient(options.temporalUi)] : []),
      ...[...services.values()].map(serviceClient),
    ],
    jwks: { keys: [options.signingKey] },
    cookies: { keys: options.cookieKeys },
    // PKCE for the pages, a public client; a confidential client proves itself by its secret.
    pkce: {
      required: (_ctx, client) => client.tokenEndpointAuthMethod === 'none',
      methods: ['S256'],
    },
    claims: { openid: ['sub'], profile: ['name'] },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    ttl: {
      AccessToken: options.accessTokenSeconds,
      AuthorizationCode: 60,
      IdToken: options.accessTokenSeconds,
      Interaction: 15 * 60,
      Grant: options.accessTokenSeconds,
      Session: options.accessTokenSeconds,
    },
    clientBasedCORS: (_ctx, origin, client) =>
      client.clientId === WEB_CLIENT_ID && origins.has(origin),
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true },
      clientCredentials: { enabled: services.size > 0 },
      resourceIndicators: {
        enabled: true,
        defaultResource: (_ctx, client) =>
          client && services.has(client.clientId) ? TEMPORAL_RESOURCE : API_RESOURCE,
        useGrantedResource: () => true,
        // Services get Temporal tokens and nothing else; people get the API's, never Temporal's.
        getResourceServerInfo: (_ctx, resource, client) => {
          const service = services.has(client.clientId);
          if (resource === TEMPORAL_RESOURCE && service)
            return {
              scope: TEMPORAL_SCOPE,
              audience: TEMPORAL_AUDIENCE,
              accessTokenTTL: SERVICE_TOKEN_SECONDS,
              accessTokenFormat: 'jwt',
              jwt: { sign: { alg: SIGNING_ALG } },
            };
          if (resource !== API_RESOURCE || service) throw new errors.InvalidTarget();
          return {
            scope: API_SCOPE,
            audience: options.audience,
            accessTokenTTL: options.accessTokenSeconds,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: SIGNING_ALG } },
          };
        },
      },
    },
    async findAccount(_ctx, sub) {
      const principal = await accounts.principalOf(sub);
      if (!principal) return undefined;
      return {
        accountId: sub,
        claims: () => ({ sub, ...(principal.name !== undefined && { name: principal.name }) }),
      };
    },
    // The claims the API authorizes by, as the account store says now; a service's Temporal
    // permissions, as it was registered.
    async extraTokenClaims(_ctx, token) {
      if (token.kind === 'ClientCredentials') {
        const service = services.get(token.clientId ?? '');
        return service && token.resourceServer?.audience === TEMPORAL_AUDIENCE
          ? { permissions: service.permissions }
          : undefined;
      }
      const accountId = 'accountId' in token ? token.accountId : undefined;
      const principal = accountId ? await accounts.principalOf(accountId) : undefined;
      if (!principal) return undefined;
      const { sub: _sub, ...claims } = principal;
      return claims;
    },
  };
  const provider = new Provider(options.issuer, configuration);
  provider.on('server_error', (_ctx: KoaContextWithOIDC, err: Error) =>
    logger.error({ err }, 'identity provider error'),
  );

  const failures = new Map<string, number[]>();
  // Only logins with failures in the window are kept: random logins cannot grow it beyond them.
  const recentFailures = (login: string) => {
    const recent = (failures.get(login) ?? []).filter((t) => Date.now() - t < THROTTLE.windowMs);
    if (recent.length > 0) failures.set(login, recent);
    else failures.delete(login);
    return recent;
  };
  const throttled = (login: string) => recentFailures(login).length >= THROTTLE.failures;

  async function interaction(req: IncomingMessage, res: ServerResponse, path: string) {
    const details = await provider.interactionDetails(req, res);
    const { uid, prompt, params } = details;
    const action = `/interaction/${uid}`;
    if (path.endsWith('/abort')) {
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'the person cancelled sign-in' },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    if (prompt.name === 'consent') {
      // The pages are first-party: what they asked for is granted.
      const accountId = details.session?.accountId;
      if (!accountId) throw new errors.InvalidRequest('no session to grant for');
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId, clientId: String(params.client_id) });
      if (!grant) throw new errors.InvalidRequest('grant not found');
      const missing = prompt.details as {
        missingOIDCScope?: string[];
        missingOIDCClaims?: string[];
        missingResourceScopes?: Record<string, string[]>;
      };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {}))
        grant.addResourceScope(resource, scopes.join(' '));
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { consent: { grantId } },
        { mergeWithLastSubmission: true },
      );
      return;
    }
    const language = languageOf(req.headers['accept-language']);
    const page = (status: number, login?: string, problem?: LoginProblem) => {
      res.statusCode = status;
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader(
        'Content-Security-Policy',
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
      );
      res.end(
        loginPage({
          action,
          cancel: `${action}/abort`,
          language,
          ...(login !== undefined && { login }),
          ...(problem && { problem }),
        }),
      );
    };
    if (req.method === 'GET') return page(200);
    if (req.method !== 'POST') return page(405);
    if (Number(req.headers['content-length'] ?? 0) > BODY_LIMIT) return page(413);
    const form = new URLSearchParams((await text(req)).slice(0, BODY_LIMIT));
    const login = (form.get('login') ?? '').trim().slice(0, 200);
    const password = form.get('password') ?? '';
    if (throttled(login)) return page(429, login, 'throttled');
    // A login no account could have (control, invisible or malformed characters, a space) is
    // refused like a wrong password, before it reaches the database (which refuses U+0000).
    const sub = LoginName.safeParse(login).success
      ? await accounts.authenticate(login, password)
      : undefined;
    if (!sub || !(await accounts.principalOf(sub))) {
      failures.set(login, [...recentFailures(login), Date.now()]);
      logger.info({ uid }, 'sign-in refused');
      return page(401, login, 'refused');
    }
    failures.delete(login);
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: sub } },
      { mergeWithLastSubmission: false },
    );
  }

  const handleOidc = provider.callback();
  /** The provider's endpoints, and its sign-in pages under /interaction/. */
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    if (!path.startsWith('/interaction/')) {
      void handleOidc(req, res);
      return;
    }
    interaction(req, res, path).catch((error: unknown) => {
      logger.warn({ err: error }, 'sign-in interaction failed');
      if (res.headersSent) {
        res.end();
        return;
      }
      res.statusCode = error instanceof errors.SessionNotFound ? 400 : 500;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end(
        error instanceof errors.SessionNotFound
          ? 'Phiên đăng nhập đã hết hạn; hãy đăng nhập lại. / The sign-in has expired; start again.\n'
          : 'Lỗi máy chủ đăng nhập. / The sign-in server failed.\n',
      );
    });
  };
  return { provider, handler };
}
