import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, importJWK, SignJWT } from 'jose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError, createAuthenticator, mintToken } from '../../api/auth';
import { TEST_AUTH, signedWithClaims, testAuthenticator } from '../support/auth';
import { useDatabaseApp } from '../support/api-app';

const officer = {
  sub: 'officer-1',
  role: 'officer',
  agency: 'civil-status',
  jurisdiction: '00004',
} as const;

describe('createAuthenticator', () => {
  it('when a token is minted with the secret, then it verifies to the same principal', async () => {
    await expect(testAuthenticator(await mintToken(TEST_AUTH, officer))).resolves.toEqual(officer);
  });

  it('when a token has expired, then it is refused', async () => {
    const token = await mintToken(TEST_AUTH, officer, Math.floor(Date.now() / 1000) - 60);
    await expect(testAuthenticator(token)).rejects.toThrow(AuthenticationError);
  });

  it('when a token is signed with another secret, then it is refused', async () => {
    const token = await mintToken({ ...TEST_AUTH, secret: 'x'.repeat(40) }, officer);
    await expect(testAuthenticator(token)).rejects.toThrow(/signature/);
  });

  it('when a token comes from another issuer, then it is refused', async () => {
    const other = createAuthenticator({ ...TEST_AUTH, issuer: 'someone-else' });
    await expect(other(await mintToken(TEST_AUTH, officer))).rejects.toThrow(/iss/);
  });

  it('when an officer token lacks its agency claim, then it is refused naming the claim', async () => {
    const token = await new SignJWT({ role: 'officer', jurisdiction: '00004' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('officer-2')
      .setIssuer(TEST_AUTH.issuer)
      .setAudience(TEST_AUTH.audience)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(TEST_AUTH.secret));
    await expect(testAuthenticator(token)).rejects.toThrow(/agency/);
  });

  it('when a token’s sub holds a lone surrogate or U+202E, then it is refused naming the claim', async () => {
    // Signed and valid, but the sub would reach histories and the read model's jsonb as it is.
    for (const sub of ['officer-\ud800', 'officer-\u202e1']) {
      const token = await mintToken(TEST_AUTH, { ...officer, sub });
      await expect(testAuthenticator(token)).rejects.toThrow(/sub /);
    }
  });

  it('when a token uses alg none, then it is refused', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const body = Buffer.from(
      JSON.stringify({ ...officer, iss: TEST_AUTH.issuer, aud: TEST_AUTH.audience }),
    ).toString('base64url');
    await expect(testAuthenticator(`${header}.${body}.`)).rejects.toThrow(AuthenticationError);
  });
});

const now = () => Math.floor(Date.now() / 1000);
const HOUR = 3600;

describe('createAuthenticator: the claims every token must carry', () => {
  it.each([
    ['no exp (issued in 2001)', { sub: 'a', iat: Date.parse('2001-01-01') / 1000 }, /exp/],
    ['no exp (issued now)', { sub: 'a', iat: now() }, /exp/],
    ['no iat', { sub: 'a', exp: now() + HOUR }, /iat/],
    ['no sub', { iat: now(), exp: now() + HOUR }, /sub/],
    [
      'an iat older than the maximum age, though its exp is ahead',
      { sub: 'a', iat: now() - 25 * HOUR, exp: now() + HOUR },
      /iat/,
    ],
    [
      'an iat in the future beyond the skew',
      { sub: 'a', iat: now() + 300, exp: now() + HOUR },
      /iat/,
    ],
    ['an exp past by more than the skew', { sub: 'a', iat: now() - HOUR, exp: now() - 120 }, /exp/],
  ])(
    'when a validly signed token has %s, then it is refused naming the claim',
    async (_what, claims, claim) => {
      await expect(testAuthenticator(await signedWithClaims(claims))).rejects.toThrow(claim);
    },
  );

  it('when the clocks disagree within the skew (iat 30 s ahead, exp 30 s past), then the token is accepted', async () => {
    const ahead = await signedWithClaims({ sub: 'a', iat: now() + 30, exp: now() + HOUR });
    const justExpired = await signedWithClaims({ sub: 'a', iat: now() - HOUR, exp: now() - 30 });
    await expect(testAuthenticator(ahead)).resolves.toMatchObject({ sub: 'a' });
    await expect(testAuthenticator(justExpired)).resolves.toMatchObject({ sub: 'a' });
  });

  it('when a maximum age of 1 h is configured, then a token issued 2 h ago is refused and one issued 30 min ago accepted', async () => {
    const verify = createAuthenticator({ ...TEST_AUTH, maxTokenAgeSeconds: HOUR });
    const exp = now() + HOUR;
    await expect(
      verify(await signedWithClaims({ sub: 'a', iat: now() - 2 * HOUR, exp })),
    ).rejects.toThrow(/iat/);
    await expect(
      verify(await signedWithClaims({ sub: 'a', iat: now() - HOUR / 2, exp })),
    ).resolves.toBeTruthy();
  });

  it('when HS256 is not allowed and there is no JWKS, then no authenticator is built', () => {
    expect(() => createAuthenticator({ ...TEST_AUTH, allowHs256: false })).toThrow(/AUTH_JWKS_URL/);
  });

  it('when a demo token would outlive the maximum age, then minting refuses it', async () => {
    await expect(mintToken(TEST_AUTH, officer, '25h')).rejects.toThrow(/at most 86400 s/);
    await expect(
      mintToken({ ...TEST_AUTH, maxTokenAgeSeconds: HOUR }, officer, '2h'),
    ).rejects.toThrow(/at most 3600 s/);
  });
});

