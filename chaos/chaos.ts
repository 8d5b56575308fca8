// One chaos run: the whole system as separate processes (as `make start` runs it), cases of every kind
// filed at an even pace through the API while the faults of faults.ts strike, the people of actors.ts
// acting by script, then the oracle's verdict. `make chaos` runs it at full size; a short version is
// part of `make test` (test/chaos/chaos.test.ts).
import { Client, Connection } from '@temporalio/client';
import { simulatorsAdmin } from '../agencies/simulators/admin.client';
import type { FaultStats } from '../agencies/simulators/framework/faults';
import { startBenchStack } from '../bench/lib/stack';
import { vietnamDate } from '../domain/calendar/vietnam';
import type { Principal } from '../domain/principal';
import {
  Api,
  citizen,
  clerk,
  fileCase,
  fileUnstorable,
  registerDeceased,
  sleep,
  startPeople,
} from './lib/actors';
import { startFaults, type FaultLog, type FaultPlan } from './lib/faults';
import { judge, type DoorFilings, type Verdict } from './lib/oracle';
import { AUTOMATIC_COMMUNE, KINDS, OFFICER_COMMUNE, planCase, type PlannedCase } from './lib/plan';

export interface ChaosOptions extends FaultPlan {
  cases: number;
  /** The drill's supplement reply window (seconds instead of 7 working days). */
  supplementReplySeconds: number;
  /** How long after the faults stop every case must have reached its end. */
  boundMs: number;
  /** Where the histories of cases that did not end are written. */
  evidence: string;
  log?: (line: string) => void;
  /** Every part's own output (`--verbose`). */
  partsLog?: (line: string) => void;
}

export interface ChaosReport {
  passed: boolean;
  /** Why it failed, in words; empty when it passed. */
  failures: string[];
  startedAt: string;
  durationSeconds: number;
  cases: { total: number; byKind: Record<string, number> };
  /** With what each agency injected (its own counters). */
  faults: FaultLog & { agencies: Record<string, FaultStats> };
  /** Retries observed: activity attempts beyond the first, and the API answers that made clients retry. */
  retries: { activityAttempts: number; apiAnswers: Record<string, number> };
  verdict: Verdict;
  options: Omit<ChaosOptions, 'log'>;
}

