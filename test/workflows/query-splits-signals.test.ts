// Temporal's SDK (TS 1.24 and its core) answers a query, on a worker that does not hold the run in its
// cache, by replaying the history to its very end — signals not yet in any workflow task included —
// and keeps the run so. The run's next workflow task then hears only the signals that came after the
// query, alone: live, the workflow reacted to the signals in two activations; on replay, as the
// history has them, in one — and the commands differ. A chaos run stranded a death case that way
// (its evidence: a worker killed, the case's next task waiting on the dead worker's sticky queue, a
// relative's query between two signals). This test shows the defect on the real dev server, as the
// reason the API never queries a running workflow (api/action-requests.ts); it fails — and that
// reason may be revisited — once the SDK no longer does it.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testNamespace } from '../support/namespaces';
import { runInboxWorker } from './fixtures/inbox-worker';
import { inbox, letter, taken } from './fixtures/inbox.workflow';

describe('a query between two signals, on a worker without the run in its cache', () => {
  const address = inject('temporalAddress');
  const namespace = testNamespace();
  let client: Client;
  beforeAll(async () => {
    client = new Client({ connection: await Connection.connect({ address }), namespace });
  });
  afterAll(() => client.connection.close());

  it('when the run’s next task waited on a killed worker, then the live run takes the signals apart and its history does not replay', async () => {
    const taskQueue = `inbox-${Date.now()}`;
    // The first worker, in a process of its own, runs the workflow's first task and keeps the run.
    const first = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(__dirname, 'fixtures', 'inbox-worker.ts'),
        address,
        namespace,
        taskQueue,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const handle = client.workflow.getHandle<typeof inbox>(taskQueue);
    try {
      await new Promise<void>((resolve) =>
        first.stdout.on('data', (data) => String(data).includes('ready') && resolve()),
      );
      await client.workflow.start(inbox, { taskQueue, workflowId: taskQueue });
      expect(await handle.query(taken)).toEqual([]);
      // Killed: the run's next task goes to its sticky queue, which nobody polls, until it times
      // out there (10 s); a query meanwhile goes to another worker, which has no cache of the run.
      first.kill('SIGKILL');
      await once(first, 'exit');
    } finally {
      first.kill('SIGKILL');
    }
    const second = await runInboxWorker(address, namespace, taskQueue);
    const batches = await second.runUntil(async () => {
      // The query waits ~10 s for the dead worker's sticky queue before another worker gets it;
      // 'a' comes meanwhile, its task timing out 10 s later: 'b' has ~4 s after the query.
      const query = handle.query(taken);
      await sleep(4_000);
      await handle.signal(letter, 'a');
      // The query is answered by the second worker, which replayed the history up to 'a'...
      expect(await query).toEqual(['a']);
      // ...and 'b' comes before the task that carries both signals is done.
      await handle.signal(letter, 'b');
      return handle.result();
    });
    // Live, the run took 'a' alone (during the query) and 'b' alone; in the history both signals
    // are in one task, where replay delivers them together.
    expect(batches).toEqual(['a', 'b']);
    await expect(
      Worker.runReplayHistory(
        { workflowsPath: join(__dirname, 'fixtures', 'inbox.workflow.ts') },
        await handle.fetchHistory(),
        taskQueue,
      ),
    ).rejects.toThrow(DeterminismViolationError);
  }, 60_000);
});
