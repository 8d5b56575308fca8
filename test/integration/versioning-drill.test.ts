// The versioning drill (issue 8, point 5): cases filed while the workers ran the workflows as they were
// before their patches (worker/bundle.ts --previous-version: PROJECT_STEP_CHANGES and
// LOCAL_PROJECTIONS off) stop mid-case; the workers are replaced by ones on the current code; the
// cases then finish correctly, the patched paths take over at the head of their histories, and the
// mixed history replays against today's code.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { historyToJSON, type History } from '@temporalio/common/lib/proto-utils';
import { NativeConnection, Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createAgencies } from '../../agencies';
import type { BirthApplication } from '../../domain/BirthApplication';
import type { CaseView } from '../../domain/procedures/views';
import { writeWorkflowBundle } from '../../worker/bundle';
import { createWorkers } from '../../worker/create-worker';
import { PROJECT_STEP_CHANGES } from '../../workflows/linked-case';
import { LOCAL_PROJECTIONS } from '../../workflows/projections';
import { getProcedureStatus } from '../../workflows/messages';
import { aBirthApplication } from '../fixtures/birth-application';
import { HISTORIES_DIR, markersOf } from '../replay/histories';
import { decide, file, stepOf, uniqueCertificate, waitForCase } from '../support/group-a';
import { recording } from '../support/histories';
import { testNamespace } from '../support/namespaces';
import { startTestStack, type TestStack } from '../support/stack';

/** The mixed history kept for test/replay; rewritten when run with LIEN_THONG_RECORD_HISTORIES=1. */
const MIXED_FIXTURE = 'across-local-projections.group-a-residence-police.case.json';

/** Every patch the current code has and the previous version lacks. */
const PATCHES = [LOCAL_PROJECTIONS, PROJECT_STEP_CHANGES].sort();

/** Patch markers in a history, with where they were recorded. */
const patchMarkers = (history: History) =>
  markersOf(history)
    .filter((m) => m.kind === 'patch')
    .map(({ eventId, name }) => ({ eventId, patchId: name }));

const lastEventId = (history: History) => Number(history.events?.at(-1)?.eventId?.toString());

/** Where the case projected itself: as a scheduled activity, or as a local one (a marker). */
function caseProjections(history: History): { eventId: number; local: boolean }[] {
  const scheduled = (history.events ?? [])
    .filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'projectCase')
    .map((e) => ({ eventId: Number(e.eventId?.toString()), local: false }));
  const local = markersOf(history)
    .filter((m) => m.kind === 'local-activity' && m.name === 'projectCase')
    .map(({ eventId }) => ({ eventId, local: true }));
  return [...scheduled, ...local].sort((a, b) => a.eventId - b.eventId);
}

/** Birth, then residence at an address the police must verify (an officer's task in 09877). */
function policeVerifiedResidence(): BirthApplication {
  const base = aBirthApplication(uniqueCertificate());
  return {
    ...base,
    components: { residence: true, insurance: false },
    residence: {
      address: { commune: '09877', line: 'Thôn Đông Xuân' },
      householdHeadPin: '001082003344',
      relationshipToHead: 'con',
    },
  };
}

const inTimeline = (view: CaseView, step: string, event: string) =>
  view.timeline.some((e) => e.step === step && e.event === event);

