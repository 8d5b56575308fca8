// `make bench`: runs the benchmark scenarios (all, or those named), each on a fresh stack, printing
// figures and writing bench/results/<scenario>.json and bench/results/summary.md.
//   npx tsx bench/run.ts [throughput] [latency] [scale] [startup] [soak] [documents] [search-reports]
//     [--cases=N] [--seconds=N] [--open=N] [--approve=N] [--rate=N] [--soak-seconds=N]
//     [--search-cases=N] [--queries=N]
//     [--cache=N] [--worker-heap=MiB] [--profile: CPU profiles of our parts] [--verbose]
//     [--topology=development,production: each scenario on each (the production profile's results
//      are written as <scenario>-production); --history-hosts=N for the production profile]
//     [--workers=N: workers on the same task queues (scale-out)]
//     [the production profile's knobs: --shards=N, --db-conns=N (per Temporal process),
//      --dynamic=key:value,key:value (Temporal's dynamic configuration), --temporal-postgres=own
//      (Temporal's databases on a PostgreSQL server of their own)]
//     [--split-cpus: the API and its PostgreSQL on CPU 0, everything else of the stack on CPU 1, as
//      hosts of their own would keep them (the production profile needs --temporal-postgres=own)]
//     [--label=NAME: results written as <scenario>[-production]-NAME (a variant kept beside the others)]
//     [--data=DIR --budget-minutes=N: scale in parts of N minutes, its stack's data kept in DIR
//      between them; the same command goes on where the last part stopped (`make bench-scale`)]
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pinTree } from './lib/proc';
import { summarizeProfiles } from './lib/profile';
import { RESULTS, writeResult, type ScenarioResult } from './lib/report';
import { startBenchStack, type BenchStack, type OwnPart } from './lib/stack';
import { documents } from './scenarios/documents';
import { latency } from './scenarios/latency';
import { scale } from './scenarios/scale';
import { searchReports } from './scenarios/search-reports';
import { soak } from './scenarios/soak';
import { startup } from './scenarios/startup';
import { throughput } from './scenarios/throughput';

const args = process.argv.slice(2);
/** The value of `--name=value`, if given. */
const value = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const option = (name: string, fallback: number) => Number(value(name) ?? fallback);

const PARTS: OwnPart[] = ['api', 'worker', 'simulators'];
const data = value('data');
const kept = data && resolve(data);

/** Each scenario's run; `undefined` when it stopped to go on later (scale in parts). */
const SCENARIOS: Record<string, (stack: BenchStack) => Promise<ScenarioResult | undefined>> = {
  throughput: (stack) => throughput(stack, { cases: option('cases', 200) }),
  latency: (stack) => latency(stack, { seconds: option('seconds', 30) }),
  scale: (stack) =>
    scale(stack, {
      open: option('open', 100_000),
      approve: option('approve', 1_000),
      ...(kept && {
        progressFile: join(kept, 'progress.json'),
        budgetSeconds: option('budget-minutes', Infinity) * 60,
      }),
    }),
  startup: (stack) => startup(stack),
  soak: (stack) => soak(stack, { rate: option('rate', 10), seconds: option('soak-seconds', 300) }),
  documents: (stack) => documents(stack),
  'search-reports': (stack) =>
    searchReports(stack, {
      cases: option('search-cases', 100_000),
      queries: option('queries', 300),
    }),
};

