// How the starter of filed cases (api/case-starts.ts) answers what Temporal says, on a real database
// and a fake Temporal client: started (or started already by this filing), tried again later after
// a failure that may pass, and — refused for good — the case ended with a reason, never left waiting.
import { randomUUID } from 'node:crypto';
import {
  ServiceError,
  WorkflowExecutionAlreadyStartedError,
  type Client,
} from '@temporalio/client';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCaseStarter, FILING_MEMO } from '../../api/case-starts';
import { caseStart, receivedView } from '../../api/filing';
import { fileCase } from '../../db/case-starts.repository';
import { findCase } from '../../db/queries/cases.queries';
import { vietnamCalendar } from '../../domain/calendar/vietnam';
import { receiptFacts } from '../../domain/receipt';
import type { CaseView } from '../../domain/procedures/views';
import { aBirthApplication } from '../fixtures/birth-application';
import { uniqueCertificate } from '../support/group-a';
import { createTestDatabase, type TestDatabase } from '../support/database';

const silent = pino({ level: 'silent' });

/** What gRPC throws for a status, as the client wraps it. */
const grpcError = (code: number, message: string) =>
  new ServiceError(message, {
    cause: Object.assign(new Error(message), { code, details: message, metadata: {} }),
  });

describe('starting filed cases', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  /** A birth case filed (its outbox row, receipt and first read-model row), not started. */
  async function aFiledCase() {
    const application = aBirthApplication(uniqueCertificate());
    const now = Date.now();
    const year = new Date(now).getUTCFullYear();
    const start = caseStart(application, now, vietnamCalendar([year, year + 1]), () => '001');
    const caseId = start.caseId;
    const row = {
      case_id: caseId,
      filing_id: randomUUID(),
      workflow_type: start.workflowType,
      input: start.args[0],
      attempts: 0,
    };
    const caseCode = `KS-00004-0000-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
    const filed = await fileCase(database.appDb, {
      ...row,
      requestId: undefined,
      application,
      receipt: receiptFacts(application, { caseCode, receivedAt: now, receivedBy: 'clerk' }),
      view: receivedView(start, caseId, caseCode),
      leaseMs: 0,
    });
    expect(filed).toEqual({ filed: true });
    return row;
  }

  const outbox = async (caseId: string) =>
    (
      await database.db.query<{
        started_at: string | null;
        refused_at: string | null;
        attempts: number;
        last_error: string | null;
        input: unknown;
        due: boolean;
      }>(
        `SELECT started_at, refused_at, attempts, last_error, input, next_attempt_at <= now() AS due
           FROM case_starts WHERE case_id = $1`,
        [caseId],
      )
    ).rows[0];

  const starterWith = (workflow: Partial<Client['workflow']>) =>
    createCaseStarter({
      temporal: { workflow } as unknown as Client,
      db: database.appDb,
      logger: silent,
    });

  it('when Temporal starts it, then it is started with the filing named in its memo and its input is no longer kept', async () => {
    const row = await aFiledCase();
    const start = vi.fn().mockResolvedValue(undefined);

    expect(await starterWith({ start }).relay()).toBeGreaterThanOrEqual(1);

    expect(start).toHaveBeenCalledWith(
      'birthResidenceInsurance',
      expect.objectContaining({ workflowId: row.case_id, memo: { [FILING_MEMO]: row.filing_id } }),
    );
    expect(await outbox(row.case_id)).toMatchObject({
      started_at: expect.any(String),
      input: null,
    });
  });

  it('when the start is answered "already started" by its own earlier start, then it is started', async () => {
    const row = await aFiledCase();
    const start = vi
      .fn()
      .mockRejectedValue(new WorkflowExecutionAlreadyStartedError('exists', row.case_id, 'x'));
    const describe = vi.fn().mockResolvedValue({ memo: { [FILING_MEMO]: row.filing_id } });

    await starterWith({ start, getHandle: () => ({ describe }) as never }).relay();

    expect(describe).toHaveBeenCalled();
    expect(await outbox(row.case_id)).toMatchObject({ started_at: expect.any(String) });
  });

  it('when Temporal is unavailable, then the start is tried again later, not now, and the case stays received', async () => {
    const row = await aFiledCase();
    const start = vi.fn().mockRejectedValue(grpcError(14, 'connection refused'));
    const starter = starterWith({ start });

    await starter.relay();
    await starter.relay();

    expect(await outbox(row.case_id)).toMatchObject({
      started_at: null,
      refused_at: null,
      attempts: 1,
      last_error: 'connection refused',
      due: false,
    });
    expect((await findCase(database.appDb, row.case_id))?.status).toBe('submitted');
    await expect(starter.ensureStarted(row.case_id)).rejects.toMatchObject({ status: 503 });
  });

  it('when Temporal refuses the start for good, then the case ends rejected with CASE.NOT_OPENED and is never tried again', async () => {
    const row = await aFiledCase();
    const start = vi.fn().mockRejectedValue(grpcError(3, 'WorkflowId length exceeds limit.'));
    const starter = starterWith({ start });

    await starter.relay();
    await database.db.query('UPDATE case_starts SET next_attempt_at = now() WHERE case_id = $1', [
      row.case_id,
    ]);
    await starter.relay();

    const startsOfIt = start.mock.calls.filter(
      ([, options]) => (options as { workflowId: string }).workflowId === row.case_id,
    );
    expect(startsOfIt).toHaveLength(1);
    expect(await outbox(row.case_id)).toMatchObject({
      started_at: null,
      refused_at: expect.any(String),
      input: null,
    });
    const ended = await findCase(database.appDb, row.case_id);
    expect(ended?.status).toBe('rejected');
    expect((ended?.view as unknown as CaseView).reason).toMatchObject({ code: 'CASE.NOT_OPENED' });
    expect((ended?.view as unknown as CaseView).timeline.map((t) => t.event)).toEqual([
      'received',
      'not_opened',
    ]);
    // Nothing left to start: asking of it goes on to the (closed) case, which answers for itself.
    await expect(starter.ensureStarted(row.case_id)).resolves.toBeUndefined();
  });
});
