// Timeouts and retry policies per kind of activity, in one place (STYLE rule 23).
import type { ActivityOptions } from '@temporalio/workflow';

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
} as const satisfies Record<string, ActivityOptions>;
