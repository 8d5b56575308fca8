// Driving the running engine as its users do, for the scenarios: tokens, filing Group A cases through
// the API, waiting for the read model to show them finished, and measuring CPU per process.
import { simulatorsAdmin, type CivilStatusReview } from '../../agencies/simulators/admin.client';
import { authSettings, mintToken } from '../../api/auth';
import { AuthEnv, loadEnv } from '../../config/env';
import { EXAMPLE_BIRTH_APPLICATION, type BirthApplication } from '../../domain/BirthApplication';
import { vietnamDate } from '../../domain/calendar/vietnam';
import type { Principal } from '../../domain/principal';
import { cpuSeconds } from './proc';
import type { BenchStack } from './stack';

const auth = loadEnv(AuthEnv, {});
const tokens = new Map<string, Promise<string>>();
/** A development bearer token for `principal`, signed once per run. */
export function token(principal: Principal): Promise<string> {
  const key = JSON.stringify(principal);
  let signed = tokens.get(key);
  if (!signed) {
    signed = mintToken(authSettings(auth), principal);
    tokens.set(key, signed);
  }
  return signed;
}
export const CLERK: Principal = { sub: 'bench-clerk', role: 'clerk', jurisdiction: '00004' };
export const OFFICER: Principal = {
  sub: 'bench-officer',
  role: 'officer',
  agency: 'civil-status',
  jurisdiction: '00004',
};

let sequence = 0;
/** A complete Group A application with a certificate number no other filing uses. */
export function birthApplication(run: string): BirthApplication {
  const today = vietnamDate(Date.now());
  sequence += 1;
  return {
    ...EXAMPLE_BIRTH_APPLICATION,
    child: { ...EXAMPLE_BIRTH_APPLICATION.child, dateOfBirth: today },
    medicalBirthCertificate: {
      ...EXAMPLE_BIRTH_APPLICATION.medicalBirthCertificate,
      number: `B-${run}-${sequence}`,
      issuedOn: today,
    },
  };
}

/** civil status registers births at once (`automatic`) or waits for its officer (`officer`). */
export const setCivilStatusReview = (stack: BenchStack, review: CivilStatusReview) =>
  simulatorsAdmin(stack.simulators, stack.simulatorsAdminToken).setCivilStatusReview(
    '00004',
    review,
  );

/** Files one case; returns its id. */
export async function fileCase(stack: BenchStack, bearer: string, app: BirthApplication) {
  const response = await fetch(`${stack.api}/v1/cases`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(app),
  });
  const body = (await response.json()) as { caseId?: string };
  if (response.status !== 202 || !body.caseId)
    throw new Error(`filing → ${response.status} ${JSON.stringify(body)}`);
  return body.caseId;
}

/** Runs `task` for 0..count-1 with at most `concurrency` in flight. */
export async function pool<T>(
  count: number,
  concurrency: number,
  task: (i: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

/** The statuses a Group A case ends in when every agency answers automatically. */
export const FINISHED = ['completed', 'partially_completed', 'rejected'];

/** How many cases of `prefix` (their certificate numbers) the read model shows in one of `statuses`. */
export async function countCases(stack: BenchStack, prefix: string, statuses: string[]) {
  const { rows } = await stack.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM cases WHERE business_key LIKE $1 AND status = ANY($2)`,
    [`${prefix}%`, statuses],
  );
  return rows[0]?.n ?? 0;
}

/** Waits until the read model shows `count` cases of `prefix` in one of `statuses`. */
export async function waitForCases(
  stack: BenchStack,
  prefix: string,
  count: number,
  statuses: string[],
  timeoutMs = 3_600_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await countCases(stack, prefix, statuses)) >= count) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${count} cases of ${prefix}`);
}

/** CPU seconds of each part so far. */
export const cpuOf = (pids: Record<string, number>) =>
  Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid)]));

export const cpuDelta = (before: Record<string, number>, after: Record<string, number>) =>
  Object.fromEntries(
    Object.entries(after).map(([name, value]) => [name, value - (before[name] ?? 0)]),
  );
