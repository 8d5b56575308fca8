// How the API learns a request's outcome (api/action-requests.ts): from the outcome a run wrote to
// the read model — every stack test runs the API with a client that refuses queries — and, for a
// run that started before patch `recorded-outcomes`, from the run itself.
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { defineUpdate } from '@temporalio/workflow';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { earlierOutcomeOrRefuse, requestAction } from '../../api/action-requests';
import { insertActionOutcome } from '../../db/action-outcomes.repository';
import { refusal, refusalWords } from '../../domain/procedures/refusals';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { testNamespace } from '../support/namespaces';
import { requestsByQuery } from '../workflows/fixtures/requests-by-query.workflow';

const NOT_AWAITED = refusal('noSupplementAwaited');
const echo = defineUpdate<{ heard: unknown }, [{ text: string }]>('echo');

describe('action outcomes', () => {
  const address = inject('temporalAddress');
  const namespace = testNamespace();
  const taskQueue = `requests-by-query-${Date.now()}`;
  let database: TestDatabase;
  let client: Client;
  let worker: Worker;
  let running: Promise<void>;
  beforeAll(async () => {
    database = await createTestDatabase();
    client = new Client({ connection: await Connection.connect({ address }), namespace });
    worker = await Worker.create({
      connection: await NativeConnection.connect({ address }),
      namespace,
      taskQueue,
      workflowsPath: join(
        __dirname,
        '..',
        'workflows',
        'fixtures',
        'requests-by-query.workflow.ts',
      ),
    });
    running = worker.run();
  });
  afterAll(async () => {
    worker.shutdown();
    await running;
    await client.connection.close();
    await database.drop();
  });

  it('when a run from before patch recorded-outcomes takes a request, then the API reads its outcome by query, and a retry finds it', async () => {
    const handle = await client.workflow.start(requestsByQuery, {
      taskQueue,
      workflowId: `${taskQueue}-1`,
    });
    try {
      expect(
        await requestAction(database.appDb, handle, echo, { text: 'xin chào' }, 'request-1'),
      ).toEqual({ heard: { text: 'xin chào' } });
      expect(
        await earlierOutcomeOrRefuse(database.appDb, [handle], 'request-1', NOT_AWAITED),
      ).toEqual({ heard: { text: 'xin chào' } });
      await expect(
        earlierOutcomeOrRefuse(database.appDb, [handle], 'request-2', NOT_AWAITED),
      ).rejects.toMatchObject({ status: 422, detail: refusalWords(NOT_AWAITED) });
    } finally {
      await handle.terminate();
    }
  });

  it('when an outcome was written, then a retry gets it without asking the run, refused ones as 422', async () => {
    const handle = client.workflow.getHandle('birth-residence-insurance:NO-SUCH-RUN');
    await insertActionOutcome(database.db, {
      workflowId: handle.workflowId,
      requestId: 'done-1',
      outcome: { state: 'done', value: { status: 'withdrawn' } },
    });
    await insertActionOutcome(database.db, {
      workflowId: handle.workflowId,
      requestId: 'refused-1',
      outcome: {
        state: 'refused',
        message: 'a completed case cannot be withdrawn',
        refusal: refusal('notWithdrawable', { state: 'completed' }),
      },
    });
    // Written by a run from before refusals were named: its message is all there is.
    await insertActionOutcome(database.db, {
      workflowId: handle.workflowId,
      requestId: 'refused-0',
      outcome: { state: 'refused', message: 'a completed case cannot be withdrawn' },
    });
    // Written again (a retried activity): the first outcome stands.
    await insertActionOutcome(database.db, {
      workflowId: handle.workflowId,
      requestId: 'done-1',
      outcome: { state: 'refused', message: 'later' },
    });
    expect(await earlierOutcomeOrRefuse(database.appDb, [handle], 'done-1', NOT_AWAITED)).toEqual({
      status: 'withdrawn',
    });
    await expect(
      earlierOutcomeOrRefuse(database.appDb, [handle], 'refused-1', NOT_AWAITED),
    ).rejects.toMatchObject({
      status: 422,
      detail: {
        en: 'a completed case cannot be withdrawn',
        vi: 'không thể rút hồ sơ ở trạng thái “Hoàn thành”',
      },
    });
    await expect(
      earlierOutcomeOrRefuse(database.appDb, [handle], 'refused-0', NOT_AWAITED),
    ).rejects.toMatchObject({
      status: 422,
      detail: {
        vi: 'a completed case cannot be withdrawn',
        en: 'a completed case cannot be withdrawn',
      },
    });
  });
});
