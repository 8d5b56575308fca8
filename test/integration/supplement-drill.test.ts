// The drill setting on the real stack (shared dev server, no time skipping): with supplement windows of
// a few seconds, a request for supplement nobody answers rejects the step within seconds, through the
// same timer and machine as the legal 7 working days (birth-deadlines.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPPLEMENT_TIMEOUT_REASON } from '../../domain/procedures/agency-step.machine';
import { vietnamDate } from '../../domain/calendar/vietnam';
import type { StepView } from '../../domain/procedures/views';
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

  it('when an officer asks for a birth supplement and nobody answers, then the birth step is rejected for the timeout within seconds and the case ends rejected', async () => {
    // Arrange
    const application = aBirthApplication(uniqueCertificate());
    const filed = await file(stack.app, application);
    expect(filed.status).toBe(202);
    const caseId = filed.body.caseId as string;

    // Act
    const before = Date.now();
    const asked = await decide(stack.app, caseId, 'civil-status', {
      decision: 'request_supplement',
      missing: ['giấy chứng sinh bản điện tử'],
    });
    const after = Date.now();
    const ended = await waitForCase(
      stack.app,
      caseId,
      application.applicant.pin,
      (v) => expect(v.status).toBe('rejected'),
      WINDOW_MS + 15_000,
    );

    // Assert
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
    // Arrange
    const deceased = await addDeceased(stack.simulatorsUrl);
    const application = aDeathApplication(deceased, vietnamDate(Date.now()));
    const filed = await file(stack.app, application);
    expect(filed.status).toBe(202);
    const caseId = filed.body.caseId as string;

    // Act
    const before = Date.now();
    const asked = await decide(stack.app, caseId, 'civil-status', {
      decision: 'request_supplement',
      missing: ['giấy báo tử'],
    });
    const after = Date.now();
    const ended = await waitForCase(
      stack.app,
      caseId,
      application.applicant.pin,
      (v) => expect(v.status).toBe('rejected'),
      WINDOW_MS + 15_000,
    );

    // Assert
    expect(asked.status).toBe(200);
    expectDrillWindow(asked.body as StepView, before, after);
    expect(stepOf(ended, 'death')).toMatchObject({
      status: 'rejected',
      reason: SUPPLEMENT_TIMEOUT_REASON,
    });
    expect(ended.steps.filter((s) => s.status === 'completed')).toEqual([]);
  });
});
