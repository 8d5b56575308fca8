// Scenario 3: many Group A cases open at once, each waiting for the civil-status officer. The time to
// create them, the worker's memory with its workflow-cache limit, database sizes, the inbox's first
// page and a case view under load, then the time to approve a thousand of them.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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
import { workerCounters, workflowTaskFigures } from '../lib/worker-metrics';
import { round, type Figure, type ScenarioResult } from '../lib/report';
import type { BenchStack } from '../lib/stack';

interface Sample {
  atSeconds: number;
  waiting: number;
  workerMiB: number;
}

/**
 * What a run has done so far. A run too long for one sitting goes on in parts: each part files until
 * its time budget is spent and every case it filed waits in review, and the next part starts the stack
 * again on the same data. Written beside that data at every sample, so a part that dies loses little.
 */
interface Progress {
  run: string;
  /** Seconds spent creating, summed over the parts. */
  createSeconds: number;
  /** CPU-seconds of each part of the stack while creating, summed over the parts. */
  cpu: Record<string, number>;
  samples: Sample[];
  parts: { startedAt: string; seconds: number; filed: number }[];
}

const readProgress = (file: string | undefined): Progress | undefined =>
  file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Progress) : undefined;

/** The scale run; `undefined` when its part ended (budget spent) before `open` cases were created. */
export async function scale(
  stack: BenchStack,
  {
    open = 100_000,
    approve = 1_000,
    concurrency = 32,
    ahead = 100,
    seconds = 20,
    sampleSeconds = 30,
    progressFile = undefined as string | undefined,
    budgetSeconds = Infinity,
  } = {},
): Promise<ScenarioResult | undefined> {
  await setCivilStatusReview(stack, 'officer');
  const clerk = await token(CLERK);
  const officer = await token(OFFICER);
  const before = readProgress(progressFile) ?? {
    run: `S${Date.now().toString(36).toUpperCase()}`,
    createSeconds: 0,
    cpu: {},
    samples: [],
    parts: [],
  };
  const { run } = before;
  // Certificate numbers B-<run>-<part>-<n>: unique across parts, all under the run's prefix.
  const part = `${run}-${before.parts.length}`;

  /** Every case of the run waiting in review: a scan of the tasks, so only at a part's start and end. */
  const inReview = async () =>
    (
      await stack.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM tasks WHERE open AND state = 'in_review' AND case_id LIKE $1`,
        [`%:B-${run}-%`],
      )
    ).rows[0]?.n ?? 0;

  // The cases this part filed that have not yet been seen in review, looked up by id (an index
  // lookup of at most `ahead` rows, where counting every open task took a fifth of a core by 12,000).
  const pending = new Set<string>();
  const startedIn = await inReview();
  let waiting = startedIn;
  let counting: Promise<void> | undefined;
  const recount = () =>
    (counting ??= stack.db
      .query<{ case_id: string }>(
        `SELECT case_id FROM tasks WHERE case_id = ANY($1) AND open AND state = 'in_review'`,
        [[...pending]],
      )
      .then(({ rows }) => {
        for (const row of rows) if (pending.delete(row.case_id)) waiting += 1;
      })
      .finally(() => (counting = undefined)));

  const started = performance.now();
  const startedAt = new Date().toISOString();
  const cpuBefore = cpuOf(stack.pids);
  const elapsed = () => (performance.now() - started) / 1000;
  const samples = [...before.samples];
  const progress = (): Progress => ({
    run,
    createSeconds: before.createSeconds + elapsed(),
    cpu: Object.fromEntries(
      Object.entries(cpuDelta(cpuBefore, cpuOf(stack.pids))).map(([name, cpu]) => [
        name,
        (before.cpu[name] ?? 0) + cpu,
      ]),
    ),
    samples,
    parts: [
      ...before.parts,
      { startedAt, seconds: round(elapsed(), 1), filed: waiting - startedIn },
    ],
  });
  const checkpoint = (now = progress()) =>
    progressFile && writeFileSync(progressFile, `${JSON.stringify(now)}\n`);

  // Every `sampleSeconds`: how many wait in review and the worker's memory — whether creating gets
  // slower, or the worker bigger, as open cases pile up.
  const sample = async () => {
    await recount();
    samples.push({
      atSeconds: round(before.createSeconds + elapsed(), 1),
      waiting,
      workerMiB: rssMiB(stack.pids.worker ?? 0),
    });
    checkpoint();
  };
  const sampler = setInterval(() => void sample().catch(() => undefined), sampleSeconds * 1000);

  // Filings are held back while `ahead` filed cases are not yet in review. Unpaced, the API accepts
  // filings several times faster than the engine brings cases to review (a first 30,000-case run
  // filed 8,800 in ten minutes while about 500 reached review), and the time measured would be
  // that backlog's. Checked once a second.
  let filed = startedIn;
  try {
    await pool(Math.max(0, open - startedIn), concurrency, async () => {
      if (elapsed() >= budgetSeconds) return;
      while (filed - waiting >= ahead) await Promise.all([recount(), sleep(1_000)]);
      filed += 1;
      pending.add(await fileCase(stack, clerk, birthApplication(part)));
    });
    while (pending.size > 0) await Promise.all([recount(), sleep(1_000)]);
  } finally {
    clearInterval(sampler);
  }
  const done = progress();
  checkpoint(done);
  const created = await inReview();
  if (created < open) {
    console.log(
      `  part ${done.parts.length}: ${created.toLocaleString('en-US')} of ${open.toLocaleString('en-US')} waiting in review after ${round(done.createSeconds)} s; the same command goes on`,
    );
    return undefined;
  }
  const cpuPerCase = Object.entries(done.cpu).map(
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
  // The run's cases in filing order: the first `approve` are approved, the middle one is viewed.
  const caseIds = async (offset: number, limit: number) =>
    (
      await stack.db.query<{ case_id: string }>(
        `SELECT case_id FROM cases WHERE business_key LIKE $1 ORDER BY received_at OFFSET $2 LIMIT $3`,
        [`B-${run}-%`, offset, limit],
      )
    ).rows.map((row) => row.case_id);

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
    url: `${stack.api}/v1/cases/${encodeURIComponent((await caseIds(Math.floor(open / 2), 1))[0] ?? '')}`,
    method: 'GET',
    ratePerSecond: 200,
    seconds,
    headers: headers(clerk),
  });

  const approved = await caseIds(0, Math.min(approve, open));
  const countersBefore = await workerCounters(stack.workerMetrics);
  const approvedFrom = performance.now();
  await pool(approved.length, concurrency, async (i) => {
    const response = await fetch(
      `${stack.api}/v1/tasks/${encodeURIComponent(`${approved[i] ?? ''}:birth`)}/decision`,
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
  // Approving wakes cases filed long ago: whether their workflows were still cached or replayed.
  const approving = workflowTaskFigures(countersBefore, await workerCounters(stack.workerMetrics));

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
      { name: 'time to create them', value: round(done.createSeconds, 1), unit: 's' },
      { name: 'cases created per second', value: round(open / done.createSeconds) },
      ...(done.parts.length > 1
        ? [
            {
              name: 'created in parts (the stack stopped and started again on its data between them)',
              value: done.parts.length,
            },
          ]
        : []),
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
      {
        name: '  while approving: workflow tasks, all / found in the sticky cache / sticky-queue misses',
        value: `${approving.tasks} / ${approving.cacheHits} / ${approving.stickyMisses}`,
      },
      {
        name: '  while approving: workflow task wait / run, mean',
        value: `${round(approving.waitMs, 1)} / ${round(approving.runMs, 1)}`,
        unit: 'ms',
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
      parts: done.parts,
      approving,
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
