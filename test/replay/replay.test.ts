// Recorded histories replay offline against today's workflow code: a change that would break running
// cases fails here before it ships (STYLE rules 16 and 46).
import { join } from 'node:path';
import { DeterminismViolationError } from '@temporalio/workflow';
import type { History } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { WORKFLOW_SOURCES } from '../../worker/create-worker';
import { isEncrypted, KEY_ID_METADATA } from '../../config/payload-codec';
import { TEST_PAYLOAD_KEYS, testDataConverter } from '../support/payload-keys';
import { RECORDED_OUTCOMES_PATCH } from '../../workflows/action-requests';
import { BENEFITS_BY_LAW_PATCH } from '../../workflows/death-residence-funeral.benefits';
import { SCHEDULED_PROJECTIONS_PATCH } from '../../workflows/projections';
import { loadHistories, markersOf } from './histories';

const histories = loadHistories();

const { EventType } = temporal.api.enums.v1;
/** Histories of today's paths (not the kept older ones). */
const todays = histories.filter((h) => /^(group-a|death)-/.test(h.file));
/** Kept histories of runs whose projections were local activities (before v1.1.0). */
const localProjections = histories.filter(
  (h) => h.file.startsWith('before-') && !h.file.startsWith(`before-${RECORDED_OUTCOMES_PATCH}.`),
);

/**
 * Whether a workflow task of the history ended right after a local activity's marker, the code after
 * the activity running in the next task: the shape workflows/projections.ts guards patches against.
 */
function endsTaskAfterLocalActivity({ history }: { history: History }): boolean {
  // Event ids count from 1, so the event after id n is events[n].
  const events = history.events ?? [];
  return markersOf(history).some(
    (m) =>
      m.kind === 'local-activity' &&
      events[m.eventId]?.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
  );
}

/** Whether some patch marker comes after the first local activity's marker. */
function patchAfterLocalActivity({ history }: { history: History }): boolean {
  const kinds = markersOf(history).map((m) => m.kind);
  const firstLocal = kinds.indexOf('local-activity');
  return firstLocal >= 0 && kinds.lastIndexOf('patch') > firstLocal;
}

