// Scenario 5 (the sustained half of scenario 1's target): complete Group A cases offered through the
// API at a fixed rate for five minutes, every agency automatic; complete cases per second after the
// first minute, and the worker's resident memory sampled throughout — flat once its workflow cache
// is full, or something leaks. Filings are held back while `inFlight` cases are unfinished, so a
// system slower than the offered rate shows its own sustained rate instead of a growing backlog.
import {
  birthApplication,
  CLERK,
  countCases,
  fileCase,
  FINISHED,
  setCivilStatusReview,
  token,
} from '../lib/engine';
import { rssMiB } from '../lib/proc';
import { round, type ScenarioResult } from '../lib/report';
import type { BenchStack } from '../lib/stack';

interface Sample {
  atSeconds: number;
  filed: number;
  finished: number;
  workerMiB: number;
}

/** Least-squares slope of y over x. */
function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return sxx === 0 ? 0 : points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0) / sxx;
}

export async function soak(
  stack: BenchStack,
  { rate = 10, seconds = 300, warmUpSeconds = 60, inFlight = 200, sampleSeconds = 10 } = {},
): Promise<ScenarioResult> {
  await setCivilStatusReview(stack, 'automatic');
  const bearer = await token(CLERK);
  const run = `soak${Date.now().toString(36)}`;
  const finishedSoFar = () => countCases(stack, `B-${run}-`, FINISHED);

  let filed = 0;
  let refused = 0;
  let finished = 0;
  let heldBack = 0;
  const samples: Sample[] = [];
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const sample = async () => {
    finished = await finishedSoFar();
    samples.push({
      atSeconds: round(elapsed(), 1),
      filed,
      finished,
      workerMiB: rssMiB(stack.pids.worker ?? 0),
    });
  };

  await sample();
  const filings: Promise<void>[] = [];
  let nextSample = sampleSeconds;
  // Arrivals on a fixed schedule (open loop): the n-th filing is due at n / rate seconds.
  for (let n = 0; elapsed() < seconds; n += 1) {
    const wait = n / rate - elapsed();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait * 1000));
    if (elapsed() >= nextSample) {
      await sample();
      nextSample += sampleSeconds;
    }
    if (filed - finished >= inFlight) {
      heldBack += 1;
      finished = await finishedSoFar();
      continue;
    }
    filed += 1;
    filings.push(
      fileCase(stack, bearer, birthApplication(run)).then(
        () => undefined,
        () => {
          refused += 1;
        },
      ),
    );
  }
  await Promise.all(filings);
  await sample();

  const steady = samples.filter((s) => s.atSeconds >= warmUpSeconds);
  const first = steady[0] ?? samples[0];
  const last = samples[samples.length - 1];
  if (!first || !last) throw new Error('no samples');
  const perSecond =
    (last.finished - first.finished) / Math.max(1, last.atSeconds - first.atSeconds);
  const trend = (from: Sample[]) =>
    60 * slope(from.map((s) => ({ x: s.atSeconds, y: s.workerMiB })));
  // V8 grows its heap for several minutes before it settles: the second half shows whether it has.
  const secondHalf = samples.filter((s) => s.atSeconds >= seconds / 2);
  const halfMiB = secondHalf.map((s) => s.workerMiB);
  const growth = (last.workerMiB - first.workerMiB) / Math.max(1, first.workerMiB);
  return {
    scenario: '5-soak',
    title: `5. Sustained: Group A cases offered at ${rate}/s for ${seconds / 60} minutes`,
    figures: [
      { name: 'offered, cases per second', value: rate },
      { name: 'filed', value: filed },
      { name: 'filings held back (in flight at the limit)', value: heldBack },
      { name: 'filings refused', value: refused, target: '0', met: refused === 0 },
      {
        name: `complete cases per second after the first ${warmUpSeconds} s`,
        value: round(perSecond),
        target: '≥ 10',
        met: perSecond >= 10,
      },
      { name: 'worker resident memory after warm-up', value: first.workerMiB, unit: 'MiB' },
      { name: 'worker resident memory at the end', value: last.workerMiB, unit: 'MiB' },
      {
        name: 'worker memory trend after warm-up',
        value: round(trend(steady), 1),
        unit: 'MiB/min',
      },
      {
        name: `worker memory trend over the second half (${Math.min(...halfMiB)}–${Math.max(...halfMiB)} MiB)`,
        value: round(trend(secondHalf), 1),
        unit: 'MiB/min',
      },
      {
        name: 'worker memory growth after warm-up',
        value: `${round(100 * growth, 1)} %`,
        target: '< 10 %',
        met: growth < 0.1,
      },
    ],
    details: {
      rate,
      seconds,
      warmUpSeconds,
      inFlight,
      workflowCacheSize: stack.workflowCacheSize,
      samples,
      notes: [
        `arrivals every ${1 / rate} s, held back while ${inFlight} cases are unfinished; workflow cache ${stack.workflowCacheSize}`,
        `worker resident memory every ${sampleSeconds} s: ${samples.map((s) => s.workerMiB).join(', ')} MiB`,
      ],
    },
  };
}
