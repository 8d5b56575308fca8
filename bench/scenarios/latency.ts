// Scenario 2: API latency under fixed arrival rates from a separate load process: reading a case at
// 200 requests/s and filing at 20 requests/s, p50/p95/p99 — and, since a filing is answered once
// PostgreSQL holds it (the filing outbox, api/case-starts.ts), how long after it its workflow started.
import {
  birthApplication,
  CLERK,
  fileCase,
  setCivilStatusReview,
  token,
  waitForCases,
} from '../lib/engine';
import { round, type Figure, type ScenarioResult } from '../lib/report';
import { measuredLoad, WARM_UP_SECONDS, type Load } from '../lib/load';
import type { BenchStack } from '../lib/stack';

export async function latency(stack: BenchStack, { seconds = 30 } = {}): Promise<ScenarioResult> {
  await setCivilStatusReview(stack, 'automatic');
  const bearer = await token(CLERK);
  const headers = { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' };
  const caseId = await fileCase(stack, bearer, birthApplication('view'));
  await waitForCases(stack, 'B-view', 1, ['completed']);

  const view = await measuredLoad({
    url: `${stack.api}/v1/cases/${encodeURIComponent(caseId)}`,
    method: 'GET',
    ratePerSecond: 200,
    seconds,
    headers,
  });
  const filing = await measuredLoad(
    { url: `${stack.api}/v1/cases`, method: 'POST', ratePerSecond: 20, seconds, headers },
    (run) =>
      JSON.stringify(birthApplication('load')).replace(
        /"number":"B-load-\d+"/,
        `"number":"${run}-{{n}}"`,
      ),
  );

  const started = await startLag(stack);
  const inApi = await apiOwnTime(stack.api);

  const figures = (what: string, l: Load, p99Target: number): Figure[] => [
    { name: `${what}: requests`, value: l.requests },
    { name: `${what}: p50`, value: round(l.p50, 1), unit: 'ms' },
    { name: `${what}: p95`, value: round(l.p95, 1), unit: 'ms' },
    {
      name: `${what}: p99`,
      value: round(l.p99, 1),
      unit: 'ms',
      target: `< ${p99Target} ms`,
      met: l.p99 < p99Target,
    },
    {
      name: `${what}: errors + non-2xx`,
      value: l.errors + l.non2xx,
      target: '0',
      met: l.errors + l.non2xx === 0,
    },
  ];
  return {
    scenario: '2-latency',
    title: '2. API latency at fixed arrival rates (separate open-loop load process)',
    figures: [
      ...figures('case view at 200 req/s', view, 25),
      ...figures('filing at 20 req/s', filing, 100),
      { name: 'filing at 20 req/s: workflows started', value: started.count },
      { name: 'filing → workflow started: p50', value: round(started.p50, 1), unit: 'ms' },
      { name: 'filing → workflow started: p99', value: round(started.p99, 1), unit: 'ms' },
      {
        name: 'filings the API itself answered within 100 ms (its own histogram, warm-up included)',
        value: round(inApi.within100ms * 100, 1),
        unit: '%',
      },
      {
        name: 'API event-loop lag p99 (prom-client, last sampling window)',
        value: round(inApi.eventLoopLagP99 * 1000, 1),
        unit: 'ms',
      },
    ],
    details: {
      seconds,
      view,
      filing,
      started,
      inApi,
      notes: [
        `${seconds} s per rate after ${WARM_UP_SECONDS} s unmeasured; each request sent when due (open loop), latency counted from then; each filing a new certificate`,
      ],
    },
  };
}

/**
 * The measured filings' workflows, once every one has started: from the moment each filing was kept
 * to its start (case_starts, migration 0025), in milliseconds.
 */
async function startLag(stack: BenchStack): Promise<{ count: number; p50: number; p99: number }> {
  const measured = `case_id LIKE 'birth-residence-insurance:LOAD-%'`;
  const deadline = Date.now() + 300_000;
  for (;;) {
    const { rows } = await stack.db.query<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM case_starts WHERE ${measured} AND started_at IS NULL`,
    );
    if (rows[0]?.waiting === 0) break;
    if (Date.now() > deadline) throw new Error(`${rows[0]?.waiting} filings never started`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const { rows } = await stack.db.query<{ count: number; p50: number; p99: number }>(
    `SELECT count(*)::int AS count,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY lag) AS p50,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY lag) AS p99
       FROM (SELECT extract(epoch FROM started_at - filed_at) * 1000 AS lag
               FROM case_starts WHERE ${measured}) l`,
  );
  return rows[0] ?? { count: 0, p50: 0, p99: 0 };
}

/**
 * What the API's own metrics say of the filings: the share it answered within 100 ms from the moment
 * Express had the request (a request waiting for the process before that is not in it), and its
 * event loop's lag — the two tell a slow handler from a process waiting for a core.
 */
async function apiOwnTime(api: string): Promise<{ within100ms: number; eventLoopLagP99: number }> {
  const response = await fetch(`${api}/metrics`);
  const text = await response.text();
  if (!text.includes('lien_thong_http_request_duration_seconds'))
    throw new Error(`the API's /metrics answered ${response.status}: ${text.slice(0, 300)}`);
  const bucket = (le: string) =>
    Number(
      new RegExp(
        `^lien_thong_http_request_duration_seconds_bucket\\{le="${le.replace('+', '\\+')}",method="POST",route="/v1/cases",status="202"\\} (\\d+)$`,
        'm',
      ).exec(text)?.[1] ?? Number.NaN,
    );
  const lag = /^lien_thong_api_nodejs_eventloop_lag_p99_seconds (\S+)$/m.exec(text)?.[1];
  return { within100ms: bucket('0.1') / bucket('+Inf'), eventLoopLagP99: Number(lag) };
}
