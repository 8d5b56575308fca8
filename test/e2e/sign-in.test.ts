// Signing in through the identity provider in Chromium (issue 24): the pages send the person to the
// development OpenID Provider with a PKCE challenge, the provider's own page takes the password, and
// the pages come back with a code they exchange for the API's token — as a citizen (VNeID, by PIN)
// and as an officer (the agencies' directory). A wrong password and a cancelled sign-in say so.
import { createServer, type Server } from 'node:http';
import pino from 'pino';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { createAuthenticator } from '../../api/auth';
import { loadCommunes } from '../../db/queries/communes.queries';
import { WEB_CLIENT_ID } from '../../idp/provider';
import { freePort } from '../../scripts/runtime/ports';
import { buildWeb } from '../../web/build';
import { TEST_AUTH } from '../support/auth';
import { createTestDatabase, type TestDatabase } from '../support/database';
import {
  startIdentityProvider,
  TEST_ACCOUNT_PASSWORD,
  TEST_AUDIENCE,
  type TestIdentityProvider,
} from '../support/identity';
import { axeViolations, launchChromium, ready } from './browser';

let database: TestDatabase;
let idp: TestIdentityProvider;
let browser: Browser;
let server: Server;
let base = '';

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  database = await createTestDatabase();
  [idp, browser] = await Promise.all([
    startIdentityProvider(database, { redirectUris: [`${base}/signin/callback`] }),
    launchChromium(),
    buildWeb(),
  ]);
  const app = createApp({
    temporal: {} as never,
    db: database.appDb,
    authenticate: createAuthenticator({
      ...TEST_AUTH,
      audience: TEST_AUDIENCE,
      jwksUrl: idp.jwksUrl,
      oidcIssuer: idp.issuer,
      allowHs256: false,
    }),
    logger: pino({ level: 'silent' }),
    readiness: () => Promise.resolve({}),
    communes: await loadCommunes(database.appDb),
    signIn: { issuer: idp.issuer, clientId: WEB_CLIENT_ID },
  });
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await idp?.stop();
  await database?.drop();
});

/**
 * Opens the sign-in page in a fresh context and goes to the provider's password page; answers the
 * page and the authorization request the pages sent there.
 */
async function atProvider(next?: string): Promise<{ page: Page; authorization: URL }> {
  const context = await browser.newContext({ baseURL: base, locale: 'vi-VN' });
  const page = await context.newPage();
  await page.goto(next ? `/signin?next=${encodeURIComponent(next)}` : '/signin');
  await ready(page);
  expect(await axeViolations(page)).toEqual([]);
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.url().startsWith(`${idp.issuer}/auth?`)),
    page.click('#sign-in-provider'),
  ]);
  await page.waitForSelector('#password');
  return { page, authorization: new URL(request.url()) };
}

async function typePassword(page: Page, login: string, password: string): Promise<void> {
  await page.fill('#login', login);
  await page.fill('#password', password);
  await page.click('button[type=submit]');
}

/** The claims of the token the tab keeps (what the pages and the API go by). */
const sessionClaims = (page: Page) =>
  page
    .evaluate<string | null>("sessionStorage.getItem('lien-thong.token')")
    .then(
      (token) =>
        JSON.parse(Buffer.from(token?.split('.')[1] ?? '', 'base64url').toString()) as Record<
          string,
          unknown
        >,
    );

describe('signing in through the identity provider, in Chromium', () => {
  it('when a citizen signs in with their PIN and password, then they come back to their cases as that citizen', async () => {
    const { page, authorization } = await atProvider();
    // Code + PKCE, a fresh password every time (a desk's computer is shared).
    expect(Object.fromEntries(authorization.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: WEB_CLIENT_ID,
      code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      prompt: 'login',
      redirect_uri: `${base}/signin/callback`,
    });
    expect(await page.textContent('h1')).toBe('Đăng nhập');
    // The provider's password page is as accessible as the pages themselves.
    expect(await axeViolations(page)).toEqual([]);

    await typePassword(page, '001190012345', TEST_ACCOUNT_PASSWORD);
    await page.waitForURL(`${base}/citizen`);
    await ready(page);

    expect(await sessionClaims(page)).toMatchObject({
      role: 'citizen',
      pin: '001190012345',
      iss: idp.issuer,
      aud: TEST_AUDIENCE,
    });
    // The page read the citizen's cases from the API with that token (none yet): no error shown.
    expect(await page.locator('.alert').count()).toBe(0);
    await page.context().close();
  });

  it('when an officer signs in from a link to their inbox, then they come back there with the directory’s agency and commune', async () => {
    const { page } = await atProvider('/officer');

    await typePassword(page, 'officer-civil-status', TEST_ACCOUNT_PASSWORD);
    await page.waitForURL(`${base}/officer`);
    await ready(page);

    expect(await sessionClaims(page)).toMatchObject({
      sub: 'officer-civil-status',
      role: 'officer',
      agency: 'civil-status',
      jurisdiction: '00004',
    });
    expect(await page.locator('.alert').count()).toBe(0);
    await page.context().close();
  });

  it('when the password is wrong, then the provider’s page says so in Vietnamese and the person stays there', async () => {
    const { page } = await atProvider();

    await typePassword(page, 'officer-police', 'not-the-password');

    await page.waitForSelector('[role=alert]');
    expect(await page.textContent('[role=alert]')).toContain('Tài khoản hoặc mật khẩu không đúng');
    expect(new URL(page.url()).origin).toBe(idp.issuer);
    await page.context().close();
  });

  it('when the person cancels at the provider, then the pages say sign-in was cancelled and offer it again', async () => {
    const { page } = await atProvider();

    await page.click('text=Hủy');
    await page.waitForURL((url) => url.pathname === '/signin/callback');
    await ready(page);

    expect(await page.textContent('main')).toContain('Bạn đã hủy đăng nhập.');
    expect(await page.getAttribute('main a[href="/signin"]', 'href')).toBe('/signin');
    await page.context().close();
  });
});
