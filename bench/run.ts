// `make bench`: runs the benchmark scenarios (all, or those named), each on a fresh stack, printing
// figures and writing bench/results/<scenario>.json and bench/results/summary.md.
//   npx tsx bench/run.ts [throughput] [latency] [scale] [startup]
//     [--cases=N] [--seconds=N] [--open=N] [--approve=N] [--cache=N] [--worker-heap=MiB] [--verbose]
import { writeResult, type ScenarioResult } from './lib/report';
import { startBenchStack, type BenchStack } from './lib/stack';
import { latency } from './scenarios/latency';
import { scale } from './scenarios/scale';
import { startup } from './scenarios/startup';
import { throughput } from './scenarios/throughput';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) =>
  Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);

const SCENARIOS: Record<string, (stack: BenchStack) => Promise<ScenarioResult>> = {
  throughput: (stack) => throughput(stack, { cases: option('cases', 200) }),
  latency: (stack) => latency(stack, { seconds: option('seconds', 30) }),
  scale: (stack) =>
    scale(stack, { open: option('open', 100_000), approve: option('approve', 1_000) }),
  startup: (stack) => startup(stack),
};

async function main(): Promise<void> {
  const chosen = args.filter((a) => !a.startsWith('--'));
  for (const name of chosen.length ? chosen : Object.keys(SCENARIOS)) {
    const scenario = SCENARIOS[name];
    if (!scenario)
      throw new Error(`no scenario ${name}; choose from ${Object.keys(SCENARIOS).join(', ')}`);
    console.log(`\n▶ ${name}`);
    const value = (flag: string) => args.find((a) => a.startsWith(`--${flag}=`))?.split('=')[1];
    const [cache, heap] = [value('cache'), value('worker-heap')];
    const stack = await startBenchStack({
      log: args.includes('--verbose') ? console.log : undefined,
      env: {
        worker: {
          ...(cache && { WORKFLOW_CACHE_SIZE: cache }),
          ...(heap && { NODE_OPTIONS: `--max-old-space-size=${heap}` }),
        },
      },
    });
    try {
      const result = await scenario(stack);
      for (const f of result.figures)
        console.log(
          `  ${f.name}: ${f.value}${f.unit ? ` ${f.unit}` : ''}${f.target ? ` (target ${f.target}${f.met === false ? ', MISSED' : ''})` : ''}`,
        );
      writeResult(result);
    } finally {
      await stack.stop();
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
