// `make chaos`: one full chaos run (1,000 cases by default), stopping by itself, its report printed and
// written to chaos/results/latest.{json,md}; exit 1 when the oracle finds anything.
//   npx tsx chaos/run.ts [--cases=N] [--minutes=N] [--verbose: every part's output too]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runChaos, type ChaosReport } from './chaos';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) =>
  Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);

export function markdown(report: ChaosReport): string {
  const { verdict, faults, retries } = report;
  const lines = [
    `# Chaos run — ${report.passed ? 'PASSED' : 'FAILED'}`,
    '',
    `Started ${report.startedAt}, ${report.durationSeconds} s, ${report.cases.total} cases.`,
    ...report.failures.map((f) => `- **${f}**`),
    '',
    '| kind | cases |',
    '| --- | ---: |',
    ...Object.entries(report.cases.byKind).map(([k, n]) => `| ${k} | ${n} |`),
    '',
    '| counted | value |',
    '| --- | ---: |',
    `| lost | ${verdict.lost} |`,
    `| duplicates | ${verdict.duplicates} |`,
    `| stuck (neither final nor waiting on a person the plan expects it to wait for) | ${verdict.stuck} |`,
    `| read model ≠ workflow | ${verdict.mismatches} |`,
    `| payments to someone not a relative of the deceased (payments vs population tables; ${verdict.paymentsChecked} checked) | ${verdict.wrongPayees} |`,
    `| filings refused at the door as planned (400 naming the field, nothing created) | ${verdict.refusedAtDoor} |`,
    `| supplement answers the citizen could not get accepted within the ${report.options.supplementReplySeconds} s window (judged as unanswered) | ${verdict.supplementsNotDelivered.length} |`,
    `| seconds to settle after the faults | ${verdict.settledSeconds} |`,
    `| worker SIGKILLs | ${faults.workerKills} |`,
    `| Temporal restarts | ${faults.temporalRestarts} |`,
    `| API restarts | ${faults.apiRestarts} |`,
    `| PostgreSQL restarts | ${faults.postgresRestarts} |`,
    `| BHXH outage (s) | ${faults.bhxhOutageSeconds} |`,
    `| API probes while PostgreSQL was down | ${faults.postgresProbes.length} |`,
    `| activity retries (attempts beyond the first) | ${retries.activityAttempts} |`,
    `| workflows checked | ${verdict.workflows} |`,
    `| audit rows verified | ${verdict.auditRows} (${verdict.auditIntact ? 'intact' : 'BROKEN'}) |`,
    '',
    `API answers to the clients: \`${JSON.stringify(retries.apiAnswers)}\``,
    '',
    `Faults injected by the agencies: \`${JSON.stringify(faults.agencies)}\``,
    '',
    '## Timeline',
    ...faults.events.map((e) => `- ${e.atSeconds} s: ${e.what}`),
    '',
    ...(verdict.supplementsNotDelivered.length
      ? [
          '## Supplement answers not accepted in time',
          ...verdict.supplementsNotDelivered.map(
            (s) =>
              `- ${s.caseId}: ${!s.seen ? 'the request was never seen while its window was open' : s.tries.length ? `answered ${s.tries.join(', ')}` : 'seen; the answer was still being retried when the window closed'}`,
          ),
          '',
        ]
      : []),
    ...(verdict.findings.length
      ? [
          '## Findings',
          ...verdict.findings
            .slice(0, 100)
            .map((f) => `- ${f.problem} ${f.kind} ${f.caseId}: ${f.detail}`),
        ]
      : []),
  ];
  return `${lines.join('\n')}\n`;
}

export function writeReport(report: ChaosReport, directory: string): void {
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(directory, 'latest.md'), markdown(report));
}

async function main(): Promise<void> {
  const minutes = option('minutes', 15);
  const report = await runChaos({
    cases: option('cases', 1_000),
    durationMs: minutes * 60_000,
    workerKillEveryMs: [5_000, 15_000],
    bhxhOutageMs: 60_000,
    postgresDownMs: 20_000,
    supplementReplySeconds: 120,
    boundMs: 10 * 60_000,
    evidence: join(__dirname, '..', 'test-output', 'chaos'),
    log: (line) => console.log(`[chaos] ${line}`),
    ...(args.includes('--verbose') && { partsLog: (line: string) => console.log(line) }),
  });
  writeReport(report, join(__dirname, 'results'));
  console.log(markdown(report));
  if (!report.passed) process.exitCode = 1;
}

if (require.main === module)
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
