// How the API process serves the pages (no browser): the HTML shells, the bundle, the security
// headers, and development sign-in — on only with the development secret outside production, never
// in the OpenAPI document.
import type { Client } from '@temporalio/client';
import express from 'express';
import pino from 'pino';
import request from 'supertest';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../api/app';
import { decodeJwt } from 'jose';
import { authSettings, createAuthenticator } from '../../api/auth';
import type { ApiDeps } from '../../api/deps';
import { errorMiddleware } from '../../api/problem';
import { developmentTokens, devSignIn, WEB_PAGES } from '../../api/web';
import { AuthEnv } from '../../config/env';
import type { Db } from '../../db/pool';
import { buildWeb } from '../../web/build';

const deps: ApiDeps = {
  temporal: { workflow: { start: vi.fn(), getHandle: vi.fn() } } as unknown as Client,
  db: { query: vi.fn().mockResolvedValue({ rows: [] }) } as unknown as Db,
  authenticate: () => Promise.reject(new Error('unused')),
  logger: pino({ level: 'silent' }),
  readiness: () => Promise.resolve({}),
  communes: new Map([['00004', { code: '00004', name: 'Phường Ba Đình', province_code: '001' }]]),
};

const devEnv =
  (env: Record<string, string> = {}) =>
  () =>
    AuthEnv.parse({ NODE_ENV: 'development', AUTH_DEV_TOKENS: 'on', ...env });

/** Development sign-in alone, as the API mounts it, with a given minter (or none). */
const signInApp = (minter: ReturnType<typeof developmentTokens>) =>
  express()
    .use(express.json(), devSignIn(minter))
    .use(errorMiddleware(pino({ level: 'silent' })));

