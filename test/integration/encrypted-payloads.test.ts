// Encrypted Temporal payloads through the real stack: a Group A case filed through the API and
// approved by its officer, then its histories read from the Temporal server as stored — none of the
// people's PINs, names, phone or address in them — and the same histories decrypted through the codec
// (the whole application is there), and through the API's codec endpoint, for admins only.
import { createHash } from 'node:crypto';
import { temporal } from '@temporalio/proto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePayloadsIn, payloadsIn } from '../../config/data-converter';
import { isEncrypted } from '../../config/payload-codec';
import type { CaseView } from '../../domain/procedures/views';
import { workflowIds } from '../../workflows/task-queues';
import { aBirthApplication } from '../fixtures/birth-application';
import { tokenFor } from '../support/auth';
import {
  clerk,
  decide,
  file,
  uniqueCertificate,
  uniqueChildName,
  waitForCase,
} from '../support/group-a';
import { recordHistories } from '../support/histories';
import { startTestStack, TEST_TEMPORAL_UI_ORIGIN, type TestStack } from '../support/stack';

const { GetWorkflowExecutionHistoryResponse } = temporal.api.workflowservice.v1;
type Payload = temporal.api.common.v1.IPayload;

/** Fields whose payloads the server reads, or the SDK's core writes, never through a codec. */
const SERVER_FIELDS = new Set([
  'searchAttributes',
  'upsertWorkflowSearchAttributesEventAttributes',
  'markerRecordedEventAttributes',
]);
function withoutServerFields(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return value;
  if (Array.isArray(value)) return value.map(withoutServerFields);
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !SERVER_FIELDS.has(key))
      .map(([key, child]) => [key, withoutServerFields(child)]),
  );
}

const admin = () => tokenFor({ sub: 'admin-codec', role: 'admin' });
const UI_ORIGIN = TEST_TEMPORAL_UI_ORIGIN;

