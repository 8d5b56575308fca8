// The faults of a chaos run, on a timeline over its `durationMs`: the worker SIGKILLed every 5–15 s
// and started again; every agency answering 10 % 5xx, 5 % 429, some replies lost after the effect,
// and 50–500 ms late; BHXH down for a minute; the Temporal dev server killed and restarted on its
// SQLite file; the API killed and restarted; PostgreSQL stopped and started, the API probed meanwhile.
// The refusals the plan gives single cases (plan.ts) are rules in the same per-agency configuration,
// which each setting replaces whole: so every setting carries them, the last one (faults off) too,
// and they hold from before the first filing to the oracle's last look.
import type { z } from 'zod';
import type { BenchStack } from '../../bench/lib/stack';
import type { Principal } from '../../domain/principal';
import { simulatorsAdmin, type SimulatorsAdmin } from '../../agencies/simulators/admin.client';
import { SIMULATED_AGENCIES } from '../../agencies/simulators/app';
import type { FaultConfig } from '../../agencies/simulators/framework/faults';
import { token } from '../../bench/lib/engine';
import { sleep } from './actors';
import type { Refusal } from './plan';

export interface FaultPlan {
  durationMs: number;
  workerKillEveryMs: [number, number];
  bhxhOutageMs: number;
  postgresDownMs: number;
}

export const AGENCY_FAULTS = {
  errorRate: 0.1,
  tooManyRate: 0.05,
  lostReplyRate: 0.02,
  latencyMs: 50,
  latencyMaxMs: 500,
};

export interface PostgresProbe {
  path: string;
  status: number | 'no answer';
  retryAfter: string | null;
  ms: number;
}

export interface FaultLog {
  workerKills: number;
  temporalRestarts: number;
  apiRestarts: number;
  postgresRestarts: number;
  bhxhOutageSeconds: number;
  /** What the API answered while PostgreSQL was down. */
  postgresProbes: PostgresProbe[];
  events: { atSeconds: number; what: string }[];
}

/** Reads the API would serve from PostgreSQL, asked once a second while it is down. */
async function probe(api: string, path: string, principal: Principal): Promise<PostgresProbe> {
  const started = Date.now();
  try {
    const response = await fetch(`${api}${path}`, {
      headers: { Authorization: `Bearer ${await token(principal)}` },
      signal: AbortSignal.timeout(30_000),
    });
    await response.arrayBuffer();
    return {
      path,
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      ms: Date.now() - started,
    };
  } catch {
    return { path, status: 'no answer', retryAfter: null, ms: Date.now() - started };
  }
}

/**
 * Sets an agency's faults with the planned refusals it must give; with no faults and no refusals the
 * agency is cleared. Each rule matches a value only its own case sends, and none has `times`: set
 * again (or on simulators started again), a rule that already answered answers the same.
 */
export function agencyFaults(admin: SimulatorsAdmin, refusals: readonly Refusal[]) {
  const rules = (agency: string) => refusals.filter((r) => r.agency === agency).map((r) => r.rule);
  return async (agency: string, faults?: z.input<typeof FaultConfig>): Promise<void> => {
    const refused = rules(agency);
    if (!faults && !refused.length) return admin.setFaults(agency);
    await admin.setFaults(agency, { ...faults, rules: refused });
  };
}

/** Starts the faults once every agency has its faults and refusals, before anything is filed. */
export async function startFaults(
  stack: BenchStack,
  plan: FaultPlan,
  refusals: readonly Refusal[],
  probes: () => { path: string; principal: Principal }[],
) {
  const started = Date.now();
  const setFaults = agencyFaults(
    simulatorsAdmin(stack.simulators, stack.simulatorsAdminToken),
    refusals,
  );
  const log: FaultLog = {
    workerKills: 0,
    temporalRestarts: 0,
    apiRestarts: 0,
    postgresRestarts: 0,
    bhxhOutageSeconds: plan.bhxhOutageMs / 1000,
    postgresProbes: [],
    events: [],
  };
  const note = (what: string) =>
    log.events.push({ atSeconds: Math.round((Date.now() - started) / 1000), what });
  let stopped = false;
  const at = async (fraction: number) => {
    const wait = started + fraction * plan.durationMs - Date.now();
    if (wait > 0) await sleep(wait);
  };

  const workerKiller = async () => {
    const [low, high] = plan.workerKillEveryMs;
    for (;;) {
      await sleep(low + Math.random() * (high - low));
      if (stopped) return;
      stack.kill('worker');
      log.workerKills += 1;
      await stack.start('worker');
    }
  };

  for (const agency of SIMULATED_AGENCIES) await setFaults(agency, AGENCY_FAULTS);
  note(`agency faults on, ${refusals.length} planned refusals`);

  const scripted = async () => {
    await at(0.15);
    await setFaults('social-insurance', {
      ...AGENCY_FAULTS,
      outageUntil: new Date(Date.now() + plan.bhxhOutageMs).toISOString(),
    });
    note(`BHXH down for ${plan.bhxhOutageMs / 1000} s`);

    await at(0.3);
    await stack.restartTemporal();
    log.temporalRestarts += 1;
    note('Temporal dev server killed and restarted');

    await at(0.45);
    stack.kill('api');
    await stack.start('api');
    log.apiRestarts += 1;
    note('API killed and restarted');

    await at(0.6);
    await stack.stopPostgres();
    note('PostgreSQL stopped');
    const upAt = Date.now() + plan.postgresDownMs;
    while (Date.now() < upAt) {
      const round = await Promise.all(probes().map((p) => probe(stack.api, p.path, p.principal)));
      log.postgresProbes.push(...round);
      await sleep(1_000);
    }
    await stack.startPostgres();
    log.postgresRestarts += 1;
    note('PostgreSQL started');
  };

  const killer = workerKiller();
  const script = scripted();
  // Awaited in stop(); a failure before then must not end the process as an unhandled rejection.
  killer.catch(() => undefined);
  script.catch(() => undefined);
  return {
    /**
     * Waits for the scripted faults, stops killing the worker and clears the agencies' faults but
     * the planned refusals: cases still under way meet them as planned.
     */
    async stop(): Promise<FaultLog> {
      await script;
      await at(1);
      stopped = true;
      await killer;
      for (const agency of SIMULATED_AGENCIES) await setFaults(agency);
      note('faults off');
      return log;
    },
  };
}
