// Generated from the API's own route table: every endpoint × every role, plus missing, expired and
// wrongly signed tokens, and validly signed ones that break the token rules (no exp, iat or sub; an
// iat older than the maximum age). A route added later is covered without touching this file.
import type { Client } from '@temporalio/client';
import { SignJWT } from 'jose';
import pino from 'pino';
import { Registry } from 'prom-client';
import request from 'supertest';
import { describe, expect, it, vi } from 'vitest';
import { apiRoutes, createApp } from '../../api/app';
import type { ApiDeps } from '../../api/deps';
import type { Db } from '../../db/pool';
import { ROLES, type Principal, type Role } from '../../domain/principal';
import { TEST_AUTH, signedWithClaims, testAuthenticator, tokenFor } from '../support/auth';

const deps: ApiDeps = {
  temporal: { workflow: { start: vi.fn(), getHandle: vi.fn() } } as unknown as Client,
  db: { query: vi.fn().mockResolvedValue({ rows: [] }) } as unknown as Db,
  authenticate: testAuthenticator,
  logger: pino({ level: 'silent' }),
  readiness: () => Promise.resolve({ temporal: 'up', database: 'up' }),
  communes: new Map(),
};
const app = createApp(deps);
const routes = apiRoutes(deps, new Registry());

const PRINCIPALS: Record<Role, Principal> = {
  citizen: { sub: 'c', role: 'citizen', pin: '001190012345' },
  clerk: { sub: 'k', role: 'clerk', jurisdiction: '00004' },
  officer: { sub: 'o', role: 'officer', agency: 'civil-status', jurisdiction: '00004' },
  supervisor: { sub: 's', role: 'supervisor', jurisdiction: '00004' },
  admin: { sub: 'a', role: 'admin' },
};

const SAMPLE_PARAMS: Record<string, string> = {
  caseId: encodeURIComponent('birth-residence-insurance:CS-2026-000001'),
  taskId: encodeURIComponent('birth-residence-insurance:CS-2026-000001:birth'),
  checkId: '6f1c0b8e-3b5e-4a57-9d7e-1c2b3a4d5e6f',
};
const pathOf = (template: string) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => SAMPLE_PARAMS[name] ?? 'x');
const call = (method: string, path: string, token?: string) => {
  const req = request(app)[method as 'get' | 'post'](path);
  if (token) req.set('Authorization', `Bearer ${token}`);
  return method === 'get' ? req : req.send({});
};

const secured = routes.filter((r) => r.access !== 'public');
const matrix = secured.flatMap((route) =>
  ROLES.map(
    (role) =>
      [
        route.method.toUpperCase(),
        route.path,
        role,
        (route.access as readonly Role[]).includes(role),
      ] as const,
  ),
);

describe('authorization matrix', () => {
  it('when the route table is compared with the documented API, then every documented path has a route and vice versa', async () => {
    const doc = (await request(app).get('/openapi.json')).body as { paths: Record<string, object> };
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m} ${path}`),
    );
    expect(documented.sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
  });

  it.each(matrix)(
    'when %s %s is called by a %s, then allowed = %s',
    async (method, path, role, allowed) => {
      const response = await call(
        method.toLowerCase(),
        pathOf(path),
        await tokenFor(PRINCIPALS[role]),
      );
      if (allowed) expect([401, 403]).not.toContain(response.status);
      else expect(response.status).toBe(403);
    },
  );

  const now = Math.floor(Date.now() / 1000);
  const badTokens: [string, () => Promise<string | undefined>][] = [
    ['no token', () => Promise.resolve(undefined)],
    ['an expired token', () => tokenFor(PRINCIPALS.admin, now - 120)],
    ['a token without exp, issued in 2001', () => signedWithClaims({ sub: 'a', iat: 978_307_200 })],
    ['a token without iat', () => signedWithClaims({ sub: 'a', exp: now + 300 })],
    ['a token without sub', () => signedWithClaims({ iat: now, exp: now + 300 })],
    [
      'a token issued 25 h ago that expires next year',
      () => signedWithClaims({ sub: 'a', iat: now - 25 * 3600, exp: now + 365 * 86_400 }),
    ],
    [
      'a token signed with another key',
      () =>
        new SignJWT({ role: 'admin' })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('a')
          .setIssuer(TEST_AUTH.issuer)
          .setAudience(TEST_AUTH.audience)
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode('another-key-another-key-another-key-00')),
    ],
  ];
  it.each(
    secured.flatMap((r) =>
      badTokens.map(([what, token]) => [r.method.toUpperCase(), r.path, what, token] as const),
    ),
  )('when %s %s is called with %s, then 401 problem+json', async (method, path, _what, token) => {
    const response = await call(method.toLowerCase(), pathOf(path), await token());
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