describe('workflow replay', () => {
  it('when the committed histories are loaded, then every recorded path is there', () => {
    const files = histories.map((h) => h.file);
    const paths = [
      'group-a-all-three',
      'group-a-only-birth-insurance',
      'group-a-only-birth-residence',
      'group-a-residence-rejected',
      'group-a-supplement-answered',
      'group-a-supplement-timeout',
      'group-a-withdrawn',
      'group-a-returned-corrected',
      'group-a-breached',
      'group-a-returned-refused',
      'group-a-agency-bad-request',
      // A notice published while the case runs (calendarChanged), then withdrawn.
      'group-a-calendar-notice',
    ];
    const groupB = [
      'death-funeral-bhxh',
      'death-funeral-social-protection',
      'death-funeral-bank-refused',
      'death-funeral-too-late',
      'death-survivor-lump-sum',
      'death-payee-expired',
      'death-pensioner',
      'death-annulled',
      'death-survivor-monthly',
      'death-survivor-declaration',
      'death-withdrawn',
      'death-payment-refused',
    ];
    expect(files).toEqual(
      expect.arrayContaining(['self-check.json', 'monthly-compliance-report.json']),
    );
    // Today's runs project through scheduled activities, asked for by a patch as each workflow
    // starts (workflows/projections.ts): no local activity is left whose result replay could
    // deliver in another order than the live run had it.
    expect(
      todays.filter((h) => markersOf(h.history).some((m) => m.kind === 'local-activity')),
    ).toEqual([]);
    expect(
      todays
        .filter((h) => !markersOf(h.history).some((m) => m.name === SCHEDULED_PROJECTIONS_PATCH))
        .map((h) => h.file),
    ).toEqual([]);
    // Kept runs of local projections where a workflow task ended right after one (recorded runs
    // have several): the replay below must reproduce them. It can, as long as every patch is asked
    // before the first local projection: a patch first asked after one would, in such a history,
    // be recorded in a later task than replay runs that code in.
    expect(localProjections.some(endsTaskAfterLocalActivity)).toBe(true);
    expect(localProjections.filter(patchAfterLocalActivity).map((h) => h.file)).toEqual([]);
    for (const path of paths)
      expect(files).toEqual(expect.arrayContaining([`${path}.case.json`, `${path}.birth.json`]));
    for (const path of groupB)
      expect(files).toEqual(expect.arrayContaining([`${path}.case.json`, `${path}.death.json`]));
    expect(files).toEqual(
      expect.arrayContaining([
        'death-survivor-lump-sum.survivor.json',
        'death-pensioner.pension-stop.json',
      ]),
    );
  });

  it('when the histories kept for patch benefits-by-law are loaded, then they are v1.0.0 runs without its marker (their refusal of a late claim and their amounts replay through death-benefits.v1.ts)', () => {
    const kept = histories.filter((h) => h.file.startsWith(`before-${BENEFITS_BY_LAW_PATCH}.`));
    expect(kept.map((h) => h.file)).toEqual(
      expect.arrayContaining([
        'before-benefits-by-law.funeral-too-late.case.json',
        'before-benefits-by-law.survivor-monthly.case.json',
      ]),
    );
    expect(
      kept.filter((h) => markersOf(h.history).some((m) => m.name === BENEFITS_BY_LAW_PATCH)),
    ).toEqual([]);
    // Today's death cases run the law of the date of death (`make histories` re-recorded them; an
    // annulled case's recording is its annulment's run).
    const deathCases = todays.filter(
      (h) =>
        h.history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name ===
        'deathResidenceFuneral',
    );
    expect(deathCases.length).toBeGreaterThan(0);
    expect(
      deathCases
        .filter((h) => !markersOf(h.history).some((m) => m.name === BENEFITS_BY_LAW_PATCH))
        .map((h) => h.file),
    ).toEqual([]);
  });

  it('when the histories kept for patch recorded-outcomes are loaded, then they lack its marker and read outcomes back by query, while today’s runs write each outcome for the API', () => {
    const requested = (h: (typeof histories)[number]) =>
      (h.history.events ?? []).filter(
        (e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'act',
      ).length;
    const recordings = (h: (typeof histories)[number]) =>
      (h.history.events ?? []).filter(
        (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'recordActionOutcome',
      ).length;
    const taken = (h: (typeof histories)[number]) =>
      markersOf(h.history).some((m) => m.name === RECORDED_OUTCOMES_PATCH);
    const kept = histories.filter((h) => h.file.startsWith(`before-${RECORDED_OUTCOMES_PATCH}.`));
    // A withdrawal and a supplement (Group A), payee confirmations and a declaration (Group B).
    expect(kept.filter(requested).map((h) => h.file)).toEqual(
      expect.arrayContaining([
        'before-recorded-outcomes.group-a-withdrawn.case.json',
        'before-recorded-outcomes.group-a-supplement-answered.birth.json',
        'before-recorded-outcomes.death-survivor-lump-sum.case.json',
        'before-recorded-outcomes.death-survivor-declaration.case.json',
      ]),
    );
    expect(kept.filter(taken).map((h) => h.file)).toEqual([]);
    expect(kept.filter(recordings).map((h) => h.file)).toEqual([]);
    // Every case and step workflow of today asks the patch as it starts (an annulment takes no
    // requests); each request it heard has its outcome written once.
    const typeOf = (h: (typeof histories)[number]) =>
      h.history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name;
    const takingRequests = todays.filter((h) =>
      ['birthResidenceInsurance', 'deathResidenceFuneral', 'agencyStep'].includes(typeOf(h) ?? ''),
    );
    expect(takingRequests.length).toBeGreaterThan(50);
    expect(takingRequests.filter((h) => !taken(h)).map((h) => h.file)).toEqual([]);
    const withRequests = todays.filter(requested);
    expect(withRequests.length).toBeGreaterThanOrEqual(10);
    for (const h of withRequests) expect([h.file, recordings(h)]).toEqual([h.file, requested(h)]);
  });

  it('when every committed history replays against the current workflows, then none fails', async () => {
    const results = [];
    // Through the test stack's codec, as a worker replays: histories recorded before payloads were
    // encrypted pass through it, the encrypted ones are decrypted.
    const replayer = { ...WORKFLOW_SOURCES, dataConverter: testDataConverter };
    for await (const result of Worker.runReplayHistories(replayer, histories)) {
      results.push({ workflowId: result.workflowId, error: result.error?.message });
    }
    expect(results).toEqual(histories.map((h) => ({ workflowId: h.workflowId, error: undefined })));
  });

  it('when the histories recorded with encrypted payloads are loaded, then their inputs are ciphertext under the test key, and without that key they do not replay', async () => {
    // Arrange: recorded through the test stack (test/integration/encrypted-payloads.test.ts).
    const encrypted = histories.filter((h) => h.file.startsWith('encrypted-'));
    expect(encrypted.map((h) => h.file)).toEqual(
      expect.arrayContaining(['encrypted-group-a-all-three.case.json']),
    );
    const inputs = encrypted.flatMap(
      (h) => h.history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? [],
    );
    expect(inputs.length).toBe(encrypted.length);
    for (const input of inputs) {
      expect(isEncrypted(input)).toBe(true);
      expect(Buffer.from(input.metadata?.[KEY_ID_METADATA] ?? []).toString()).toBe(
        TEST_PAYLOAD_KEYS.active,
      );
    }
    // Act, Assert: the replay above decrypts them; a replayer without the keys cannot read them.
    const [caseHistory] = encrypted.filter((h) => h.file.endsWith('.case.json'));
    await expect(
      Worker.runReplayHistory(WORKFLOW_SOURCES, caseHistory?.history, caseHistory?.workflowId),
    ).rejects.toThrow(/Unknown encoding: binary\/encrypted/);
  });

  it('when a history replays against a deliberately changed copy, then replay fails with a determinism violation', async () => {
    const [selfCheck] = histories.filter((h) => h.file === 'self-check.json');
    await expect(
      Worker.runReplayHistory(
        { workflowsPath: join(__dirname, 'changed', 'index.ts') },
        selfCheck?.history,
        selfCheck?.workflowId,
      ),
    ).rejects.toThrow(DeterminismViolationError);
  });
});
