// Scenario 1: complete Group A cases per second through the API (every agency automatic, no injected
// latency) against a bare Temporal workflow of the same shape on the same dev server, alternating,
// three repetitions each; CPU-seconds per case for each process.
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import {
  birthApplication,
  CLERK,
  cpuDelta,
  cpuOf,
  fileCase,
  FINISHED,
  pool,
  setCivilStatusReview,
  token,
  waitForCases,
} from '../lib/engine';
import { round, type ScenarioResult } from '../lib/report';
import { shapeOf } from '../lib/shape';
import { NAMESPACE, type BenchStack } from '../lib/stack';
import { BARE_QUEUE, type bareCase } from '../workflows/bare.workflow';

export async function throughput(
  stack: BenchStack,
  { cases = 200, concurrency = 20, repetitions = 3 } = {},
): Promise<ScenarioResult> {
  await setCivilStatusReview(stack, 'automatic');
  const bearer = await token(CLERK);
  const connection = await Connection.connect(await stack.temporalConnection());
  const client = new Client({
    connection,
    namespace: NAMESPACE,
    dataConverter: stack.dataConverter,
  });

  // The real shape, from one real case.
  const probe = await fileCase(stack, bearer, birthApplication('probe'));
  await waitForCases(stack, 'B-probe', 1, FINISHED);
  await client.workflow.getHandle(probe).result();
  const shape = await shapeOf(client, probe);

  const bare = stack.spawn('bare-worker', join('bench', 'bare-worker.ts'));
  const pids = { ...stack.pids, ...(bare.child.pid && { 'bare-worker': bare.child.pid }) };
  // Warm both paths once.
  await runEngine(`warm`, 20);
  await runBare('warm', 20);

  async function runEngine(run: string, n: number) {
    const before = cpuOf(pids);
    const started = performance.now();
    await pool(n, concurrency, () => fileCase(stack, bearer, birthApplication(run)));
    await waitForCases(stack, `B-${run}-`, n, FINISHED);
    const seconds = (performance.now() - started) / 1000;
    return { seconds, perSecond: n / seconds, cpu: cpuDelta(before, cpuOf(pids)) };
  }
  async function runBare(run: string, n: number) {
    const before = cpuOf(pids);
    const started = performance.now();
    const handles = await pool(n, concurrency, (i) =>
      client.workflow.start<typeof bareCase>('bareCase', {
        taskQueue: BARE_QUEUE,
        workflowId: `bare-${run}-${i}`,
        args: [shape],
      }),
    );
    await Promise.all(handles.map((h) => h.result()));
    const seconds = (performance.now() - started) / 1000;
    return { seconds, perSecond: n / seconds, cpu: cpuDelta(before, cpuOf(pids)) };
  }

  type Run = Awaited<ReturnType<typeof runEngine>>;
  const engineRuns: Run[] = [];
  const bareRuns: Run[] = [];
  for (let r = 1; r <= repetitions; r += 1) {
    engineRuns.push(await runEngine(`e${r}`, cases));
    bareRuns.push(await runBare(`b${r}`, cases));
  }
  await bare.stop();
  await connection.close();

  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const engineRate = mean(engineRuns.map((r) => r.perSecond));
  const bareRate = mean(bareRuns.map((r) => r.perSecond));
  const perCase = (runs: typeof engineRuns) =>
    Object.fromEntries(
      Object.keys(pids).map((name) => [
        name,
        round(mean(runs.map((r) => (r.cpu[name] ?? 0) / cases)), 4),
      ]),
    );
  const ratio = engineRate / bareRate;
  return {
    scenario: '1-throughput',
    title: '1. Throughput: complete Group A cases vs a bare workflow of the same shape',
    figures: [
      {
        name: 'engine, complete cases per second',
        value: round(engineRate),
        target: '≥ 10',
        met: engineRate >= 10,
      },
      { name: 'bare workflow, per second', value: round(bareRate) },
      // Three digits: at two, 0.796 would print as a missed 0.8.
      { name: 'ratio engine / bare', value: round(ratio, 3), target: '≥ 0.8', met: ratio >= 0.8 },
      ...Object.entries(perCase(engineRuns)).map(([name, cpu]) => ({
        name: `engine CPU-seconds per case: ${name}`,
        value: cpu,
      })),
      ...Object.entries(perCase(bareRuns))
        // Temporal's processes (one, or six on the production profile), its database, the bare worker.
        .filter(([name]) => /^(temporal|postgres|bare-worker)/.test(name))
        .map(([name, cpu]) => ({ name: `bare CPU-seconds per case: ${name}`, value: cpu })),
    ],
    details: {
      cases,
      concurrency,
      repetitions,
      shape,
      engineRuns,
      bareRuns,
      temporalFlags: stack.temporalFlags,
      notes: [
        `${cases} cases per repetition, ${concurrency} in flight, engine and bare alternating`,
        `shape (from a real case): ${JSON.stringify(shape)}`,
        `Temporal: ${stack.temporalFlags.join(' ')}`,
        `workers: ${Object.keys(stack.pids).filter((name) => /^worker(-\d+)?$/.test(name)).length}`,
      ],
    },
  };
}