describe('encrypted Temporal payloads, through the real stack', () => {
  let stack: TestStack;
  const application = aBirthApplication(uniqueCertificate());
  application.child = { ...application.child, fullName: uniqueChildName() };
  const caseId = workflowIds.birthResidenceInsurance(application.medicalBirthCertificate.number);
  /** What was filed about people: none of it may be readable in Temporal. */
  const secrets = [
    application.applicant.pin,
    application.applicant.fullName,
    application.applicant.phone,
    application.child.fullName,
    application.father?.pin ?? '',
    application.father?.fullName ?? '',
    application.mother.address?.line ?? '',
  ];
  /** Each workflow of the case (the case and its steps), as Temporal stores it, byte for byte. */
  const stored = new Map<string, temporal.api.history.v1.IHistory>();
  const storedBytes = new Map<string, Buffer>();

  beforeAll(async () => {
    stack = await startTestStack();
    const filed = await file(stack.app, application);
    expect(filed.status).toBe(202);
    expect((await decide(stack.app, caseId, 'civil-status', { decision: 'approve' })).status).toBe(
      200,
    );
    // The client reads the result through the codec as the API and the worker do.
    const view = (await stack.client.workflow.getHandle(caseId).result()) as CaseView;
    expect(view.status).toBe('completed');
    const { workflowService } = stack.client.connection;
    const namespace = stack.client.options.namespace;
    for (const workflowId of [
      caseId,
      ...['birth', 'residence', 'insurance'].map((s) => workflowIds.step(caseId, s)),
    ]) {
      const events: temporal.api.history.v1.IHistoryEvent[] = [];
      const pages: Uint8Array[] = [];
      let nextPageToken: Uint8Array | undefined;
      do {
        const page = await workflowService.getWorkflowExecutionHistory({
          namespace,
          execution: { workflowId },
          ...(nextPageToken && { nextPageToken }),
        });
        pages.push(GetWorkflowExecutionHistoryResponse.encode(page).finish());
        events.push(...(page.history?.events ?? []));
        nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
      } while (nextPageToken);
      stored.set(workflowId, { events });
      storedBytes.set(workflowId, Buffer.concat(pages));
    }
    await recordHistories(stack.client, caseId, 'encrypted-group-a-all-three');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('when the case’s histories are read from Temporal as stored, then no PIN, name, phone or address filed is in them', () => {
    expect(stored.size).toBe(4);
    for (const [workflowId, bytes] of storedBytes) {
      const found = secrets.filter((secret) => bytes.includes(Buffer.from(secret, 'utf8')));
      expect([workflowId, found]).toEqual([workflowId, []]);
    }
    // Every input, result, signal, memo and header is ciphertext; what the server itself reads
    // (search attributes) and the SDK's patch markers are not, and carry no one's data.
    const payloads = payloadsIn(withoutServerFields([...stored.values()]));
    expect(payloads.length).toBeGreaterThan(20);
    expect(payloads.filter((p) => !isEncrypted(p)).map((p) => p.metadata)).toEqual([]);
  });

  it('when the same histories are decoded through the codec, then the application filed is there', async () => {
    const codec = stack.payloadCodec;
    if (!codec) throw new Error('the test stack encrypts by default');
    const decoded = await Promise.all(
      [...stored.values()].map((h) => decodePayloadsIn(structuredClone(h), codec)),
    );
    const text = decoded
      .flatMap((h) => payloadsIn(h))
      .map((p) => Buffer.from(p.data ?? []).toString('utf8'))
      .join('\n');
    for (const secret of secrets) expect(text).toContain(secret);
  });

  it('when an agency refuses a request quoting the child’s name, then the failure Temporal stores names nobody, and decodes to the agency’s words', async () => {
    // Arrange: the 400's text goes into the failure message (agencies/http.ts quotes its start).
    const refused = aBirthApplication(uniqueCertificate());
    refused.child = { ...refused.child, fullName: uniqueChildName() };
    const refusedId = workflowIds.birthResidenceInsurance(refused.medicalBirthCertificate.number);
    stack.faults.set('civil-status', {
      rules: [
        {
          path: 'child.fullName',
          equals: refused.child.fullName,
          status: 400,
          body: {
            code: 'CIVIL_STATUS.INVALID_REQUEST',
            reason: `no such name: ${refused.child.fullName}`,
          },
        },
      ],
    });
    try {
      // Act
      expect((await file(stack.app, refused)).status).toBe(202);
      await waitForCase(stack.app, refusedId, refused.applicant.pin, (v) =>
        expect(v.status).toBe('rejected'),
      );
    } finally {
      stack.faults.clear('civil-status');
    }
    const stepId = workflowIds.step(refusedId, 'birth');
    const page = await stack.client.connection.workflowService.getWorkflowExecutionHistory({
      namespace: stack.client.options.namespace,
      execution: { workflowId: stepId },
    });
    // Assert
    const bytes = Buffer.from(GetWorkflowExecutionHistoryResponse.encode(page).finish());
    expect(bytes.includes(Buffer.from(refused.child.fullName))).toBe(false);
    const failure = page.history?.events?.find((e) => e.activityTaskFailedEventAttributes)
      ?.activityTaskFailedEventAttributes?.failure;
    expect(failure?.message).toBe('Encoded failure');
    expect(isEncrypted(failure?.encodedAttributes ?? {})).toBe(true);
    const codec = stack.payloadCodec;
    if (!codec || !failure) throw new Error('an encrypting stack and a failure');
    const [attributes] = payloadsIn(await decodePayloadsIn({ failure }, codec));
    expect(Buffer.from(attributes?.data ?? []).toString('utf8')).toContain(
      `no such name: ${refused.child.fullName}`,
    );
  });

  describe('the codec endpoint (Temporal Web UI)', () => {
    /** The case's input as the UI sends it: proto3 JSON, bytes as base64. */
    const filedInput = () => {
      const [payload] =
        stored.get(caseId)?.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ??
        [];
      if (!payload) throw new Error('no input');
      return payload;
    };
    const toJson = ({ metadata, data }: Payload) => ({
      metadata: Object.fromEntries(
        Object.entries(metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
      ),
      data: Buffer.from(data ?? []).toString('base64'),
    });
    const post = (path: string, token?: string) => {
      const req = request(stack.app)
        .post(`/v1/codec/${path}`)
        .set('Origin', UI_ORIGIN)
        .set('X-Namespace', stack.client.options.namespace);
      return token ? req.set('Authorization', `Bearer ${token}`) : req;
    };

    it('when an admin decodes the case’s input, then it reads as filed, uncached, and the audit log keeps the decryption', async () => {
      // Act
      const response = await post('decode', await admin()).send({
        payloads: [toJson(filedInput())],
      });
      // Assert
      expect(response.status).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['access-control-allow-origin']).toBe(UI_ORIGIN);
      const [decoded] = (
        response.body as { payloads: { metadata: Record<string, string>; data: string }[] }
      ).payloads;
      expect(Buffer.from(decoded?.metadata.encoding ?? '', 'base64').toString()).toBe('json/plain');
      const input = Buffer.from(decoded?.data ?? '', 'base64').toString('utf8');
      for (const secret of secrets.slice(0, 2)) expect(input).toContain(secret);
      const hash = createHash('sha256')
        .update(filedInput().data ?? new Uint8Array())
        .digest('hex');
      const audit = await stack.database.db.query<{
        actor: string;
        outcome: number;
        sha256: string;
      }>(`SELECT actor, outcome, sha256 FROM audit_log WHERE action = 'decodePayloads'`);
      expect(audit.rows).toEqual([{ actor: 'admin-codec', outcome: 200, sha256: hash }]);
    });

    it('when an admin encodes a payload, then it comes back encrypted and decodes to the same', async () => {
      const plain = {
        metadata: { encoding: Buffer.from('json/plain').toString('base64') },
        data: Buffer.from('"xin chào"').toString('base64'),
      };
      const encoded = await post('encode', await admin()).send({ payloads: [plain] });
      expect(encoded.status).toBe(200);
      const [sealed] = (encoded.body as { payloads: { metadata: Record<string, string> }[] })
        .payloads;
      expect(Buffer.from(sealed?.metadata.encoding ?? '', 'base64').toString()).toBe(
        'binary/encrypted',
      );
      const decoded = await post('decode', await admin()).send({ payloads: [sealed] });
      expect(decoded.body).toEqual({ payloads: [plain] });
    });

    it('when someone other than an admin calls it, then 401 without a token and 403 for a clerk, nothing decoded', async () => {
      const body = { payloads: [toJson(filedInput())] };
      const anonymous = await post('decode').send(body);
      const asClerk = await post('decode', await clerk()).send(body);
      expect([anonymous.status, asClerk.status]).toEqual([401, 403]);
      expect(JSON.stringify([anonymous.body, asClerk.body])).not.toContain(
        Buffer.from(application.applicant.pin).toString('base64').slice(0, 8),
      );
      for (const refused of [anonymous, asClerk])
        expect(refused.headers['access-control-allow-origin']).toBe(UI_ORIGIN);
    });

    it('when a payload was changed, then 422 and nothing decoded', async () => {
      const changed = toJson(filedInput());
      const bytes = Buffer.from(changed.data, 'base64');
      bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
      const response = await post('decode', await admin()).send({
        payloads: [{ ...changed, data: bytes.toString('base64') }],
      });
      expect(response.status).toBe(422);
    });

    it.each([
      [UI_ORIGIN, 'it may post (204, the methods and headers the UI sends)', UI_ORIGIN],
      ['http://elsewhere.example', 'no CORS answer, so the browser refuses', undefined],
    ])(
      'when the browser of %s asks before posting (preflight), then %s',
      async (origin, _then, allowed) => {
        const response = await request(stack.app)
          .options('/v1/codec/decode')
          .set('Origin', origin)
          .set('Access-Control-Request-Method', 'POST')
          .set('Access-Control-Request-Headers', 'authorization, content-type, x-namespace');
        expect(response.headers['access-control-allow-origin']).toBe(allowed);
        if (allowed) {
          expect(response.status).toBe(204);
          expect(response.headers['access-control-allow-methods']).toContain('POST');
          expect(response.headers['access-control-allow-headers']).toMatch(/X-Namespace/i);
          expect(response.headers['access-control-allow-headers']).toMatch(/Authorization,/i);
          // The Web UI sends the person's ID token beside the access token.
          expect(response.headers['access-control-allow-headers']).toMatch(/Authorization-Extras/i);
        } else expect(response.headers['access-control-allow-headers']).toBeUndefined();
      },
    );
  });
});
