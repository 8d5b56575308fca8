// The development identity provider (idp/) with the API verifying its tokens through its JWKS: people
// sign in with the authorization code flow and PKCE, the claims come from the account store (the
// officer directory for officers), and the API refuses any token the provider did not make for it.
import { createRemoteJWKSet, importJWK, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthenticator } from '../../api/auth';
import { addOfficer, deactivateOfficer } from '../../db/officers.repository';
import { useDatabaseApp } from '../support/api-app';
import { TEST_AUTH } from '../support/auth';
import { TEMPORAL_RESOURCE, TEMPORAL_UI_CLIENT_ID, WEB_CLIENT_ID } from '../../idp/provider';
import type { ServiceClient } from '../../idp/clients';
import { requestServiceToken } from '../../scripts/runtime/service-tokens';
import {
  signInAt,
  startIdentityProvider,
  TEST_ACCOUNT_PASSWORD,
  TEST_AUDIENCE,
  type TestIdentityProvider,
} from '../support/identity';

let idp: TestIdentityProvider;
const authentication = { ...TEST_AUTH, audience: TEST_AUDIENCE };
/** The API as `make start` runs it: the provider's tokens through its JWKS, and HS256 test tokens. */
const subject = useDatabaseApp(undefined, {
  authenticate: (token) =>
    createAuthenticator({ ...authentication, jwksUrl: idp.jwksUrl, oidcIssuer: idp.issuer })(token),
});
/** Temporal's Web UI as the provider's confidential client (production profile, issue 23). */
const UI = {
  clientSecret: 'temporal-ui-secret-temporal-ui-secret',
  redirectUri: 'http://127.0.0.1:2/auth/sso/callback',
};
/** The worker as a service client of Temporal tokens (production profile, issue 23). */
const WORKER: ServiceClient = {
  clientId: 'lien-thong-worker',
  secret: 'worker-secret-worker-secret-worker-secret',
  permissions: ['default:write'],
};
beforeAll(async () => {
  idp = await startIdentityProvider(subject.database, {
    temporalUi: UI,
    serviceClients: [WORKER],
  });
});
afterAll(async () => {
  await idp?.stop();
});

const signIn = async (login: string, password = TEST_ACCOUNT_PASSWORD) => {
  const result = await signInAt(idp.issuer, login, password);
  if (!result.ok) throw new Error(`sign-in refused (${result.status})`);
  return result.accessToken;
};
const me = (token: string) =>
  request(subject.app).get('/v1/me/cases').set('Authorization', `Bearer ${token}`);
const tasks = (token: string) =>
  request(subject.app).get('/v1/tasks').set('Authorization', `Bearer ${token}`);

/** A token signed with the provider's own key, with these claims (an officer's unless overridden). */
async function forged(claims: JWTPayload, header: Record<string, string> = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    role: 'officer',
    agency: 'civil-status',
    jurisdiction: '00004',
    sub: 'officer-civil-status',
    iss: idp.issuer,
    aud: TEST_AUDIENCE,
    iat: now,
    exp: now + 300,
    ...claims,
  })
    .setProtectedHeader({ alg: 'ES256', kid: idp.signingKey.kid ?? '', ...header })
    .sign(await importJWK(idp.signingKey, 'ES256'));
}

