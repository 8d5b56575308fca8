import type { Connection } from '@temporalio/client';
import { isDatabaseReachable, type Db } from '../db/pool';
import type { ApiDeps } from './deps';
import type { FileStorage } from './uploads/storage';

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

const state = (up: boolean) => (up ? 'up' : 'down');

/** /readyz: Temporal, PostgreSQL and the uploads' store each answer a trivial request. */
export function createReadiness(
  connection: Connection,
  db: Db,
  storage: Pick<FileStorage, 'reachable'>,
): ApiDeps['readiness'] {
  return async () => {
    const [temporal, database, uploads] = await Promise.all([
      isTemporalReachable(connection),
      isDatabaseReachable(db),
      storage.reachable(),
    ]);
    return { temporal: state(temporal), database: state(database), uploads: state(uploads) };
  };
}
