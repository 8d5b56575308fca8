// createApp with a stub Temporal client and stub readiness (STYLE rule 25): the HTTP contract without
// the servers. The same behaviour through the real stack is in test/integration.
import type { Client } from '@temporalio/client';
import pino from 'pino';
import request from 'supertest';
import { describe, expect, it, vi } from 'vitest';
import { createApp } from '../../api/app';
import { birthApplicationSchema, EXAMPLE_BIRTH_APPLICATION } from '../../domain/BirthApplication';
import type { ApiDeps } from '../../api/deps';
import type { Db } from '../../db/pool';
import { ADMIN, CLERK, testAuthenticator, tokenFor } from '../support/auth';

function appWith(overrides: Partial<ApiDeps> = {}) {
  const start = vi.fn().mockResolvedValue({});
  const deps: ApiDeps = {
    temporal: { workflow: { start } } as unknown as Client,
    db: { query: vi.fn().mockResolvedValue({ rows: [] }) } as unknown as Db,
    authenticate: testAuthenticator,
    logger: pino({ level: 'silent' }),
    readiness: () => Promise.resolve({ temporal: 'up', database: 'up' }),
    communes: new Map([['00004', { code: '00004', name: 'Phường Ba Đình', province_code: '001' }]]),
    ...overrides,
  };
  return { app: createApp(deps), start };
}