async function main(): Promise<void> {
  const chosen = args.filter((a) => !a.startsWith('--'));
  if (kept && chosen.join() !== 'scale')
    throw new Error('--data keeps the scale run only: name it');
  const topologies = (value('topology') ?? 'development').split(',');
  for (const topology of topologies)
    if (topology !== 'development' && topology !== 'production')
      throw new Error(`no topology ${topology}; choose development, production or both`);
  const temporalPostgres = value('temporal-postgres') ?? 'shared';
  if (temporalPostgres !== 'shared' && temporalPostgres !== 'own')
    throw new Error(`--temporal-postgres=${temporalPostgres}: choose shared or own`);
  const splitCpus = args.includes('--split-cpus');
  if (splitCpus && topologies.includes('production') && temporalPostgres !== 'own')
    throw new Error('--split-cpus keeps the API’s PostgreSQL apart: add --temporal-postgres=own');
  const historyHosts = value('history-hosts');
  const workers = value('workers');
  const label = value('label');
  const tuning = {
    ...(value('shards') && { historyShards: Number(value('shards')) }),
    ...(value('db-conns') && { dbMaxConns: Number(value('db-conns')) }),
    ...(value('dynamic') && {
      dynamicConfig: Object.fromEntries(
        (value('dynamic') ?? '').split(',').map((pair) => {
          const [key = '', setting = ''] = pair.split(':');
          return [key, /^(\d+|true|false)$/.test(setting) ? JSON.parse(setting) : setting];
        }),
      ),
    }),
  };
  for (const [name, topology] of (chosen.length ? chosen : Object.keys(SCENARIOS)).flatMap((n) =>
    topologies.map((t) => [n, t as 'development' | 'production'] as const),
  )) {
    const scenario = SCENARIOS[name];
    if (!scenario)
      throw new Error(`no scenario ${name}; choose from ${Object.keys(SCENARIOS).join(', ')}`);
    console.log(`\n▶ ${name} (${topology})`);
    const [cache, heap] = [value('cache'), value('worker-heap')];
    // --profile: the API, the worker and the simulators write V8 CPU profiles when they stop.
    const profiles = join(RESULTS, 'profiles', name);
    const profile = args.includes('--profile');
    if (profile) rmSync(profiles, { recursive: true, force: true });
    const stack = await startBenchStack({
      ...(kept && { dataDir: kept }),
      topology,
      ...(historyHosts && { historyHosts: Number(historyHosts) }),
      ...(workers && { workers: Number(workers) }),
      temporalPostgres,
      tuning,
      log: args.includes('--verbose') ? console.log : undefined,
      env: {
        worker: {
          ...(cache && { WORKFLOW_CACHE_SIZE: cache }),
          ...(heap && { NODE_OPTIONS: `--max-old-space-size=${heap}` }),
        },
      },
      ...(profile && {
        nodeArgs: Object.fromEntries(
          PARTS.map((part) => [part, ['--cpu-prof', `--cpu-prof-dir=${join(profiles, part)}`]]),
        ),
      }),
    });
    if (splitCpus)
      for (const [part, pid] of Object.entries(stack.pids))
        pinTree(pid, part === 'api' || part === 'postgres' ? '0' : '1');
    let result: ScenarioResult | undefined;
    try {
      result = await scenario(stack);
    } finally {
      await stack.stop();
    }
    if (!result) continue;
    if (topology === 'production') {
      result.scenario = `${result.scenario}-production`;
      result.title = `${result.title} — production profile`;
    }
    if (splitCpus)
      result.title = `${result.title} — the API and its PostgreSQL on CPU 0, the rest on CPU 1`;
    if (label) {
      result.scenario = `${result.scenario}-${label}`;
      result.title = `${result.title} (${label})`;
    }
    if (kept) rmSync(kept, { recursive: true, force: true });
    for (const f of result.figures)
      console.log(
        `  ${f.name}: ${f.value}${f.unit ? ` ${f.unit}` : ''}${f.target ? ` (target ${f.target}${f.met === false ? ', MISSED' : ''})` : ''}`,
      );
    if (profile) {
      const summaries = PARTS.map((part) => ({
        part,
        ...summarizeProfiles(join(profiles, part))[0],
      }));
      for (const s of summaries) {
        console.log(`  profile of the ${s.part} (${s.seconds} s, ${s.file}):`);
        for (const p of s.byPlace?.slice(0, 8) ?? []) console.log(`    ${p.share} %  ${p.place}`);
        for (const f of s.byFunction?.slice(0, 12) ?? []) console.log(`    ${f.share} %  ${f.fn}`);
      }
      result.details.profiles = summaries;
    }
    writeResult(result);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
