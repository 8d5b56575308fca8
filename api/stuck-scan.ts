// The stuck-case scan: asks Temporal which quiet cases have a workflow task it keeps failing (a bug,
// a nondeterminism — the case cannot move, and no person on it can tell). DescribeWorkflowExecution
// is one call per workflow, so the scan never describes every open workflow (there may be 100,000
// waiting on people): only open cases the read model saw no progress on for a while, a bounded
// batch per scan, rotating through them, plus the workflows found failing before (so a fixed one
// leaves the list at the next scan). What it finds is kept in PostgreSQL, for every API instance's
// list and for /metrics.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Logger } from '../config/logger';
import { startPeriodic } from '../config/periodic';
import type { Db } from '../db/pool';
import {
  knownTaskFailures,
  quietOpenCases,
  type ScanCursor,
} from '../db/queries/stuck-cases.queries';
import { saveTaskFindings, type TaskFinding } from '../db/stuck-cases.repository';

export interface StuckSettings {
  /** A pending workflow task past this many attempts is failing (STUCK_TASK_ATTEMPTS). */
  taskAttempts: number;
  /** Minutes without progress before a case's workflows are described (STUCK_QUIET_MINUTES). */
  quietMinutes: number;
  /** Hours past its deadline before an idle case is stuck (STUCK_DEADLINE_MARGIN_HOURS). */
  deadlineMarginHours: number;
  /** Cases described per scan (STUCK_SCAN_CASES). */
  scanCases: number;
  /** Between the end of one scan and the start of the next (STUCK_SCAN_INTERVAL_SECONDS). */
  scanIntervalMs: number;
}

export const DEFAULT_STUCK_SETTINGS: StuckSettings = {
  taskAttempts: 3,
  quietMinutes: 10,
  deadlineMarginHours: 24,
  scanCases: 200,
  scanIntervalMs: 60_000,
};

/** Describe calls in flight at once: enough to finish a batch in seconds, little load on Temporal. */
const DESCRIBE_CONCURRENCY = 8;

/**
 * The attempt of the workflow's pending workflow task: 0 when none is pending (it waits, or it has
 * closed), undefined when there is no such workflow (a step not started yet).
 */
export async function pendingTaskAttempt(
  temporal: Client,
  workflowId: string,
): Promise<number | undefined> {
  try {
    const { raw } = await temporal.workflow.getHandle(workflowId).describe();
    return raw.pendingWorkflowTask?.attempt ?? 0;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return undefined;
    throw error;
  }
}

export interface ScanResult {
  /** Quiet cases looked at in this scan. */
  cases: number;
  /** Workflows described. */
  described: number;
  /** Of them, failing. */
  failing: number;
  /** Describe calls that failed (Temporal unreachable, say): neither kept nor cleared. */
  errors: number;
}

export interface StuckScanner {
  /** One scan: the next batch of quiet cases and the known failing workflows. */
  scanOnce(): Promise<ScanResult>;
  /** Scans now and then every interval until `stop` (which waits for a scan under way). */
  start(): { stop(): Promise<void> };
}

export function createStuckScanner(deps: {
  temporal: Client;
  db: Db;
  logger: Logger;
  settings: StuckSettings;
}): StuckScanner {
  const { temporal, db, logger, settings } = deps;
  let cursor: ScanCursor | undefined;

  async function describeAll(targets: { workflowId: string; caseId: string }[]) {
    const findings: TaskFinding[] = [];
    let errors = 0;
    let next = 0;
    const worker = async () => {
      for (let target = targets[next++]; target; target = targets[next++]) {
        try {
          const attempt = (await pendingTaskAttempt(temporal, target.workflowId)) ?? 0;
          findings.push({ ...target, attempt, failing: attempt > settings.taskAttempts });
        } catch (error) {
          errors += 1;
          logger.debug({ err: error, workflowId: target.workflowId }, 'describe failed');
        }
      }
    };
    await Promise.all(Array.from({ length: DESCRIBE_CONCURRENCY }, worker));
    return { findings, errors };
  }

  async function scanOnce(): Promise<ScanResult> {
    const known = await knownTaskFailures(db, settings.scanCases);
    const batch = (after: ScanCursor | undefined, limit: number) =>
      quietOpenCases(db, { after, quietMinutes: settings.quietMinutes, limit });
    let quiet = await batch(cursor, settings.scanCases);
    // Past the last case, the batch goes on from the first (those not in it already).
    if (cursor && quiet.length < settings.scanCases) {
      const seen = new Set(quiet.map((q) => q.caseId));
      const first = await batch(undefined, settings.scanCases - quiet.length);
      quiet = [...quiet, ...first.filter((q) => !seen.has(q.caseId))];
    }
    // A short batch holds every quiet case: the next scan starts from the first again.
    cursor = quiet.length < settings.scanCases ? undefined : quiet.at(-1)?.cursor;
    const targets = new Map(known.map((k) => [k.workflowId, k]));
    for (const { caseId, workflowIds } of quiet)
      for (const workflowId of workflowIds) targets.set(workflowId, { workflowId, caseId });
    const { findings, errors } = await describeAll([...targets.values()]);
    await saveTaskFindings(db, findings);
    const failing = findings.filter((f) => f.failing).length;
    return { cases: quiet.length, described: findings.length, failing, errors };
  }

  const start = () =>
    startPeriodic(
      () =>
        scanOnce().then(
          (result) => {
            const log = result.failing || result.errors ? logger.warn : logger.debug;
            log.call(logger, result, 'stuck-case scan');
          },
          (error: unknown) => logger.warn({ err: error }, 'stuck-case scan failed'),
        ),
      settings.scanIntervalMs,
    );

  return { scanOnce, start };
}
