// The drill setting on the real stack (shared dev server, no time skipping): with supplement windows of
// a few seconds, a request for supplement nobody answers rejects the step within seconds, through the
// same timer and machine as the legal 7 working days (birth-deadlines.test.ts).
import type { Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SUPPLEMENT_TIMEOUT_REASON } from '../../domain/procedures/agency-step.machine';
import { vietnamDate } from '../../domain/calendar/vietnam';
import type { BirthApplication } from '../../domain/BirthApplication';
import type { DeathApplication } from '../../domain/DeathApplication';
import type { CaseView, StepView } from '../../domain/procedures/views';
import { aBirthApplication } from '../fixtures/birth-application';
import { decide, file, stepOf, uniqueCertificate, waitForCase } from '../support/group-a';
import { addDeceased, aDeathApplication } from '../support/group-b';
import { startTestStack, type TestStack } from '../support/stack';

const WINDOW_MS = 3_000;

describe('supplement windows in a drill (real dev server)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    // Civil status left on officer review (the default): births and deaths wait for an officer.
    stack = await startTestStack({ drillSupplementReplyMs: WINDOW_MS });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** The window is the drill's milliseconds, counted from the officer's request. */
  function expectDrillWindow(asked: StepView, before: number, after: number): number {
    expect(asked.state).toBe('awaiting_supplement');
    const due = Date.parse(asked.supplementDue ?? '');
    expect(due).toBeGreaterThanOrEqual(before + WINDOW_MS);
    expect(due).toBeLessThanOrEqual(after + WINDOW_MS);
    return due;
  }

  /** Files the application, has the civil-status officer ask for `missing`, waits for the case to end. */
  async function askAndLetLapse(
    application: BirthApplication | DeathApplication,
    missing: string,
  ): Promise<{ asked: Response; before: number; after: number; ended: CaseView }> {
    const filed = await file(stack.app, application);
    expect(filed.status).toBe(202);
    const caseId = filed.body.caseId as string;
    const before = Date.now();
    const asked = await decide(stack.app, caseId, 'civil-status', {
      decision: 'request_supplement',
      missing: [missing],
    });
    const after = Date.now();
    const ended = await waitForCase(
      stack.app,
      caseId,
      application.applicant.pin,
      (v) => expect(v.status).toBe('rejected'),
      WINDOW_MS + 15_000,
    );
    return { asked, before, after, ended };
  }

  it('when an officer asks for a birth supplement and nobody answers, then the birth step is rejected for the timeout within seconds and the case ends rejected', async () => {
    const { asked, before, after, ended } = await askAndLetLapse(
      aBirthApplication(uniqueCertificate()),
      'giấy chứng sinh bản điện tử',
    );

    expect(asked.status).toBe(200);
    const due = expectDrillWindow(asked.body as StepView, before, after);
    expect(stepOf(ended, 'birth')).toMatchObject({
      status: 'rejected',
      reason: SUPPLEMENT_TIMEOUT_REASON,
    });
    const rejected = ended.timeline.find((e) => e.event === 'rejected' && e.step === 'birth');
    const lag = Date.parse(rejected?.at ?? '') - due;
    expect(lag).toBeGreaterThanOrEqual(0);
    expect(lag).toBeLessThan(10_000);
    expect(ended.steps.filter((s) => s.status === 'completed')).toEqual([]);
  });

  it('when an officer asks for a death supplement and nobody answers, then the death step is rejected for the timeout and the case ends rejected', async () => {
    const deceased = await addDeceased(stack.simulatorsUrl);
    const { asked, before, after, ended } = await askAndLetLapse(
      aDeathApplication(deceased, vietnamDate(Date.now())),
      'giấy báo tử',
    );

    expect(asked.status).toBe(200);
    expectDrillWindow(asked.body as StepView, before, after);
    expect(stepOf(ended, 'death')).toMatchObject({
      status: 'rejected',
      reason: SUPPLEMENT_TIMEOUT_REASON,
    });
    expect(ended.steps.filter((s) => s.status === 'completed')).toEqual([]);
  });

  it('when the notifications gateway is down, then a request for supplement is shown to the citizen before its window closes, and the message goes out once the gateway is back', async () => {
    // Arrange: every message refused with 503 for the next minute (retried, never given up).
    stack.faults.set('notifications', {
      outageUntil: new Date(Date.now() + 60_000).toISOString(),
    });
    const application = aBirthApplication(uniqueCertificate());
    const filed = await file(stack.app, application);
    const caseId = filed.body.caseId as string;

    // Act
    const asked = await decide(stack.app, caseId, 'civil-status', {
      decision: 'request_supplement',
      missing: ['giấy chứng sinh bản điện tử'],
    });
    const due = Date.parse((asked.body as StepView).supplementDue ?? '');
    const shown = await waitForCase(
      stack.app,
      caseId,
      application.applicant.pin,
      (v) => expect(v.status).toBe('awaiting_supplement'),
      WINDOW_MS,
    );
    const seenAt = Date.now();
    stack.faults.clear('notifications');

    // Assert: seen in time, although not one message had gone out yet
    expect(seenAt).toBeLessThan(due);
    expect(stepOf(shown, 'birth').supplementDue).toBe(new Date(due).toISOString());
    await waitForCase(stack.app, caseId, application.applicant.pin, (v) =>
      expect(v.status).toBe('rejected'),
    );
    await vi.waitFor(
      async () => {
        const told = await stack.database.db.query<{ template: string; text: string }>(
          'SELECT template, text FROM sim_notifications.messages WHERE reference = $1 ORDER BY message_id',
          [caseId],
        );
        const asking = told.rows.filter((m) => m.template === 'supplement_requested');
        expect(asking).toHaveLength(1);
        // The citizen knows the case by the code on the receipt, and reads the date as dd/mm/yyyy.
        expect(asking[0]?.text).toContain(`Hồ sơ ${String(filed.body.caseCode)}:`);
        expect(asking[0]?.text).toMatch(/trước \d{2}\/\d{2}\/\d{4}\.$/);
        expect(told.rows.filter((m) => m.template === 'case_received')).toHaveLength(1);
      },
      { timeout: 60_000, interval: 500 },
    );
  });
});
