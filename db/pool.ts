import pg from 'pg';

// timestamptz arrives as an ISO-8601 string, so rows parse with zod and serialise to JSON unchanged.
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, (value) => new Date(value).toISOString());

export type Db = pg.Pool;

/** What a repository function needs to run its statements: the pool, or a transaction's client. */
export type Queryable = Pick<pg.ClientBase, 'query'>;

/** Runs `work` in one transaction on one client of `db`: committed if it returns, else rolled back. */
export async function inTransaction<T>(
  db: Db,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Runs `deleteSql` — a DELETE of at most `batch` rows, its last parameter the batch size — until it
 * deletes fewer, so one purge never holds many locks at once; answers how many rows went.
 */
export async function deleteInBatches(
  db: Db,
  deleteSql: string,
  params: unknown[],
  batch: number,
): Promise<number> {
  let deleted = 0;
  for (;;) {
    const { rowCount } = await db.query(deleteSql, [...params, batch]);
    deleted += rowCount ?? 0;
    if ((rowCount ?? 0) < batch) return deleted;
  }
}

/**
 * The application's least-privilege database role (db/migrations/0005_app-role.sql), which the API
 * and the workers log in as (db/app-login.ts).
 */
export const APP_ROLE = 'lien_thong_app';

/** One pool per process (STYLE rule 29). */
export function createPool(
  databaseUrl: string,
  options: { max?: number; onError?: (error: Error) => void } = {},
): Db {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
  });
  // An idle client losing its server (restart, failover) must not crash the process: the pool drops
  // it and the next query reconnects. Without a listener, node would treat this as unhandled.
  // The error carries the whole client (its settings, type parsers, buffers): pass on what it says.
  const onError = options.onError ?? (() => undefined);
  pool.on('error', (error) =>
    onError(Object.assign(new Error(error.message), { code: (error as { code?: string }).code })),
  );
  // The pool listens only to idle clients. A client held by a request that loses its server between
  // two queries (PostgreSQL restarted mid-transaction) emits 'error' too, and with nobody listening
  // node ends the process — a crash found by `make chaos`. The request meets the error on its next
  // query, and the pool drops the client when it comes back unusable: nothing more to do here.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/** Readiness probe: true when a trivial query succeeds within the pool's connection timeout. */
export async function isDatabaseReachable(db: Db): Promise<boolean> {
  try {
    await db.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}
