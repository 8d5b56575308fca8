// The short version of `make chaos`, in every `make test`: one round of the plan's kinds (three cases
// of each, one of each refusal and the bad input) while every fault strikes at least once — the worker
// SIGKILLed, agencies failing and slow, BHXH down, the Temporal dev server killed, the API killed,
// PostgreSQL stopped — judged by the same oracle.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runChaos } from '../../chaos/chaos';
import { CYCLE, KINDS } from '../../chaos/lib/plan';
import { writeReport } from '../../chaos/run';

const OUT = join(__dirname, '..', '..', 'test-output', 'chaos');

describe('chaos, short', () => {
  it('when processes die and agencies fail or refuse during a few dozen cases, then every case reaches its planned end with each effect once, and bad input creates nothing', async () => {
    const report = await runChaos({
      cases: CYCLE.length,
      durationMs: 75_000,
      workerKillEveryMs: [5_000, 15_000],
      bhxhOutageMs: 10_000,
      postgresDownMs: 8_000,
      supplementReplySeconds: 20,
      boundMs: 180_000,
      evidence: join(OUT, 'evidence'),
    });
    writeReport(report, OUT);

    expect(report.verdict.findings).toEqual([]);
    expect(report.failures).toEqual([]);
    expect(report.cases.total).toBe(CYCLE.length);
    for (const kind of KINDS) expect(report.cases.byKind[kind], kind).toBeGreaterThan(0);
    expect(report.verdict.stuck).toBe(0);
    expect(report.verdict.refusedAtDoor).toBeGreaterThanOrEqual(4);
    expect(report.faults).toMatchObject({
      temporalRestarts: 1,
      apiRestarts: 1,
      postgresRestarts: 1,
    });
    expect(report.faults.workerKills).toBeGreaterThanOrEqual(3);
    // While PostgreSQL was down the API said so: 503 with Retry-After, never a 500 or a hang.
    expect(report.faults.postgresProbes.length).toBeGreaterThan(0);
    for (const probe of report.faults.postgresProbes)
      expect(probe).toMatchObject({ status: 503, retryAfter: expect.any(String) });
    expect(report.verdict.auditIntact).toBe(true);
    expect(report.passed).toBe(true);
  }, 600_000);
});
