// Starting the workflow of a case filed (the filing outbox, migration 0025). A filing is answered
// once PostgreSQL holds it (db/case-starts.repository.ts fileCase) — the reply never waits for
// Temporal, so filing stays fast when Temporal is busy and works while it is unreachable — and its
// workflow is started from the row: at once by the API that filed it (`startSoon`), before anything
// is asked of the case (`ensureStarted`), and by the relay every API process runs, which starts what
// is left (the API died after its commit, Temporal was down), longer after each failure. Starting
// twice is harmless: a start answered "already started" is this filing's own when the workflow's
// memo names it. A start Temporal refuses for good (an invalid request) ends the case with
// `CASE.NOT_OPENED`, which may be filed again — never a case that waits forever.
import {
  isGrpcServiceError,
  ServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdReusePolicy,
  type Client,
} from '@temporalio/client';
import type { Logger } from '../config/logger';
import { startPeriodic } from '../config/periodic';
import {
  claimPendingStarts,
  markStarted,
  pendingStart,
  postponeStart,
  refuseStart,
  type PendingStart,
} from '../db/case-starts.repository';
import type { Db } from '../db/pool';
import { CaseStatus } from '../domain/procedures/case-status';
import { ReasonCode } from '../domain/procedures/reasons';
import { ApiError } from '../domain/errors';
import { TASK_QUEUES } from '../workflows/task-queues';
import { HttpProblem } from './problem';

/** The workflow memo naming the filing (case_starts.filing_id) that started the case. */
export const FILING_MEMO = 'filing';

/** gRPC's INVALID_ARGUMENT: Temporal will refuse this start however often it is sent. */
const INVALID_ARGUMENT = 3;

export interface CaseStartSettings {
  /** Between the end of one relay run and the next. */
  intervalMs: number;
  /** Cases claimed per batch. */
  batch: number;
  /** How long a claimed start is the claimer's alone (the filing API's, then a relay's). */
  leaseMs: number;
}

export const DEFAULT_CASE_STARTS: CaseStartSettings = {
  intervalMs: 5_000,
  batch: 100,
  leaseMs: 30_000,
};

export type StartOutcome = 'started' | 'postponed' | 'refused';

export function createCaseStarter(deps: {
  temporal: Client;
  db: Db;
  logger: Logger;
  settings?: Partial<CaseStartSettings>;
}) {
  const { temporal, db, logger } = deps;
  const settings = { ...DEFAULT_CASE_STARTS, ...deps.settings };

  async function start(row: PendingStart): Promise<StartOutcome> {
    const caseId = row.case_id;
    try {
      await temporal.workflow.start(row.workflow_type, {
        taskQueue: TASK_QUEUES.orchestration,
        workflowId: caseId,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        args: [row.input],
        memo: { [FILING_MEMO]: row.filing_id },
      });
    } catch (error) {
      try {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
        // Its own first start, whose answer was lost — or a workflow of this id started before
        // the outbox (migration 0025 keeps those as started): either way the case runs.
        const { memo } = await temporal.workflow.getHandle(caseId).describe();
        if (memo?.[FILING_MEMO] !== row.filing_id)
          logger.warn({ caseId }, 'the case’s workflow was started by an earlier filing');
      } catch (failure) {
        return refusedForGood(failure) ? refuse(row, failure) : postpone(row, failure);
      }
    }
    await markStarted(db, caseId);
    return 'started';
  }

  async function postpone(row: PendingStart, error: unknown): Promise<StartOutcome> {
    logger.warn(
      { caseId: row.case_id, attempts: row.attempts + 1, err: error },
      'case workflow not started; tried again later',
    );
    await postponeStart(db, row.case_id, messageOf(error));
    return 'postponed';
  }

  async function refuse(row: PendingStart, error: unknown): Promise<StartOutcome> {
    logger.error({ caseId: row.case_id, err: error }, 'Temporal refused to start the case');
    await refuseStart(db, row.case_id, messageOf(error), (received) => ({
      ...received,
      status: CaseStatus.rejected,
      reason: { code: ReasonCode.NOT_OPENED, reason: 'the workflow engine refused to start it' },
      timeline: [
        ...received.timeline,
        { at: new Date().toISOString(), event: 'not_opened', detail: ReasonCode.NOT_OPENED },
      ],
      version: received.version + 1,
    }));
    return 'refused';
  }

  /** Starts the claimed cases, a batch at a time, until none is due; returns how many started. */
  async function relay(): Promise<number> {
    let started = 0;
    for (;;) {
      const due = await claimPendingStarts(db, settings.batch, settings.leaseMs);
      for (const row of due) if ((await start(row)) === 'started') started += 1;
      if (due.length < settings.batch) return started;
    }
  }

  return {
    settings,
    /** Starts the case filed a moment ago without making its filing wait (the relay's if it fails). */
    startSoon(row: PendingStart): void {
      start(row).catch((error: unknown) =>
        logger.warn({ err: error, caseId: row.case_id }, 'case start left to the relay'),
      );
    },
    /**
     * Makes sure the case's workflow runs before something is asked of it (a withdrawal right after
     * filing): a start still pending is made now; one that cannot be made now is a 503.
     */
    async ensureStarted(caseId: string): Promise<void> {
      const row = await pendingStart(db, caseId);
      if (row && (await start(row)) !== 'started')
        throw new HttpProblem(ApiError.UNAVAILABLE, {
          vi: 'hồ sơ đã được tiếp nhận nhưng chưa được mở để xử lý',
          en: 'the case is received but not opened yet',
        });
    },
    relay,
    /** Runs the relay now and then every interval until `stop`. */
    start: () =>
      startPeriodic(
        () =>
          relay().then(
            (started) => {
              if (started > 0) logger.info({ started }, 'case starts relayed');
            },
            (err: unknown) => logger.warn({ err }, 'case start relay failed; retried'),
          ),
        settings.intervalMs,
      ),
  };
}
export type CaseStarter = ReturnType<typeof createCaseStarter>;

function refusedForGood(error: unknown): boolean {
  return (
    error instanceof ServiceError &&
    isGrpcServiceError(error.cause) &&
    Number(error.cause.code) === INVALID_ARGUMENT
  );
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