describe('createAuthenticator with an identity provider’s JWKS', () => {
  let server: Server;
  let jwksUrl = '';
  let rsa: Awaited<ReturnType<typeof generateKeyPair>>;
  beforeAll(async () => {
    rsa = await generateKeyPair('RS256', { extractable: true });
    // No `alg` in the published key: the provider does not pin it, so the API must.
    const jwk = { ...(await exportJWK(rsa.publicKey)), kid: 'k1', use: 'sig' };
    server = createServer((_req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  const providerToken = (alg: string, key: Parameters<SignJWT['sign']>[0] = rsa.privateKey) =>
    new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg, kid: 'k1' })
      .setSubject('vneid-1')
      .setIssuer(TEST_AUTH.issuer)
      .setAudience(TEST_AUTH.audience)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);

  it('when the provider signs with RS256, then the token is accepted', async () => {
    const verify = createAuthenticator({ ...TEST_AUTH, jwksUrl });
    await expect(verify(await providerToken('RS256'))).resolves.toEqual({
      sub: 'vneid-1',
      role: 'admin',
    });
  });

  it('when a token uses an algorithm outside RS256/ES256/EdDSA with the provider’s own key (PS256), then it is refused', async () => {
    const verify = createAuthenticator({ ...TEST_AUTH, jwksUrl });
    // The same RSA key, taken for RSA-PSS: a JWKS key without `alg` would verify it.
    const pss = await importJWK(await exportJWK(rsa.privateKey), 'PS256');
    await expect(verify(await providerToken('PS256', pss))).rejects.toThrow(/alg/);
  });

  it('when a token is signed with HS256 (the development secret) and HS256 is not allowed, then the JWKS mode refuses it', async () => {
    const verify = createAuthenticator({ ...TEST_AUTH, jwksUrl, allowHs256: false });
    const hs = await providerToken('HS256', new TextEncoder().encode(TEST_AUTH.secret));
    await expect(verify(hs)).rejects.toThrow(AuthenticationError);
  });
});

describe('createAuthenticator with a JWKS and HS256 both (development)', () => {
  let server: Server;
  let jwksUrl = '';
  let ec: Awaited<ReturnType<typeof generateKeyPair>>;
  const oidcIssuer = 'http://127.0.0.1/idp';
  beforeAll(async () => {
    ec = await generateKeyPair('ES256', { extractable: true });
    const jwk = { ...(await exportJWK(ec.publicKey)), kid: 'e1', use: 'sig' };
    server = createServer((_req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });
  const signed = (issuer: string, alg: 'ES256' | 'HS256') =>
    new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg, kid: 'e1' })
      .setSubject('someone')
      .setIssuer(issuer)
      .setAudience(TEST_AUTH.audience)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(alg === 'HS256' ? new TextEncoder().encode(TEST_AUTH.secret) : ec.privateKey);

  it('when each kind of token names its own issuer, then both are accepted; named the other’s, both are refused', async () => {
    const verify = createAuthenticator({ ...TEST_AUTH, jwksUrl, oidcIssuer });

    await expect(verify(await signed(oidcIssuer, 'ES256'))).resolves.toMatchObject({
      role: 'admin',
    });
    await expect(verify(await signed(TEST_AUTH.issuer, 'HS256'))).resolves.toMatchObject({
      role: 'admin',
    });
    await expect(verify(await signed(TEST_AUTH.issuer, 'ES256'))).rejects.toThrow(/iss/);
    await expect(verify(await signed(oidcIssuer, 'HS256'))).rejects.toThrow(/iss/);
  });
});

describe('bearer tokens through the API (real database)', () => {
  const subject = useDatabaseApp();

  const myCases = (token: string) =>
    request(subject.app).get('/v1/me/cases').set('Authorization', `Bearer ${token}`);
  const citizen = { role: 'citizen', pin: '001190012345' };

  it('when a validly signed token has no exp and an iat in 2001, then 401 problem+json, while a token with every claim reads', async () => {
    const forever = await signedWithClaims(
      { sub: 'c', iat: Date.parse('2001-01-01') / 1000 },
      citizen,
    );
    const proper = await signedWithClaims({ sub: 'c', iat: now(), exp: now() + 300 }, citizen);

    const refused = await myCases(forever);
    const read = await myCases(proper);

    expect(refused.status).toBe(401);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.detail).toMatch(/exp/);
    expect(read.status).toBe(200);
  });

  it('when a token was issued 25 h ago and expires next year, then 401', async () => {
    const stale = await signedWithClaims(
      { sub: 'c', iat: now() - 25 * HOUR, exp: now() + 365 * 24 * HOUR },
      citizen,
    );
    expect((await myCases(stale)).status).toBe(401);
  });
});
