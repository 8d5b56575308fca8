// The filing outbox (migration 0025, api/case-starts.ts) through the real stack: a filing is answered
// once PostgreSQL holds it — readable at once, with its code and deadline — whatever Temporal is
// doing; its workflow is started from the row by the API that filed it or, should that fail (the
// API's Temporal unreachable here, as when it is down or the API died after its commit), by the
// relay; twice the same filing at once is one case; a case not started for minutes is stuck.
import { WorkflowNotFoundError } from '@temporalio/client';
import pino from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCaseStarter, FILING_MEMO } from '../../api/case-starts';
import type { CaseView } from '../../domain/procedures/views';
import { aBirthApplication } from '../fixtures/birth-application';
import {
  citizen,
  file,
  readCase,
  stepOf,
  uniqueCertificate,
  waitForCase,
} from '../support/group-a';
import { startTestStack, type TestStack } from '../support/stack';
import { listStuck, supervisorOf, type StuckList } from '../support/stuck-cases';

const silent = pino({ level: 'silent' });

describe('the filing outbox, when the API cannot reach Temporal', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ apiTemporalUnreachable: true });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const startRow = async (caseId: string) =>
    (
      await stack.database.db.query<{
        filing_id: string;
        started_at: string | null;
        attempts: number;
        input: unknown;
      }>('SELECT filing_id, started_at, attempts, input FROM case_starts WHERE case_id = $1', [
        caseId,
      ])
    ).rows[0];

  const stuckOf = async (commune: string) =>
    (await listStuck(stack.app, supervisorOf(commune))).body as StuckList;

  it('when a case is filed, then it is answered 202 and readable at once as received, stuck after minutes, refused withdrawal with 503, and run by the relay once Temporal answers', async () => {
    const application = aBirthApplication(uniqueCertificate());
    const pin = application.applicant.pin;

    const filed = await file(stack.app, application);

    expect(filed.status).toBe(202);
    const caseId = filed.body.caseId as string;
    const received = await readCase(stack.app, caseId, pin);
    expect(received.status).toBe(200);
    expect(received.body).toMatchObject({
      caseId,
      caseCode: filed.body.caseCode as string,
      status: 'submitted',
      commune: application.receivingCommune,
      steps: [],
      timeline: [{ event: 'received' }],
    });
    expect(Date.parse((received.body as CaseView).deadline)).toBeGreaterThan(Date.now());
    await expect(stack.client.workflow.getHandle(caseId).describe()).rejects.toBeInstanceOf(
      WorkflowNotFoundError,
    );

    // Asked of it before it runs: said plainly, and nothing is lost.
    const withdrawal = await request(stack.app)
      .post(`/v1/cases/${encodeURIComponent(caseId)}/withdraw`)
      .set('Authorization', `Bearer ${await citizen(pin)}`)
      .send({ reason: 'nộp nhầm' });
    expect(withdrawal.status).toBe(503);
    expect(withdrawal.body).toMatchObject({ code: 'API.UNAVAILABLE' });

    // Five minutes on (its filing time moved back): the supervisor sees it stuck, not started.
    await stack.database.db.query(
      `UPDATE case_starts SET filed_at = now() - interval '6 minutes' WHERE case_id = $1`,
      [caseId],
    );
    const stuck = await stuckOf(application.receivingCommune);
    expect(stuck.items.find((c) => c.caseId === caseId)?.reasons).toEqual([
      expect.objectContaining({ code: 'NOT_STARTED' }),
    ]);

    // The filing API's lease ends (as if it had died): the relay of any API, reaching Temporal,
    // starts it — as this filing, named in the workflow's memo — and forgets its input.
    await stack.database.db.query(
      'UPDATE case_starts SET next_attempt_at = now() WHERE case_id = $1',
      [caseId],
    );
    const { filing_id: filingId } = (await startRow(caseId)) ?? { filing_id: undefined };
    const relay = createCaseStarter({
      temporal: stack.client,
      db: stack.database.appDb,
      logger: silent,
    });
    expect(await relay.relay()).toBeGreaterThanOrEqual(1);

    expect(await startRow(caseId)).toMatchObject({ started_at: expect.any(String), input: null });
    const { memo } = await stack.client.workflow.getHandle(caseId).describe();
    expect(memo?.[FILING_MEMO]).toBe(filingId);
    const running = await waitForCase(stack.app, caseId, pin, (v) =>
      expect(stepOf(v, 'birth').status).not.toBe('pending'),
    );
    expect(running.caseCode).toBe(filed.body.caseCode);
    expect(running.deadline).toBe((received.body as CaseView).deadline);
    const after = await stuckOf(application.receivingCommune);
    expect(after.items.find((c) => c.caseId === caseId)).toBeUndefined();

    // A relay run again starts nothing twice.
    expect(await relay.relay()).toBe(0);
  });

  it('when the same filing is sent twice at once, under one key or two, then there is one case and one start', async () => {
    const application = aBirthApplication(uniqueCertificate());

    const sameKey = await Promise.all([
      file(stack.app, application, 'outbox-twice-0001'),
      file(stack.app, application, 'outbox-twice-0001'),
    ]);
    const otherKey = await file(stack.app, application, 'outbox-twice-0002');

    expect(sameKey.map((r) => r.status)).toEqual([202, 202]);
    expect(sameKey[1]?.body).toEqual(sameKey[0]?.body);
    expect(otherKey.status).toBe(409);
    const caseId = sameKey[0]?.body.caseId as string;
    const { rows } = await stack.database.db.query(
      'SELECT count(*)::int AS n FROM case_starts WHERE case_id LIKE $1',
      [`${caseId}%`],
    );
    expect(rows[0]).toEqual({ n: 1 });
  });
});

describe('the filing outbox, before any worker runs the case', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ workers: false });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('when the applicant withdraws the moment the filing is answered, before its workflow ran any task, then the workflow hears it in its first task and the case is withdrawn', async () => {
    const application = aBirthApplication(uniqueCertificate());
    const filed = await file(stack.app, application);
    const caseId = filed.body.caseId as string;

    const withdrawal = request(stack.app)
      .post(`/v1/cases/${encodeURIComponent(caseId)}/withdraw`)
      .set('Authorization', `Bearer ${await citizen(application.applicant.pin)}`)
      .send({ reason: 'nộp nhầm' })
      .then((response) => response);
    // Sent before the workflow ran: its request and its start wait for a worker together.
    await vi.waitFor(
      async () => {
        const { rows } = await stack.database.db.query(
          `SELECT state FROM action_outcomes WHERE workflow_id = $1`,
          [caseId],
        );
        expect(rows).toEqual([{ state: 'sent' }]);
      },
      { timeout: 10_000 },
    );
    const history = await stack.client.workflow.getHandle(caseId).fetchHistory();
    expect(history.events?.some((e) => e.workflowTaskCompletedEventAttributes)).toBe(false);
    await stack.startWorkers();

    const answered = await withdrawal;
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({
      status: 'withdrawn',
      reason: { code: 'CASE.WITHDRAWN' },
    });
    await waitForCase(stack.app, caseId, application.applicant.pin, (v) =>
      expect(v.status).toBe('withdrawn'),
    );
  });
});