describe('versioning drill: cases started before a patch finish on the patched code', () => {
  let stack: TestStack;
  let connection: NativeConnection;
  let dir: string;
  let bundles: { previous: string; current: string };
  let stopPrevious: (() => Promise<void>) | undefined;
  let stopCurrent: (() => Promise<void>) | undefined;
  let previousCode: string;
  let currentCode: string;
  let mixed: { workflowId: string; history: History } | undefined;

  /** Runs the orchestration and agency workers from a prebuilt bundle until the returned stop. */
  async function runWorkers(workflowBundlePath: string): Promise<() => Promise<void>> {
    const workers = await createWorkers({
      connection,
      namespace: testNamespace(),
      deps: { db: stack.database.appDb, agencies: createAgencies(stack.simulatorsUrl) },
      workflowBundlePath,
    });
    const running = Promise.all(workers.map((w) => w.run()));
    return async () => {
      workers.forEach((w) => w.shutdown());
      await running;
    };
  }

  /** Deploys the current code: the previous version's workers drain and stop, new ones start. */
  async function deployCurrent(): Promise<void> {
    if (stopCurrent) return;
    await stopPrevious?.();
    stopPrevious = undefined;
    stopCurrent = await runWorkers(bundles.current);
  }

  /** Files a case through the API as the clerk. */
  async function fileCase(application: BirthApplication) {
    const filed = await file(stack.app, application);
    expect(filed.status).toBe(202);
    return { caseId: filed.body.caseId as string, pin: application.applicant.pin };
  }

  /** The case as its workflow holds it (live), not as the read model has it. */
  const live = (caseId: string) =>
    stack.client.workflow.getHandle(caseId).query(getProcedureStatus);
  const history = (caseId: string) => stack.client.workflow.getHandle(caseId).fetchHistory();

  beforeAll(async () => {
    stack = await startTestStack({ workers: false });
    connection = await NativeConnection.connect({ address: inject('temporalAddress') });
    dir = mkdtempSync(join(tmpdir(), 'lien-thong-versioning-'));
    bundles = { previous: join(dir, 'previous.js'), current: join(dir, 'current.js') };
    previousCode = await writeWorkflowBundle(bundles.previous, { previousVersion: true });
    currentCode = await writeWorkflowBundle(bundles.current);
    stopPrevious = await runWorkers(bundles.previous);
  });
  afterAll(async () => {
    await stopPrevious?.();
    await stopCurrent?.();
    await connection?.close();
    await stack?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('when cases started on the previous version are finished on the current code, then they complete with every step and the patch markers appear only after the switch', async () => {
    // Arrange: two cases on the previous version, each stopped at the civil-status officer's review.
    const policeCase = await fileCase(policeVerifiedResidence());
    const allThreeCase = await fileCase(aBirthApplication(uniqueCertificate()));
    const cases = [policeCase, allThreeCase];
    for (const { caseId } of cases) {
      const view = await vi.waitFor(
        async () => {
          const view = await live(caseId);
          expect(inTimeline(view, 'birth', 'in_review')).toBe(true);
          return view;
        },
        { timeout: 30_000, interval: 200 },
      );
      // The old path: the birth step's change did not make the case project itself again (the
      // only projection is the one at filing), and no patch marker was recorded.
      expect(view.version).toBe(1);
      expect(patchMarkers(await history(caseId))).toEqual([]);
    }

    // Act: deploy the current code, then the officers decide. Where each history stood at the
    // switch is read while no worker runs, so nothing can be appended in between.
    await stopPrevious?.();
    stopPrevious = undefined;
    const switchedAt = new Map<string, number>();
    for (const { caseId } of cases) switchedAt.set(caseId, lastEventId(await history(caseId)));
    await deployCurrent();
    for (const { caseId } of cases) {
      const approved = await decide(stack.app, caseId, 'civil-status', { decision: 'approve' });
      expect(approved.status).toBe(200);
    }
    // The patch's purpose, now on an old case: the residence step waiting for the police shows in
    // the read model's case view at once, though nothing else moved the case on.
    await waitForCase(stack.app, policeCase.caseId, policeCase.pin, (v) =>
      expect(inTimeline(v, 'residence', 'in_review')).toBe(true),
    );
    const verified = await decide(
      stack.app,
      policeCase.caseId,
      'police',
      { decision: 'approve' },
      '09877',
    );
    expect(verified.status).toBe(200);

    // Assert: both cases complete with each chosen step's outcome, as the read model shows them.
    const expected = [
      { ...policeCase, steps: ['birth', 'residence'] },
      { ...allThreeCase, steps: ['birth', 'insurance', 'residence'] },
    ];
    for (const { caseId, pin, steps } of expected) {
      const view = await waitForCase(stack.app, caseId, pin, (v) =>
        expect(v.status).toBe('completed'),
      );
      expect(view.steps.map((s) => s.step).sort()).toEqual(steps);
      for (const step of steps) {
        expect(stepOf(view, step).status).toBe('completed');
        expect(inTimeline(view, step, 'completed')).toBe(true);
      }
      expect(stepOf(view, 'birth').result?.pin).toMatch(/^001226\d{6}$/);
      expect(stepOf(view, 'residence').result?.residenceRef).toMatch(/^CT-\d{4}-\d{7}$/);
      // The current code took over at the head: one marker per patch, recorded after the switch;
      // the case projected itself as a scheduled activity before it, as a local one after.
      const recorded = await history(caseId);
      const switched = switchedAt.get(caseId) ?? Infinity;
      const markers = patchMarkers(recorded);
      expect(markers.map((m) => m.patchId).sort()).toEqual(PATCHES);
      for (const marker of markers) expect(marker.eventId).toBeGreaterThan(switched);
      const projected = caseProjections(recorded);
      expect(projected.filter((p) => p.eventId < switched)).toEqual([
        { eventId: expect.any(Number), local: false },
      ]);
      const after = projected.filter((p) => p.eventId > switched);
      expect(after.length).toBeGreaterThan(0);
      expect(after.every((p) => p.local)).toBe(true);
    }
    expect(stepOf(await live(allThreeCase.caseId), 'insurance').result).toMatchObject({
      insuranceNumber: expect.stringMatching(/^01\d{8}$/),
    });
    mixed = { workflowId: policeCase.caseId, history: await history(policeCase.caseId) };
  }, 180_000);

  it('when the mixed history is replayed, then the current workflows reproduce it and the previous version fails with a determinism violation', async () => {
    // Arrange
    expect(mixed).toBeDefined();
    const { workflowId, history } = mixed as NonNullable<typeof mixed>;

    // Act / Assert: resolves only if today's code reproduces both halves of the history.
    await Worker.runReplayHistory({ workflowBundle: { code: currentCode } }, history, workflowId);
    // The control: the previous version cannot, since the history now holds the patched path (so
    // rolling the workers back after the switch would stall these cases).
    await expect(
      Worker.runReplayHistory({ workflowBundle: { code: previousCode } }, history, workflowId),
    ).rejects.toThrow(DeterminismViolationError);
    if (recording) {
      const fixture = { workflowId, history: JSON.parse(historyToJSON(history)) as unknown };
      writeFileSync(join(HISTORIES_DIR, MIXED_FIXTURE), `${JSON.stringify(fixture)}\n`);
    }
  });

  it('when a case is filed on the current code, then its step changes reach the read model at once, it projects itself locally and it completes', async () => {
    // Arrange: the current workers (the first test deployed them; deployed here if it failed early).
    await deployCurrent();

    // Act
    const { caseId, pin } = await fileCase(aBirthApplication(uniqueCertificate()));
    // The new path from the start: the birth step's review shows before any officer decides.
    await waitForCase(stack.app, caseId, pin, (v) =>
      expect(inTimeline(v, 'birth', 'in_review')).toBe(true),
    );
    const approved = await decide(stack.app, caseId, 'civil-status', { decision: 'approve' });
    expect(approved.status).toBe(200);

    // Assert
    const view = await waitForCase(stack.app, caseId, pin, (v) =>
      expect(v.status).toBe('completed'),
    );
    expect(view.steps.map((s) => [s.step, s.status]).sort()).toEqual([
      ['birth', 'completed'],
      ['insurance', 'completed'],
      ['residence', 'completed'],
    ]);
    const recorded = await history(caseId);
    expect(
      patchMarkers(recorded)
        .map((m) => m.patchId)
        .sort(),
    ).toEqual(PATCHES);
    // Every projection a local activity: none went through the server as a scheduled activity.
    expect(caseProjections(recorded).length).toBeGreaterThan(0);
    expect(caseProjections(recorded).every((p) => p.local)).toBe(true);
  });
});
