// Signing in at the identity provider (VNeID for citizens, the agencies' directory for staff): the
// authorization code flow with PKCE (S256) through oauth4webapi. The page keeps the code verifier and
// state in this tab's sessionStorage while the person is at the provider, asks for a fresh password
// every time (`prompt=login`: a one-stop desk's computer is shared), and keeps the access token the
// provider issues for the API as the tab's session (session.ts).
import * as oauth from 'oauth4webapi';
import type { SignInProvider } from './config';
import { language } from './i18n';

const PENDING = 'lien-thong.signin';
const SCOPE = 'openid profile api';

interface Pending {
  state: string;
  codeVerifier: string;
  next: string | null;
}

/** http is allowed for a provider on this machine (development) only. */
const insecureAllowed = (issuer: URL) =>
  issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);

async function discover(provider: SignInProvider) {
  const issuer = new URL(provider.issuer);
  const options = { [oauth.allowInsecureRequests]: insecureAllowed(issuer) };
  const response = await oauth.discoveryRequest(issuer, options);
  return {
    as: await oauth.processDiscoveryResponse(issuer, response),
    client: { client_id: provider.clientId, id_token_signed_response_alg: 'ES256' },
    options,
  };
}

const redirectUri = () => `${location.origin}/signin/callback`;

/** Sends the person to the provider's sign-in; `next` is where to go once back. */
export async function startSignIn(provider: SignInProvider, next: string | null): Promise<void> {
  const { as } = await discover(provider);
  if (!as.authorization_endpoint) throw new Error('the identity provider has no sign-in endpoint');
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const url = new URL(as.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: provider.clientId,
    redirect_uri: redirectUri(),
    response_type: 'code',
    scope: SCOPE,
    code_challenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    prompt: 'login',
    ui_locales: language(),
  }).toString();
  sessionStorage.setItem(PENDING, JSON.stringify({ state, codeVerifier, next } satisfies Pending));
  location.assign(url.href);
}

export class SignInCancelled extends Error {
  override name = 'SignInCancelled';
}

/**
 * Back from the provider: checks the state, exchanges the code (with the verifier) for tokens, and
 * answers the access token and where to go next. A sign-in this tab did not start is refused.
 */
export async function finishSignIn(
  provider: SignInProvider,
): Promise<{ accessToken: string; next: string | null }> {
  const raw = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  if (!raw) throw new Error('this sign-in was not started from this tab');
  const pending = JSON.parse(raw) as Pending;
  const { as, client, options } = await discover(provider);
  let params: URLSearchParams;
  try {
    params = oauth.validateAuthResponse(as, client, new URL(location.href), pending.state);
  } catch (error) {
    if (error instanceof oauth.AuthorizationResponseError && error.error === 'access_denied')
      throw new SignInCancelled('sign-in cancelled');
    throw error;
  }
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    oauth.None(),
    params,
    redirectUri(),
    pending.codeVerifier,
    options,
  );
  const result = await oauth.processAuthorizationCodeResponse(as, client, response);
  return { accessToken: result.access_token, next: pending.next };
}
