// Timeouts and retry policies per kind of activity, in one place (STYLE rule 23).
import type { ActivityOptions } from '@temporalio/workflow';
import { ProcedureError } from '../domain/errors';
import { TASK_QUEUES, type AgencyQueue } from './task-queues';

export const ACTIVITY_OPTIONS = {
  /** Our own PostgreSQL: fast, idempotent writes; retry while the database is briefly away. */
  database: {
    startToCloseTimeout: '10 seconds',
    retry: {
      initialInterval: '500 milliseconds',
      backoffCoefficient: 2,
      maximumInterval: '30 seconds',
    },
  },
  /** A report over a month of the whole country's steps: one long read, retried like the above. */
  report: {
    startToCloseTimeout: '10 minutes',
    retry: {
      initialInterval: '10 seconds',
      backoffCoefficient: 2,
      maximumInterval: '5 minutes',
    },
  },
  /**
   * Another agency's system: idempotent on our key, so retried without limit through 5xx, 429,
   * timeouts and outages (an agency down for an hour delays a case, it does not fail it).
   */
  agency: {
    // A little above the HTTP client's own 10 s timeout: a worker that died mid-call is noticed soon.
    startToCloseTimeout: '15 seconds',
    retry: {
      initialInterval: '1 second',
      backoffCoefficient: 2,
      maximumInterval: '1 minute',
      nonRetryableErrorTypes: [ProcedureError.AGENCY_BAD_REQUEST, ProcedureError.STEP_NOT_ALLOWED],
    },
  },
} as const satisfies Record<string, ActivityOptions>;

export const agencyOptions = (queue: AgencyQueue): ActivityOptions => ({
  ...ACTIVITY_OPTIONS.agency,
  taskQueue: TASK_QUEUES.agency[queue],
});