describe('web pages served by the API', () => {
  const app = createApp(deps);
  beforeAll(async () => {
    await buildWeb();
  });

  it.each(Object.entries(WEB_PAGES))(
    'when %s is asked for, then a Vietnamese HTML shell for the %s page loads the bundle from its own origin',
    async (path, page) => {
      const url = path
        .replace(':taskId', encodeURIComponent('birth-residence-insurance:CS-1:birth'))
        .replace(':caseId', encodeURIComponent('birth-residence-insurance:CS-1'));
      const response = await request(app).get(url);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.text).toContain('<html lang="vi">');
      expect(response.text).toContain(`data-page="${page}"`);
      expect(response.text).toContain('<script src="/assets/app.js" defer></script>');
      expect(response.text).not.toMatch(/\son[a-z]+=/);
      const config = /<script type="application\/json" id="web-config">(.*)<\/script>/.exec(
        response.text,
      )?.[1];
      expect(JSON.parse(config ?? '{}')).toEqual({
        communes: [{ code: '00004', name: 'Phường Ba Đình' }],
        devSignIn: true,
        signIn: null,
      });
    },
  );

  it('when a browser opens an address that is no page, then the not-found page answers 404; an API client, or any address under /v1/, gets problem+json', async () => {
    const browser = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

    const page = await request(app).get('/khong-co-trang-nay').set('Accept', browser);
    const client = await request(app).get('/khong-co-trang-nay').set('Accept', 'application/json');
    const underV1 = await request(app).get('/v1/khong-co').set('Accept', browser);

    expect(page.status).toBe(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('data-page="not-found"');
    for (const problem of [client, underV1]) {
      expect(problem.status).toBe(404);
      expect(problem.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('when a page is served, then its CSP runs only scripts from its own origin and never eval', async () => {
    const csp = (await request(app).get('/clerk')).headers['content-security-policy'] as string;
    const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src '));
    expect(scriptSrc?.trim()).toBe("script-src 'self'");
    expect(csp).toContain("script-src-attr 'none'");
    expect(csp).not.toContain('unsafe-eval');
  });

  it('when the bundle is asked for, then the script and the style sheet are served', async () => {
    const script = await request(app).get('/assets/app.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    const styles = await request(app).get('/assets/app.css');
    expect(styles.headers['content-type']).toMatch(/^text\/css/);
  });

  it('when the OpenAPI document is read, then development sign-in is not in it', async () => {
    const doc = (await request(app).get('/openapi.json')).body as { paths: object };
    expect(Object.keys(doc.paths).filter((p) => !p.startsWith('/v1/'))).toEqual([
      '/healthz',
      '/readyz',
      '/metrics',
      '/verify/{code}',
    ]);
  });
});

describe('development sign-in', () => {
  it('when the API runs with the development secret outside production, then a token for the chosen role verifies with the development settings', async () => {
    const minter = developmentTokens(devEnv());
    expect(minter).toBeDefined();
    const response = await request(signInApp(minter))
      .post('/dev/tokens')
      .send({ role: 'officer', agency: 'police', jurisdiction: '09877' });
    expect(response.status).toBe(201);
    const verify = createAuthenticator(authSettings(devEnv()()));
    // The API's own rules: sub, iat and exp present, no longer-lived than the maximum age (24 h).
    const claims = decodeJwt(response.body.token as string);
    expect(claims).toMatchObject({ sub: 'officer-police-09877' });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(8 * 3600);
    expect(response.body.expiresIn).toBe('28800s');
    expect(await verify(response.body.token as string)).toEqual({
      sub: 'officer-police-09877',
      role: 'officer',
      agency: 'police',
      jurisdiction: '09877',
    });
  });

  it('when the maximum token age is shorter than the demo lifetime, then a demo token lives that long and no longer', async () => {
    const minter = developmentTokens(devEnv({ AUTH_TOKEN_MAX_AGE_HOURS: '1' }));
    const response = await request(signInApp(minter)).post('/dev/tokens').send({ role: 'admin' });
    expect(response.status).toBe(201);
    const claims = decodeJwt(response.body.token as string);
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(3600);
  });

  it('when the claims a role needs are missing, then 400 names each of them', async () => {
    const response = await request(signInApp(developmentTokens(devEnv())))
      .post('/dev/tokens')
      .send({ role: 'officer' });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '/agency',
      '/jurisdiction',
    ]);
  });

  it.each([
    [
      'in production',
      { NODE_ENV: 'production', AUTH_JWT_SECRET: 'a-secret-of-its-own-a-secret-of-its-own' },
    ],
    ['without the test switch', { AUTH_DEV_TOKENS: 'off' }],
    ['with a secret of its own', { AUTH_JWT_SECRET: 'a-secret-of-its-own-a-secret-of-its-own' }],
  ])('when the API runs %s, then no token is minted: 404', async (_when, env) => {
    const minter = developmentTokens(devEnv(env));
    expect(minter).toBeUndefined();
    const response = await request(signInApp(minter)).post('/dev/tokens').send({ role: 'admin' });
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.detail).toContain('VNeID');
  });

  it('when the switch is on but the caller comes through a proxy, then no token is minted: 404', async () => {
    const response = await request(signInApp(developmentTokens(devEnv())))
      .post('/dev/tokens')
      .set('X-Forwarded-For', '203.0.113.7')
      .send({ role: 'admin' });
    expect(response.status).toBe(404);
    expect(response.body.detail).toContain('chỉ dùng được trên chính máy này');
  });

  it('when an identity provider is configured, then the pages name it for sign-in and may reach only it besides their own origin', async () => {
    const app = createApp({
      ...deps,
      signIn: { issuer: 'https://vneid.example/oidc', clientId: 'lien-thong-web' },
    });
    const page = await request(app).get('/signin');
    const config = JSON.parse(
      /<script type="application\/json" id="web-config">(.*?)<\/script>/s.exec(page.text)?.[1] ??
        '{}',
    ) as { signIn?: unknown };
    expect(config.signIn).toEqual({
      issuer: 'https://vneid.example/oidc',
      clientId: 'lien-thong-web',
    });
    expect(page.headers['content-security-policy']).toMatch(
      /connect-src 'self' https:\/\/vneid\.example(;|$)/,
    );
  });

  it('when the configuration does not parse, then development sign-in stays off', () => {
    expect(
      developmentTokens(() => {
        throw new Error('invalid configuration');
      }),
    ).toBeUndefined();
  });
});
