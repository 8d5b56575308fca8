// Scenario 2: API latency under fixed arrival rates from a separate load process: reading a case at
// 200 requests/s and filing at 20 requests/s, p50/p95/p99.
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
    ],
    details: {
      seconds,
      view,
      filing,
      notes: [
        `${seconds} s per rate after ${WARM_UP_SECONDS} s unmeasured; each request sent when due (open loop), latency counted from then; each filing a new certificate`,
      ],
    },
  };
}
