// The authorization matrix's second dimension, through the real stack: for every endpoint that names a
// case or a task, every role that may call it, as the case's own party or jurisdiction and as someone
// else's (another citizen, another commune, another agency). Someone else is told the case does not
// exist (404); the case's own people get past authorization. Generated from the route table, so an
// endpoint added later is covered, and one that names a case without a sample body fails here.
import request from 'supertest';
import pino from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Client } from '@temporalio/client';
import { apiRoutes } from '../../api/app';
import type { ApiDeps } from '../../api/deps';
import type { Db } from '../../db/pool';
import type { BirthApplication } from '../../domain/BirthApplication';
import type { Principal, Role } from '../../domain/principal';
import { aBirthApplication, motherPin } from '../fixtures/birth-application';
import { tokenFor } from '../support/auth';
import { aPdf } from '../fixtures/files';
import { clerk, file, uniqueCertificate, waitForCase } from '../support/group-a';
import { uniquePin } from '../support/group-b';
import { startTestStack, type TestStack, setCivilStatusReview } from '../support/stack';
import { upload } from '../support/uploads';

const routes = apiRoutes(
  {
    temporal: {} as Client,
    db: {} as Db,
    authenticate: () => Promise.reject(new Error('unused')),
    logger: pino({ level: 'silent' }),
    readiness: () => Promise.resolve({}),
    communes: new Map(),
  } satisfies ApiDeps,
  new Registry(),
);
const scoped = routes.filter((r) => /\{(caseId|taskId)\}/.test(r.path));

/** A valid body for each scoped POST, so refusals come from authorization, not validation. */
const SAMPLE_BODIES: Record<string, object> = {
  withdrawCase: { reason: 'nộp nhầm hồ sơ' },
  submitSupplement: { documents: ['giấy chứng sinh bản điện tử'] },
  confirmPayee: { declarationForm: 'HSB-09-2026-0001' },
  annulCase: {
    ruling: {
      number: '12/2026/QĐST-DS',
      court: 'TAND TP Hà Nội',
      date: '2026-11-20',
      document: 'qd-12-2026.pdf',
    },
    reason: 'the person declared dead has returned',
  },
  approveAnnulment: {},
  rejectAnnulment: { reason: 'the ruling number is not the court’s' },
  decideTask: { decision: 'approve' },
  assignTask: { officer: 'officer-civil-status-2' },
};

const MOTHER = motherPin(aBirthApplication('x'));
const OWN: Record<Role, Principal> = {
  citizen: { sub: 'own-citizen', role: 'citizen', pin: MOTHER },
  clerk: { sub: 'own-clerk', role: 'clerk', jurisdiction: '00004' },
  // In the officer directory (development seed): annulments are recorded and approved only by them.
  officer: {
    sub: 'officer-civil-status',
    role: 'officer',
    agency: 'civil-status',
    jurisdiction: '00004',
  },
  supervisor: { sub: 'own-supervisor', role: 'supervisor', jurisdiction: '00004' },
  admin: { sub: 'admin', role: 'admin' },
};
const OTHERS: [string, Principal][] = [
  // A woman: refiling as the child's "mother", her PIN must agree with that (a man's is refused, 400).
  [
    'another citizen',
    { sub: 'c2', role: 'citizen', pin: uniquePin({ sex: 'female', yearOfBirth: 1990 }) },
  ],
  ['a clerk of another commune', { sub: 'k2', role: 'clerk', jurisdiction: '00070' }],
  [
    'an officer of the same agency in another commune',
    { sub: 'o2', role: 'officer', agency: 'civil-status', jurisdiction: '00070' },
  ],
  [
    'an officer of an agency not involved',
    { sub: 'o3', role: 'officer', agency: 'police', jurisdiction: '00004' },
  ],
  ['a supervisor of another commune', { sub: 's2', role: 'supervisor', jurisdiction: '00070' }],
];