describe('signing in at the development identity provider', () => {
  it('when an officer signs in with code + PKCE, then the API takes their token, with the agency and commune the directory gives', async () => {
    const token = await signIn('officer-police');

    const inbox = await tasks(token);

    expect(inbox.status).toBe(200);
    const verified = await createAuthenticator({
      ...authentication,
      jwksUrl: idp.jwksUrl,
      oidcIssuer: idp.issuer,
      allowHs256: false,
    })(token);
    expect(verified).toEqual({
      sub: 'officer-police',
      role: 'officer',
      agency: 'police',
      jurisdiction: '00004',
      name: 'Cán bộ police',
    });
  });

  it('when a citizen signs in with their PIN (VNeID), then the API reads their cases as that citizen', async () => {
    const token = await signIn('001190012345');

    const cases = await me(token);

    expect(cases.status).toBe(200);
    const [, payload] = token.split('.');
    expect(JSON.parse(Buffer.from(payload ?? '', 'base64url').toString())).toMatchObject({
      sub: 'vneid-001190012345',
      role: 'citizen',
      pin: '001190012345',
      iss: idp.issuer,
      aud: TEST_AUDIENCE,
    });
  });

  it('when the sign-in request asks for other claims, then the token still carries only what the account store says', async () => {
    const result = await signInAt(idp.issuer, 'officer-police', TEST_ACCOUNT_PASSWORD, {
      authorize: {
        claims: JSON.stringify({ id_token: { role: { value: 'admin' } } }),
        role: 'admin',
      },
    });

    expect(result.ok).toBe(true);
    const token = result.ok ? result.accessToken : '';
    const [, payload] = token.split('.');
    expect(JSON.parse(Buffer.from(payload ?? '', 'base64url').toString())).toMatchObject({
      role: 'officer',
      agency: 'police',
    });
  });

  it('when the password is wrong, then the form answers 401 in Vietnamese and no code is issued; five failures hold the login off even with the right one', async () => {
    const refused = await signInAt(idp.issuer, 'officer-merit-services', 'wrong-password');

    expect(refused).toMatchObject({ ok: false, status: 401 });
    expect(!refused.ok && refused.page).toContain('Tài khoản hoặc mật khẩu không đúng');
    for (let i = 0; i < 4; i += 1)
      await signInAt(idp.issuer, 'officer-merit-services', 'wrong-password');
    const held = await signInAt(idp.issuer, 'officer-merit-services', TEST_ACCOUNT_PASSWORD);
    expect(held).toMatchObject({ ok: false, status: 429 });
    expect(!held.ok && held.page).toContain('Đăng nhập sai quá nhiều lần');
  });

  it('when an officer is deactivated in the directory, then they can no longer sign in', async () => {
    expect(
      (await signInAt(idp.issuer, 'officer-social-protection', TEST_ACCOUNT_PASSWORD)).ok,
    ).toBe(true);
    await deactivateOfficer(subject.database.db, 'officer-social-protection', 'admin-1');

    const refused = await signInAt(idp.issuer, 'officer-social-protection', TEST_ACCOUNT_PASSWORD);

    expect(refused).toMatchObject({ ok: false, status: 401 });
  });

  it('when a clerk, a supervisor the admin just listed, and an account whose own claims say clerk sign in, then the directory alone makes staff', async () => {
    await addOfficer(
      subject.database.db,
      { sub: 'lanh-dao-70', name: 'Đinh Văn Tâm', role: 'supervisor', jurisdictions: ['00070'] },
      'admin-1',
    );
    await idp.accounts.save({ login: 'lanh-dao-70', sub: 'lanh-dao-70', password: 'a-password-1' });
    // Claims kept at the provider cannot make a clerk: only the directory can.
    await idp.accounts.save({
      login: 'self-made-clerk',
      sub: 'self-made-clerk',
      password: 'a-password-2',
      claims: { role: 'clerk', jurisdiction: '00004' },
    });

    const clerk = await signIn('clerk-00004');
    const supervisor = await signIn('lanh-dao-70', 'a-password-1');
    const selfMade = await signInAt(idp.issuer, 'self-made-clerk', 'a-password-2');

    const claims = (token: string) =>
      JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as object;
    expect(claims(clerk)).toMatchObject({
      sub: 'clerk-00004',
      role: 'clerk',
      jurisdiction: '00004',
    });
    expect(claims(clerk)).not.toHaveProperty('agency');
    expect(claims(supervisor)).toMatchObject({
      role: 'supervisor',
      jurisdiction: '00070',
      name: 'Đinh Văn Tâm',
    });
    const cases = await request(subject.app)
      .get('/v1/cases')
      .set('Authorization', `Bearer ${supervisor}`);
    expect(cases.status).toBe(200);
    expect(selfMade).toMatchObject({ ok: false, status: 401 });
  });

  it('when the sign-in has no PKCE challenge, or a plain one, then the provider refuses it', async () => {
    for (const authorize of [
      { code_challenge: '', code_challenge_method: '' },
      { code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' },
    ]) {
      const result = await signInAt(idp.issuer, 'admin', TEST_ACCOUNT_PASSWORD, { authorize });
      expect(result.ok).toBe(false);
      expect(!result.ok && `${result.location ?? ''} ${result.page}`).toMatch(
        /invalid_request|code_challenge/,
      );
    }
  });
});

describe('Temporal’s Web UI as a confidential client', () => {
  const asUi = (secret: string) =>
    signInAt(idp.issuer, 'admin', TEST_ACCOUNT_PASSWORD, {
      redirectUri: UI.redirectUri,
      confidential: { clientId: TEMPORAL_UI_CLIENT_ID, secret },
    });

  it('when the UI’s server exchanges the code with its secret and no PKCE (as it does), then it gets the admin’s token, which the API takes', async () => {
    const result = await asUi(UI.clientSecret);
    expect(result.ok).toBe(true);
    const token = result.ok ? result.accessToken : '';
    const { body } = await request(subject.app)
      .get('/v1/officers')
      .set('Authorization', `Bearer ${token}`);
    expect(body.items).toEqual(expect.any(Array));
  });

  it('when the code is exchanged with another secret, then no token is made', async () => {
    // The token endpoint answers 401 with a challenge: the client is not who it says.
    await expect(asUi('not-the-secret-not-the-secret-not-the')).rejects.toMatchObject({
      status: 401,
    });
  });
});

describe('services’ Temporal tokens by client credentials', () => {
  /** The token endpoint's answer to `client` asking with `secret` for `resource`. */
  const ask = async (clientId: string, secret: string, resource = TEMPORAL_RESOURCE) => {
    const answer = await fetch(`${idp.issuer}/token`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', resource, scope: 'temporal' }),
    });
    return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
  };

  it('when the worker asks with its secret, then it gets a token for Temporal’s audience with the permissions it was registered with, signed with the provider’s published key', async () => {
    const token = await requestServiceToken(idp.issuer, WORKER);
    const { payload, protectedHeader } = await jwtVerify(
      token,
      createRemoteJWKSet(new URL(idp.jwksUrl)),
      { issuer: idp.issuer, audience: 'temporal' },
    );
    expect(protectedHeader.alg).toBe('ES256');
    expect(payload).toMatchObject({ sub: WORKER.clientId, permissions: ['default:write'] });
  });

  it('when the API is shown a service’s Temporal token, then it refuses it (another audience)', async () => {
    const token = await requestServiceToken(idp.issuer, WORKER);
    expect((await tasks(token)).status).toBe(401);
  });

  it('when a service asks with another secret, for the API’s audience, or the pages’ client asks at all, then no token is made', async () => {
    const outcomes = {
      wrongSecret: await ask(WORKER.clientId, 'not-the-secret-not-the-secret-not-the'),
      apiAudience: await ask(WORKER.clientId, WORKER.secret, 'urn:lien-thong:api'),
      pages: await ask(WEB_CLIENT_ID, ''),
    };
    expect(outcomes.wrongSecret).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect(outcomes.apiAudience).toMatchObject({ status: 400, body: { error: 'invalid_target' } });
    expect(outcomes.pages.status).toBeGreaterThanOrEqual(400);
    expect(outcomes.pages.body.access_token).toBeUndefined();
  });
});

describe('tokens the provider did not make for the API', () => {
  it.each([
    [
      'expired',
      () =>
        forged({
          iat: Math.floor(Date.now() / 1000) - 7200,
          exp: Math.floor(Date.now() / 1000) - 3600,
        }),
    ],
    ['signed by another issuer', () => forged({ iss: 'https://elsewhere.example' })],
    ['for another audience', () => forged({ aud: 'another-api' })],
    [
      'unsigned (alg none)',
      async () => {
        const [, payload] = (await forged({})).split('.');
        const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString(
          'base64url',
        );
        return `${header}.${payload}.`;
      },
    ],
    [
      'signed with the shared secret but naming the provider as issuer',
      () =>
        new SignJWT({ role: 'admin', sub: 'x', iss: idp.issuer, aud: TEST_AUDIENCE })
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode(TEST_AUTH.secret)),
    ],
  ])('when a token is %s, then 401', async (_what, make) => {
    const valid = await forged({});
    expect((await tasks(valid)).status).toBe(200);

    const refused = await tasks(await make());

    expect(refused.status).toBe(401);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
