import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { AuthenticationError, createAuthenticator, mintToken } from '../../api/auth';
import { TEST_AUTH, testAuthenticator } from '../support/auth';

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