describe('authorization by ownership and jurisdiction (real stack)', () => {
  let stack: TestStack;
  let caseId = '';
  let documentId = '';
  let attachmentId = '';
  let application: BirthApplication;
  beforeAll(async () => {
    stack = await startTestStack({ documents: true });
    await setCivilStatusReview(stack.simulatorsUrl, '00004', 'automatic');
    // A finished case in commune 00004: birth (civil status) and the card (BHXH) only.
    // With a scan, so the case has an attachment to read.
    const scan = await upload(stack.app, await clerk(), aPdf());
    application = {
      ...aBirthApplication(uniqueCertificate()),
      components: { residence: false, insurance: true },
    };
    const filed = await file(stack.app, {
      ...application,
      attachments: [{ uploadId: scan.body.uploadId as string }],
    });
    caseId = filed.body.caseId as string;
    await waitForCase(stack.app, caseId, MOTHER, (v) => expect(v.status).toBe('completed'));
    const { rows } = await stack.database.db.query(
      'SELECT attachment_id FROM case_attachments WHERE case_id = $1',
      [caseId],
    );
    attachmentId = rows[0]?.attachment_id as string;
    // Its birth extract, once issued: the one document every own caller may fetch.
    documentId = await vi.waitFor(
      async () => {
        const { rows } = await stack.database.db.query<{ document_id: string }>(
          `SELECT document_id FROM documents WHERE case_id = $1 AND kind = 'birth_extract' AND state = 'issued'`,
          [caseId],
        );
        expect(rows).toHaveLength(1);
        return rows[0]?.document_id ?? '';
      },
      { timeout: 20_000, interval: 200 },
    );
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const call = async (method: string, path: string, operationId: string, who: Principal) => {
    const url = path
      .replace('{caseId}', encodeURIComponent(caseId))
      .replace('{taskId}', encodeURIComponent(`${caseId}:birth`))
      .replace('{documentId}', documentId)
      .replace('{attachmentId}', attachmentId);
    const req = request(stack.app)
      [method as 'get' | 'post'](url)
      .set('Authorization', `Bearer ${await tokenFor(who)}`);
    return method === 'get' ? req : req.send(SAMPLE_BODIES[operationId] ?? {});
  };

  it('when an endpoint names a case or a task and takes a body, then the matrix has a sample body for it', () => {
    const missing = scoped
      .filter((r) => r.method !== 'get' && !(r.operationId in SAMPLE_BODIES))
      .map((r) => r.operationId);
    expect(missing).toEqual([]);
  });

  const allowed = (route: (typeof routes)[number], role: Role) =>
    route.access !== 'public' && route.access.includes(role);

  it.each(
    scoped.flatMap((r) =>
      (Object.keys(OWN) as Role[])
        .filter((role) => allowed(r, role))
        .map((role) => [r.method.toUpperCase(), r.path, role, r.operationId] as const),
    ),
  )(
    'when %s %s is called by the case’s own %s, then authorization lets it through',
    async (method, path, role, operationId) => {
      const response = await call(method.toLowerCase(), path, operationId, OWN[role]);
      expect([401, 403, 404, 500]).not.toContain(response.status);
    },
  );

  it.each(
    scoped.flatMap((r) =>
      OTHERS.filter(([, who]) => allowed(r, who.role)).map(
        ([what, who]) => [r.method.toUpperCase(), r.path, what, who, r.operationId] as const,
      ),
    ),
  )(
    'when %s %s is called by %s, then the case does not exist for them (404)',
    async (method, path, _what, who, operationId) => {
      const response = await call(method.toLowerCase(), path, operationId, who);
      expect(response.status).toBe(404);
    },
  );

  // Filing the case's birth certificate again: the 409 names the case only to those who may read it.
  const filing = routes.find((r) => r.operationId === 'fileCase');
  const refile = async (who: Principal) => {
    const again = structuredClone(application);
    if (who.role === 'citizen') again.applicant.pin = who.pin;
    if (who.role === 'clerk') again.receivingCommune = who.jurisdiction;
    return request(stack.app)
      .post('/v1/cases')
      .set('Authorization', `Bearer ${await tokenFor(who)}`)
      .send(again);
  };
  const mayFile = (who: Principal) => filing !== undefined && allowed(filing, who.role);

  it.each(
    Object.values<Principal>(OWN)
      .filter(mayFile)
      .map((who) => [who.role, who] as const),
  )(
    'when the case’s own %s files its birth certificate again, then 409 names the case',
    async (_role, who) => {
      const response = await refile(who);
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ code: 'API.CONFLICT', caseId });
    },
  );

  it.each(OTHERS.filter(([, who]) => mayFile(who)))(
    'when %s files the case’s birth certificate, then 409 without the case id',
    async (_what, who) => {
      const response = await refile(who);
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('API.FILING_NOT_ACCEPTED');
      expect(JSON.stringify(response.body)).not.toContain(caseId);
    },
  );

  it('when a supervisor reads the case, then the child’s PIN is masked; the mother sees it whole', async () => {
    const read = async (who: Principal) =>
      (
        await request(stack.app)
          .get(`/v1/cases/${encodeURIComponent(caseId)}`)
          .set('Authorization', `Bearer ${await tokenFor(who)}`)
      ).body as { steps: { step: string; result?: Record<string, string> }[] };
    const childPin = (await read(OWN.citizen)).steps.find((s) => s.step === 'birth')?.result?.pin;
    expect(childPin).toMatch(/^\d{12}$/);
    const supervised = await read(OWN.supervisor);
    expect(supervised.steps.find((s) => s.step === 'birth')?.result?.pin).toBe(
      `********${childPin?.slice(-4) ?? ''}`,
    );
    expect(JSON.stringify(supervised)).not.toContain(childPin);
  });
});