describe('createApp', () => {
  it('when an admin starts a self-check, then the workflow starts on the orchestration queue with its business id', async () => {
    const { app, start } = appWith();
    const response = await request(app)
      .post('/v1/self-checks')
      .set('Authorization', `Bearer ${await tokenFor(ADMIN)}`);
    expect(response.status).toBe(202);
    const { checkId } = response.body as { checkId: string };
    expect(start).toHaveBeenCalledWith('selfCheck', {
      taskQueue: 'lien-thong.orchestration',
      workflowId: `self-check:${checkId}`,
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      args: [{ checkId, requestedBy: ADMIN.sub, requestedAt: expect.any(String) as string }],
    });
  });

  it('when a route does not exist, then 404 problem+json in Vietnamese by default', async () => {
    const response = await request(appWith().app).get('/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      title: 'Không tìm thấy',
      code: 'API.NOT_FOUND',
      status: 404,
    });
  });

  it('when English is asked for, then the problem title is English', async () => {
    const response = await request(appWith().app)
      .get('/v1/nothing-here')
      .set('Accept-Language', 'en');
    expect(response.body).toMatchObject({ title: 'Not found' });
  });

  it('when several inputs are invalid, then 400 lists every issue with its location', async () => {
    const response = await request(appWith().app)
      .get('/v1/self-checks/not-a-uuid')
      .set('Authorization', `Bearer ${await tokenFor(ADMIN)}`);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      code: 'API.VALIDATION',
      errors: [{ in: 'params', pointer: '/checkId', detail: expect.any(String) as string }],
    });
  });

  // Issue 20, Group A: the under-6 card (DOMAIN.md §2C [S52]) and PIN coherence (TT 59/2021/TT-BCA
  // Art. 7, DOMAIN.md §3A [S50]) are refused at the door, each naming its field; no case starts.
  it('when a 7-year-old is filed with the card and the mother’s PIN says 1992 for 1985, then 400 names both fields and no case starts', async () => {
    const { app, start } = appWith();
    const example = EXAMPLE_BIRTH_APPLICATION;
    const response = await request(app)
      .post('/v1/cases')
      .set('Authorization', `Bearer ${await tokenFor(CLERK)}`)
      .set('Idempotency-Key', 'issue-20-card-and-pin')
      .send({
        ...example,
        child: { ...example.child, dateOfBirth: '2019-05-05' },
        medicalBirthCertificate: { ...example.medicalBirthCertificate, issuedOn: '2019-05-05' },
        mother: { ...example.mother, pin: '001192012345', yearOfBirth: 1985 },
        applicant: { ...example.applicant, pin: '001192012345' },
      });
    expect(response.status).toBe(400);
    const pointers = (response.body as { errors: { pointer: string }[] }).errors.map(
      (e) => e.pointer,
    );
    expect(pointers).toEqual(['/components/insurance', '/mother/pin']);
    expect(start).not.toHaveBeenCalled();
  });

  it('when the body is not valid JSON, then 400 problem+json and no stack trace', async () => {
    const response = await request(appWith().app)
      .post('/v1/self-checks')
      .set('Content-Type', 'application/json')
      .send('{"broken":');
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).not.toMatch(/at .*\.ts/);
  });

  it('when no token is sent, then 401 with a Bearer challenge', async () => {
    const response = await request(appWith().app).post('/v1/self-checks');
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('when a handler fails unexpectedly, then 500 with a generic problem and no detail', async () => {
    const failing = vi.fn().mockRejectedValue(new Error('secret internals at /srv/app.ts:12'));
    const { app } = appWith({
      temporal: { workflow: { start: failing } } as unknown as Client,
    });
    const response = await request(app)
      .post('/v1/self-checks')
      .set('Authorization', `Bearer ${await tokenFor(ADMIN)}`);
    expect(response.status).toBe(500);
    expect(response.body).toMatchObject({ code: 'API.INTERNAL' });
    expect(JSON.stringify(response.body)).not.toContain('secret internals');
  });

  it('when a dependency is down, then /readyz is 503 naming it, and /healthz stays 200', async () => {
    const { app } = appWith({
      readiness: () => Promise.resolve({ temporal: 'up', database: 'down' }),
    });
    const ready = await request(app).get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({
      status: 'not_ready',
      checks: { temporal: 'up', database: 'down' },
    });
    expect((await request(app).get('/healthz')).status).toBe(200);
  });

  it('when one token or one address goes over the limit, then 429 problem+json with Retry-After', async () => {
    const { app } = appWith({ rateLimitPerMinute: 3 });
    const auth = `Bearer ${await tokenFor(ADMIN)}`;
    const statuses = [];
    for (let i = 0; i < 4; i += 1) {
      statuses.push(
        (
          await request(app)
            .get('/v1/self-checks/6f1c0b8e-3b5e-4a57-9d7e-1c2b3a4d5e6f')
            .set('Authorization', auth)
        ).status,
      );
    }
    const limited = await request(app).get('/v1/me/cases').set('Authorization', auth);
    expect(statuses.slice(0, 3)).not.toContain(429);
    expect(statuses[3]).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.headers['retry-after']).toBe('60');
    expect(limited.body).toMatchObject({ code: 'API.RATE_LIMITED', status: 429 });
    expect((await request(app).get('/healthz')).status).toBe(200); // operators' probes are not limited
  });

  it('when any response is sent, then it carries the security headers', async () => {
    const response = await request(appWith().app).get('/healthz');
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'content-security-policy': expect.stringContaining("default-src 'self'") as string,
    });
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('when a caller sends a request id, then it is echoed; otherwise one is minted', async () => {
    const { app } = appWith();
    const echoed = await request(app).get('/healthz').set('X-Request-Id', 'desk-42.7');
    expect(echoed.headers['x-request-id']).toBe('desk-42.7');
    const minted = await request(app).get('/healthz');
    expect(minted.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('when /metrics is scraped after a request, then the request histogram has its route', async () => {
    const { app } = appWith();
    await request(app).get('/healthz');
    const metrics = await request(app).get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toMatch(
      /lien_thong_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} 1/,
    );
  });
});

describe('OpenAPI', () => {
  it('when /openapi.json is read, then it is 3.1 and documents every route with its responses', async () => {
    const response = await request(appWith().app).get('/openapi.json');
    expect(response.status).toBe(200);
    const doc = response.body as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/healthz',
      '/metrics',
      '/readyz',
      '/v1/calendar/notices',
      '/v1/calendar/{year}',
      '/v1/cases',
      '/v1/cases/{caseId}',
      '/v1/cases/{caseId}/annulment',
      '/v1/cases/{caseId}/annulment/approval',
      '/v1/cases/{caseId}/annulment/rejection',
      '/v1/cases/{caseId}/application',
      '/v1/cases/{caseId}/attachments/{attachmentId}',
      '/v1/cases/{caseId}/audit',
      '/v1/cases/{caseId}/documents',
      '/v1/cases/{caseId}/documents/{documentId}',
      '/v1/cases/{caseId}/payee-confirmations',
      '/v1/cases/{caseId}/receipt.pdf',
      '/v1/cases/{caseId}/supplements',
      '/v1/cases/{caseId}/withdraw',
      '/v1/codec/decode',
      '/v1/codec/encode',
      '/v1/delegations',
      '/v1/delegations/{delegationId}/revocation',
      '/v1/me/cases',
      '/v1/officers',
      '/v1/officers/{sub}/deactivation',
      '/v1/ops/stuck-cases',
      '/v1/people/lookup',
      '/v1/reports/compliance',
      '/v1/reports/compliance/monthly',
      '/v1/reports/compliance/monthly/{month}',
      '/v1/self-checks',
      '/v1/self-checks/{checkId}',
      '/v1/tasks',
      '/v1/tasks/assignments',
      '/v1/tasks/{taskId}',
      '/v1/tasks/{taskId}/assignment',
      '/v1/tasks/{taskId}/decision',
      '/v1/tasks/{taskId}/officers',
      '/v1/uploads',
      '/verify/{code}',
    ]);
    expect(doc.paths['/v1/self-checks/{checkId}']?.get).toMatchObject({
      security: [{ bearerAuth: [] }],
      responses: { 200: {}, 400: {}, 401: {}, 403: {}, 404: {}, 500: {} },
    });
  });

  it('when the application schema is read, then it carries a complete example that the schema accepts', async () => {
    const response = await request(appWith().app).get('/openapi.json');
    const schemas = (
      response.body as { components: { schemas: Record<string, { examples?: unknown[] }> } }
    ).components.schemas;
    expect(schemas.BirthApplication?.examples).toEqual([EXAMPLE_BIRTH_APPLICATION]);
    const schema = birthApplicationSchema({
      today: () => '2026-11-22',
      isKnownCommune: () => true,
    });
    expect(schema.safeParse(EXAMPLE_BIRTH_APPLICATION).success).toBe(true);
  });

  it('when /docs is opened, then the browsable documentation page is served', async () => {
    const response = await request(appWith().app).get('/docs/');
    expect(response.status).toBe(200);
    expect(response.text).toContain('swagger-ui');
  });
});
