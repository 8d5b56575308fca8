import type { Connection } from '@temporalio/client';
import { isDatabaseReachable, type Db } from '../db/pool';
import type { ApiDeps } from './deps';

const TEMPORAL_DEADLINE_MS = 2_000;

async function isTemporalReachable(connection: Connection): Promise<boolean> {
  try {
    await connection.withDeadline(Date.now() + TEMPORAL_DEADLINE_MS, () =>
      connection.workflowService.getSystemInfo({}),
    );
    return true;
  } catch {
    return false;
  }
}

/** /readyz: Temporal and PostgreSQL each answer a trivial request. */
export function createReadiness(connection: Connection, db: Db): ApiDeps['readiness'] {
  return async () => {
    const [temporal, database] = await Promise.all([
      isTemporalReachable(connection),
      isDatabaseReachable(db),
    ]);
    return { temporal: temporal ? 'up' : 'down', database: database ? 'up' : 'down' };
  };
}
