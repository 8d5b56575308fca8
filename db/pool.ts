import pg from 'pg';

// timestamptz arrives as an ISO-8601 string, so rows parse with zod and serialise to JSON unchanged.
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, (value) => new Date(value).toISOString());

export type Db = pg.Pool;

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
  pool.on('error', options.onError ?? (() => undefined));
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
