// The development identity provider (idp/) in a test: on the test database, with the development
// accounts and a fresh signing key, listening on a free port; and a sign-in driven over HTTP as a
// browser would (cookies, redirects, the login form), with oauth4webapi as the client (PKCE, state).
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { calculateJwkThumbprint, type JWK } from 'jose';
import * as oauth from 'oauth4webapi';
import pino from 'pino';
import { migrate } from '../../db/migrate';
import { createAccountStore, IDP_MIGRATIONS, type AccountStore } from '../../idp/accounts';
import type { ServiceClient } from '../../idp/clients';
import { seedDevelopmentAccounts } from '../../idp/development-accounts';
import { createIdentityProvider, WEB_CLIENT_ID } from '../../idp/provider';
import type { TestDatabase } from './database';

/** The development accounts' password in tests. */
export const TEST_ACCOUNT_PASSWORD = 'test-account-password';
export const TEST_AUDIENCE = 'lien-thong';

export interface TestIdentityProvider {
  issuer: string;
  jwksUrl: string;
  /** The private signing key: to forge tokens the provider did not make (expired, foreign…). */
  signingKey: JWK;
  accounts: AccountStore;
  stop: () => Promise<void>;
}

export async function startIdentityProvider(
  database: TestDatabase,
  {
    redirectUris = ['http://127.0.0.1:1/signin/callback'],
    temporalUi,
    serviceClients,
  }: {
    redirectUris?: string[];
    temporalUi?: { clientSecret: string; redirectUri: string };
    serviceClients?: ServiceClient[];
  } = {},
): Promise<TestIdentityProvider> {
  await migrate(database.url, { dir: IDP_MIGRATIONS, table: 'idp_schema_migrations' });
  const accounts = createAccountStore(database.db);
  await seedDevelopmentAccounts(database.db, accounts, TEST_ACCOUNT_PASSWORD);
  const jwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
    format: 'jwk',
  }) as JWK;
  const signingKey = { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'ES256', use: 'sig' };
  let issuer = '';
  const server: Server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { handler } = createIdentityProvider({
    issuer,
    accounts,
    signingKey,
    cookieKeys: ['test-cookie-key-test-cookie-key-00'],
    redirectUris,
    temporalUi,
    serviceClients,
    audience: TEST_AUDIENCE,
    accessTokenSeconds: 3600,
    logger: pino({ level: 'silent' }),
  });
  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    signingKey,
    accounts,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** What a headless sign-in ended with: tokens, or the page or redirect that stopped it. */
export type SignInResult =
  | { ok: true; accessToken: string; idToken: string | undefined }
  | { ok: false; status: number; page: string; location?: string };

/**
 * Signs in at `issuer` as `login` with `password` the way the pages do (code + PKCE S256), following
 * the provider's redirects and cookies by hand. `authorize` adds or overrides request parameters.
 */
export async function signInAt(
  issuer: string,
  login: string,
  password: string,
  {
    redirectUri = 'http://127.0.0.1:1/signin/callback',
    authorize = {},
    confidential,
  }: {
    redirectUri?: string;
    authorize?: Record<string, string>;
    /** Sign in as a confidential client (Temporal's Web UI): its secret, and no PKCE. */
    confidential?: { clientId: string; secret: string };
  } = {},
): Promise<SignInResult> {
  const options = { [oauth.allowInsecureRequests]: true };
  const as = await oauth.processDiscoveryResponse(
    new URL(issuer),
    await oauth.discoveryRequest(new URL(issuer), options),
  );
  const clientId = confidential?.clientId ?? WEB_CLIENT_ID;
  const client: oauth.Client = { client_id: clientId, id_token_signed_response_alg: 'ES256' };
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const url = new URL(as.authorization_endpoint ?? '');
  url.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid profile api',
    ...(!confidential && {
      code_challenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    }),
    state,
    prompt: 'login',
    ...authorize,
  }).toString();

  const cookies = new Map<string, string>();
  const send = async (target: string, init: RequestInit = {}) => {
    const response = await fetch(target, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair?.indexOf('=') ?? -1;
      if (pair && at > 0) cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  };

  let response = await send(url.href);
  let posted = false;
  for (let hops = 0; hops < 10; hops += 1) {
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, issuer);
      if (next.href.startsWith(redirectUri)) {
        if (next.searchParams.has('error'))
          return { ok: false, status: response.status, page: '', location: next.href };
        const params = oauth.validateAuthResponse(as, client, next, state);
        const tokens = await oauth.processAuthorizationCodeResponse(
          as,
          client,
          await oauth.authorizationCodeGrantRequest(
            as,
            client,
            confidential ? oauth.ClientSecretBasic(confidential.secret) : oauth.None(),
            params,
            redirectUri,
            confidential ? oauth.nopkce : codeVerifier,
            options,
          ),
        );
        return { ok: true, accessToken: tokens.access_token, idToken: tokens.id_token };
      }
      response = await send(next.href);
      continue;
    }
    const page = await response.text();
    const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1];
    if (response.status !== 200 || !action || posted)
      return {
        ok: false,
        status: response.status,
        page,
        ...(location && { location }),
      };
    posted = true;
    response = await send(new URL(action.replace(/&amp;/g, '&'), issuer).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ login, password }).toString(),
    });
  }
  return { ok: false, status: response.status, page: await response.text() };
}
