// The worker process is killed (SIGKILL) in the middle of an agency call and started again: the case
// still completes, and every agency record exists exactly once (checked in the agencies' own tables).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { inject, afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { aBirthApplication } from '../fixtures/birth-application';
import { decide, file, uniqueCertificate, uniqueChildName, waitForCase } from '../support/group-a';
import { addDeceased, aDeathApplication, participant } from '../support/group-b';
import { testPayloadKeysFile } from '../support/payload-keys';
import { testNamespace } from '../support/namespaces';
import { vietnamDate } from '../../domain/calendar/vietnam';
import { startTestStack, type TestStack, setCivilStatusReview } from '../support/stack';

const ROOT = join(__dirname, '..', '..');

function startWorker(env: Record<string, string>): ChildProcess {
  return spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'worker', 'main.ts')], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', ...env },
    stdio: 'ignore',
    // Its own process group: tsx runs node as a child, and the kill must reach both.
    detached: true,
  });
}

const kill = (worker: ChildProcess | undefined) => {
  try {
    if (worker?.pid !== undefined) process.kill(-worker.pid, 'SIGKILL');
  } catch {
    // already gone
  }
};

describe('worker killed mid-activity', () => {
  let stack: TestStack;
  const workers: ChildProcess[] = [];
  beforeAll(async () => {
    // The in-process workers are not started: this test's worker is a separate process to kill.
    stack = await startTestStack({ workers: false });
  });
  afterAll(async () => {
    workers.forEach(kill);
    await stack?.stop();
  });

  it('when the worker dies while the population database is issuing the PIN, then the restarted worker finishes the case with one record per agency', async () => {
    // Arrange: the PIN call takes 4 s, so the kill lands while it is in flight.
    const env = {
      DATABASE_URL: stack.database.url,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_NAMESPACE: testNamespace(),
      SIMULATORS_URL: stack.simulatorsUrl,
      // The test stack's API encrypts what it starts (test/support/stack.ts): so must this worker.
      TEMPORAL_PAYLOAD_KEYS_FILE: testPayloadKeysFile(),
    };
    const base = aBirthApplication(uniqueCertificate());
    const application = {
      ...base,
      child: {
        ...base.child,
        fullName: uniqueChildName(),
      },
    };
    stack.faults.set('population', { latencyMs: 4_000 });
    workers.push(startWorker(env));
    const filed = await file(stack.app, application);
    expect(filed.status).toBe(202);
    const { body } = filed;
    // Not awaited: the officer's request returns only once the step has processed the approval.
    const approval = decide(stack.app, body.caseId, 'civil-status', { decision: 'approve' });
    const db = stack.database.db;
    const registered = async () =>
      (
        await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM sim_civil_status.birth_registrations WHERE certificate_number = $1 AND status = 'registered'`,
          [application.medicalBirthCertificate.number],
        )
      ).rows[0];

    // Act: kill once civil status has registered the birth and the PIN request is in flight.
    await vi.waitFor(async () => expect(await registered()).toEqual({ n: 1 }), {
      timeout: 30_000,
      interval: 100,
    });
    await new Promise((r) => setTimeout(r, 1_000));
    kill(workers[0]);
    stack.faults.clear('population');
    workers.push(startWorker(env));

    // Assert
    expect((await approval).status).toBe(200);
    await waitForCase(
      stack.app,
      body.caseId,
      application.applicant.pin,
      (v) => expect(v.status).toBe('completed'),
      120_000,
    );
    const count = async (sql: string, value: string) =>
      (await db.query<{ n: number }>(sql, [value])).rows[0];
    expect(await registered()).toEqual({ n: 1 });
    expect(
      await count(
        'SELECT count(*)::int AS n FROM sim_population.citizens WHERE full_name = $1',
        application.child.fullName,
      ),
    ).toEqual({ n: 1 });
    const pin =
      (
        await db.query<{ pin: string }>(
          'SELECT pin FROM sim_population.citizens WHERE full_name = $1',
          [application.child.fullName],
        )
      ).rows[0]?.pin ?? '';
    expect(
      await count(
        `SELECT count(*)::int AS n FROM sim_police.residence_registrations WHERE pin = $1 AND status = 'registered'`,
        pin,
      ),
    ).toEqual({ n: 1 });
    expect(
      await count('SELECT count(*)::int AS n FROM sim_social_insurance.cards WHERE pin = $1', pin),
    ).toEqual({ n: 1 });
    expect(
      await count(
        `SELECT count(*)::int AS n FROM sim_notifications.messages WHERE reference = $1 AND template = 'case_received'`,
        body.caseId,
      ),
    ).toEqual({ n: 1 });
  }, 180_000);

  it('when the worker dies while the funeral allowance is being paid, then the restarted worker pays it exactly once', async () => {
    // Arrange: the payments service takes 4 s to answer, so the kill lands while a payment is in flight.
    workers.forEach(kill);
    const env = {
      DATABASE_URL: stack.database.url,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_NAMESPACE: testNamespace(),
      SIMULATORS_URL: stack.simulatorsUrl,
      // The test stack's API encrypts what it starts (test/support/stack.ts): so must this worker.
      TEMPORAL_PAYLOAD_KEYS_FILE: testPayloadKeysFile(),
    };
    await setCivilStatusReview(stack.simulatorsUrl, '00004', 'automatic');
    const deceased = await addDeceased(stack.simulatorsUrl, { insured: participant(14) });
    const application = aDeathApplication(deceased, vietnamDate(Date.now()));
    stack.faults.set('payments', { latencyMs: 4_000 });
    workers.push(startWorker(env));
    const filed = await file(stack.app, application);
    expect(filed.status).toBe(202);
    const caseId = filed.body.caseId as string;
    const db = stack.database.db;
    const payments = async () =>
      (
        await db.query<{ status: string }>(
          'SELECT status FROM sim_payments.payments WHERE reference = $1',
          [`${caseId}:funeral`],
        )
      ).rows;

    // Act: kill once BHXH granted the allowance, while the payment request is in flight.
    await vi.waitFor(
      async () =>
        expect(
          (
            await db.query(
              `SELECT 1 FROM sim_social_insurance.funeral_decisions WHERE pin = $1 AND status = 'granted'`,
              [deceased.pin],
            )
          ).rowCount,
        ).toBe(1),
      { timeout: 60_000, interval: 100 },
    );
    await new Promise((r) => setTimeout(r, 1_000));
    kill(workers.at(-1));
    stack.faults.clear('payments');
    workers.push(startWorker(env));

    // Assert
    await waitForCase(
      stack.app,
      caseId,
      application.applicant.pin,
      (v) => expect(v.status).toBe('completed'),
      120_000,
    );
    expect(await payments()).toEqual([{ status: 'paid' }]);
  }, 180_000);
});