const OFFICERS: Principal[] = [
  {
    sub: 'chaos-civil-status',
    role: 'officer',
    agency: 'civil-status',
    jurisdiction: OFFICER_COMMUNE,
  },
  {
    sub: 'chaos-social-protection',
    role: 'officer',
    agency: 'social-protection',
    jurisdiction: OFFICER_COMMUNE,
  },
];

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? (() => undefined);
  const startedAt = new Date();
  const crashes: string[] = [];
  const stack = await startBenchStack({
    env: { api: { DRILL_SUPPLEMENT_REPLY_SECONDS: String(options.supplementReplySeconds) } },
    ...(options.partsLog && { log: options.partsLog }),
    onCrash: (part, code, lastLines) =>
      crashes.push(
        [`${part} exited by itself (code ${code}); its last lines:`, ...lastLines].join('\n  '),
      ),
  });
  try {
    const admin = simulatorsAdmin(stack.simulators, stack.simulatorsAdminToken);
    await admin.setCivilStatusReview(OFFICER_COMMUNE, 'officer');
    await admin.setCivilStatusReview(AUTOMATIC_COMMUNE, 'automatic');
    const started = Date.now();
    const api = new Api(stack.api, started + options.durationMs + options.boundMs);
    const run = started.toString(36);
    const today = vietnamDate(started);
    const cases = new Map<string, PlannedCase>();
    const door: DoorFilings[] = [];
    // Planned whole before anything is filed: the agencies get every case's refusals first.
    const plans = Array.from({ length: options.cases }, (_, index) =>
      planCase(started % 10_000, index, today),
    );
    const people = startPeople(api, run, cases, OFFICERS);
    log(`stack up; filing ${options.cases} cases over ${options.durationMs / 1000} s with faults`);

    const refusals = plans.flatMap((p) => p.refusals);
    const faults = await startFaults(stack, options, refusals, () => {
      const [caseId, planned] = [...cases.entries()][0] ?? [];
      return [
        { path: '/readyz', principal: clerk(OFFICER_COMMUNE) },
        { path: '/v1/tasks', principal: OFFICERS[0] as Principal },
        { path: `/v1/cases?commune=${OFFICER_COMMUNE}`, principal: clerk(OFFICER_COMMUNE) },
        ...(caseId && planned
          ? [
              {
                path: `/v1/cases/${encodeURIComponent(caseId)}`,
                principal: citizen(planned.applicantPin),
              },
            ]
          : []),
      ];
    });
    // Filed at an even pace over the first 80 % of the faults, each on its own: a filing held up by
    // an outage does not hold up the next.
    const pace = (0.8 * options.durationMs) / options.cases;
    const filings = plans.map(async (planned, index) => {
      await sleep(index * pace);
      if (planned.door.length) {
        door.push({ planned, replies: await fileUnstorable(api, run, planned) });
        return;
      }
      await registerDeceased(admin, planned);
      cases.set(await fileCase(api, run, planned), planned);
    });
    const filed = await Promise.allSettled(filings);
    // A part that crashed is the story, not the request to it that failed afterwards.
    const faultLog = await faults.stop().catch((error: unknown) => {
      throw new Error([`the faults could not be cleared: ${String(error)}`, ...crashes].join('\n'));
    });
    // Clearing an agency's faults keeps its counters.
    const agencies = await admin.faultStats();
    log(`faults over: ${JSON.stringify(faultLog.events)}`);

    const client = new Client({
      connection: await Connection.connect(await stack.temporalConnection()),
      namespace: 'default',
      dataConverter: stack.dataConverter,
    });
    const verdict = await judge({
      db: stack.db,
      api,
      client,
      cases,
      door,
      boundMs: options.boundMs,
      evidence: options.evidence,
      supplementAnswer: (caseId) => people.supplementAnswer(caseId),
    });
    await people.stop();
    await client.connection.close();

    const failures: string[] = [...crashes];
    const notFiled = filed.filter((f) => f.status === 'rejected');
    if (notFiled.length) failures.push(`${notFiled.length} cases could not be filed`);
    if (verdict.lost) failures.push(`${verdict.lost} lost`);
    if (verdict.duplicates) failures.push(`${verdict.duplicates} duplicates`);
    if (verdict.stuck) failures.push(`${verdict.stuck} stuck`);
    if (verdict.mismatches) failures.push(`${verdict.mismatches} mismatches`);
    if (verdict.wrongPayees)
      failures.push(`${verdict.wrongPayees} cases paid someone not a relative of the deceased`);
    if (!verdict.auditIntact) failures.push('the audit chain does not verify');
    if (api.tally['500']) failures.push(`the API answered 500 ${api.tally['500']} times`);
    const badProbes = faultLog.postgresProbes.filter(
      (p) => p.status !== 503 || !p.retryAfter || p.ms > 10_000,
    );
    if (badProbes.length)
      failures.push(
        `while PostgreSQL was down the API answered ${badProbes.length} probes otherwise than 503 + Retry-After within 10 s`,
      );
    if (!faultLog.postgresProbes.length) failures.push('no probe ran while PostgreSQL was down');

    const byKind = Object.fromEntries(KINDS.map((k) => [k, 0]));
    for (const planned of [...cases.values(), ...door.map((d) => d.planned)])
      byKind[planned.kind] = (byKind[planned.kind] ?? 0) + 1;
    const { log: _log, partsLog: _partsLog, ...settings } = options;
    return {
      passed: failures.length === 0,
      failures,
      startedAt: startedAt.toISOString(),
      durationSeconds: Math.round((Date.now() - started) / 1000),
      cases: { total: cases.size + door.length, byKind },
      faults: { ...faultLog, agencies },
      retries: { activityAttempts: verdict.activityRetries, apiAnswers: api.tally },
      verdict,
      options: settings,
    };
  } finally {
    await stack.stop();
  }
}
