// Scenario 3: many Group A cases open at once, each waiting for the civil-status officer. The time to
// create them, the worker's memory with its workflow-cache limit, database sizes, the inbox's first
// page and a case view under load, then the time to approve a thousand of them.
import { statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  birthApplication,
  CLERK,
  cpuDelta,
  cpuOf,
  fileCase,
  OFFICER,
  pool,
  setCivilStatusReview,
  token,
  waitForCases,
} from '../lib/engine';
import { measuredLoad, WARM_UP_SECONDS, type Load } from '../lib/load';
import { rssMiB } from '../lib/proc';
import { round, type Figure, type ScenarioResult } from '../lib/report';
import type { BenchStack } from '../lib/stack';

interface Sample {
  atSeconds: number;
  waiting: number;
  workerMiB: number;
}

export async function scale(
  stack: BenchStack,
  {
    open = 100_000,
    approve = 1_000,
    concurrency = 32,
    ahead = 100,
    seconds = 20,
    sampleSeconds = 30,
  } = {},
): Promise<ScenarioResult> {
  await setCivilStatusReview(stack, 'officer');
  const clerk = await token(CLERK);
  const officer = await token(OFFICER);
  const run = `S${Date.now().toString(36).toUpperCase()}`;

  const waitingInReview = async () =>
    (
      await stack.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM tasks WHERE open AND state = 'in_review' AND case_id LIKE $1`,
        [`%:B-${run}-%`],
      )
    ).rows[0]?.n ?? 0;

  // Every `sampleSeconds`: how many wait in review and the worker's memory — whether creating gets
  // slower, or the worker bigger, as open cases pile up.
  const samples: Sample[] = [];
  const started = performance.now();
  const cpuBefore = cpuOf(stack.pids);
  // One count at a time, shared by whoever asks meanwhile (the pacing below, the samples, the
  // final wait): counting scans the tasks, a cost that grows with every case.
  let waiting = 0;
  let counting: Promise<number> | undefined;
  const recount = () =>
    (counting ??= waitingInReview()
      .then((n) => (waiting = n))
      .finally(() => (counting = undefined)));

  const sample = async () => {
    samples.push({
      atSeconds: round((performance.now() - started) / 1000, 1),
      waiting: await recount(),
      workerMiB: rssMiB(stack.pids.worker ?? 0),
    });
  };
  const sampler = setInterval(() => void sample().catch(() => undefined), sampleSeconds * 1000);

  // Filings are held back while `ahead` filed cases are not yet in review. Unpaced, the API accepts
  // filings several times faster than the engine brings cases to review (a first 30,000-case run
  // filed 8,800 in ten minutes while about 500 reached review), and the time measured would be
  // that backlog's. Counted once a second (four times a second took a fifth of a core by 12,000).
  let filed = 0;
  let caseIds: string[];
  try {
    caseIds = await pool(open, concurrency, async () => {
      while (filed - waiting >= ahead) await Promise.all([recount(), sleep(1_000)]);
      filed += 1;
      return fileCase(stack, clerk, birthApplication(run));
    });
    while ((await recount()) < open) await sleep(1_000);
  } finally {
    clearInterval(sampler);
  }
  const createSeconds = (performance.now() - started) / 1000;
  const cpuPerCase = Object.entries(cpuDelta(cpuBefore, cpuOf(stack.pids))).map(
    ([name, seconds]) => [name, round(seconds / open, 4)] as const,
  );
  const rateOf = (from: Sample | undefined, to: Sample | undefined) =>
    from && to && to.atSeconds > from.atSeconds
      ? round((to.waiting - from.waiting) / (to.atSeconds - from.atSeconds))
      : undefined;
  // Creation rate over the first and the last tenth of the samples.
  const tenth = Math.max(1, Math.floor(samples.length / 10));
  const firstRate = rateOf(samples[0], samples[tenth]);
  const lastRate = rateOf(samples.at(-1 - tenth), samples.at(-1));

  const workerRss = rssMiB(stack.pids.worker ?? 0);
  const sizes = (
    await stack.db.query<{ database: string; cases: string; tasks: string; audit: string }>(
      `SELECT pg_database_size(current_database())::text AS database,
              pg_total_relation_size('cases')::text AS cases,
              pg_total_relation_size('tasks')::text AS tasks,
              pg_total_relation_size('audit_log')::text AS audit`,
    )
  ).rows[0];
  const mib = (bytes?: string | number) => round(Number(bytes ?? 0) / 2 ** 20, 1);
  const temporalDb = statSync(stack.temporalDbFile).size;

  const headers = (bearer: string) => ({ Authorization: `Bearer ${bearer}` });
  const inbox = await measuredLoad({
    url: `${stack.api}/v1/tasks`,
    method: 'GET',
    ratePerSecond: 20,
    seconds,
    headers: headers(officer),
  });
  const view = await measuredLoad({
    url: `${stack.api}/v1/cases/${encodeURIComponent(caseIds[Math.floor(open / 2)] ?? '')}`,
    method: 'GET',
    ratePerSecond: 200,
    seconds,
    headers: headers(clerk),
  });

  const approvedFrom = performance.now();
  await pool(Math.min(approve, open), concurrency, async (i) => {
    const response = await fetch(
      `${stack.api}/v1/tasks/${encodeURIComponent(`${caseIds[i] ?? ''}:birth`)}/decision`,
      {
        method: 'POST',
        headers: { ...headers(officer), 'Content-Type': 'application/json' },
        body: JSON.stringify({ decision: 'approve' }),
      },
    );
    if (response.status !== 200) throw new Error(`decision → ${response.status}`);
  });
  await waitForCases(stack, `B-${run}-`, Math.min(approve, open), ['completed']);
  const approveSeconds = (performance.now() - approvedFrom) / 1000;

  const p99 = (what: string, l: Load, target: number): Figure => ({
    name: `${what} p99 (p50 ${round(l.p50, 1)} ms, ${l.errors + l.non2xx} errors)`,
    value: round(l.p99, 1),
    unit: 'ms',
    target: `< ${target} ms`,
    met: l.p99 < target && l.errors + l.non2xx === 0,
  });
  return {
    scenario: '3-scale',
    title: `3. ${open.toLocaleString('en-US')} open cases waiting in officer review`,
    figures: [
      { name: 'time to create them', value: round(createSeconds, 1), unit: 's' },
      { name: 'cases created per second', value: round(open / createSeconds) },
      ...(firstRate !== undefined && lastRate !== undefined
        ? [
            {
              name: 'created per second, first tenth → last tenth',
              value: `${firstRate} → ${lastRate}`,
            },
          ]
        : []),
      ...cpuPerCase.map(([name, cpu]) => ({
        name: `CPU-seconds per case created: ${name}`,
        value: cpu,
      })),
      {
        name: `worker resident memory (cache ${stack.workflowCacheSize} workflows)`,
        value: workerRss,
        unit: 'MiB',
        target: '< 1024 MiB',
        met: workerRss < 1024,
      },
      { name: 'PostgreSQL database', value: mib(sizes?.database), unit: 'MiB' },
      {
        name: '  cases / tasks / audit_log',
        value: `${mib(sizes?.cases)} / ${mib(sizes?.tasks)} / ${mib(sizes?.audit)}`,
        unit: 'MiB',
      },
      { name: 'Temporal SQLite file', value: mib(temporalDb), unit: 'MiB' },
      p99('inbox first page at 20 req/s', inbox, 50),
      p99('case view at 200 req/s', view, 25),
      {
        name: `time to approve ${approve.toLocaleString('en-US')} and see them completed`,
        value: round(approveSeconds, 1),
        unit: 's',
      },
    ],
    details: {
      open,
      approve,
      concurrency,
      ahead,
      inbox,
      view,
      workerRss,
      cpuPerCase: Object.fromEntries(cpuPerCase),
      samples,
      sizes,
      temporalDb,
      notes: [
        `${open} cases filed through the API, ${concurrency} in flight and at most ${ahead} not yet in review; civil status set to officer review`,
        `inbox and case view: ${seconds} s each after ${WARM_UP_SECONDS} s unmeasured, open loop`,
        `waiting in review / worker MiB every ${sampleSeconds} s: ${samples.map((s) => `${s.waiting}/${s.workerMiB}`).join(', ')}`,
      ],
    },
  };
}
