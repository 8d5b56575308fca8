// The API's record of requests that carried an Idempotency-Key: first a reservation (a pending row
// naming the request that holds it), then the reply to replay. Written by the API itself: it is the
// API's own bookkeeping, not a procedure's state. Every time is the database's own clock, so API
// processes whose clocks disagree still agree on what has expired.
import { z } from 'zod';
import { deleteInBatches, type Db } from './pool';

const KeyEntry = z.object({
  request_hash: z.string(),
  /** Null while the key is reserved and its request still running. */
  status: z.number().nullable(),
  headers: z.record(z.string(), z.string()).nullable(),
  body: z.unknown(),
  /** Milliseconds since the reservation (pending) or since the reply was kept. */
  age_ms: z.coerce.number(),
});
export type KeyEntry = z.infer<typeof KeyEntry>;

export interface StoredReply {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export async function findKey(db: Db, subject: string, key: string): Promise<KeyEntry | undefined> {
  const { rows } = await db.query(
    `SELECT request_hash, status, headers, body,
            (EXTRACT(EPOCH FROM clock_timestamp() - created_at) * 1000)::float8 AS age_ms
       FROM idempotency_keys WHERE subject = $1 AND key = $2`,
    [subject, key],
  );
  return rows[0] === undefined ? undefined : KeyEntry.parse(rows[0]);
}

/** Reserves the key for the request `owner`; false when the key has a row already. */
export async function reserveKey(
  db: Db,
  subject: string,
  key: string,
  requestHash: string,
  owner: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO idempotency_keys (subject, key, request_hash, owner, created_at)
     VALUES ($1, $2, $3, $4, clock_timestamp())
     ON CONFLICT (subject, key) DO NOTHING`,
    [subject, key, requestHash, owner],
  );
  return rowCount === 1;
}

/**
 * Takes the key over for `owner` when its row has lapsed: a reply older than `ttlMs` (the key may be
 * used afresh, with any request), or a reservation older than `leaseMs` for this same request (its
 * holder died before it could answer). Of several requests racing for it, one wins.
 */
export async function takeOverKey(
  db: Db,
  subject: string,
  key: string,
  requestHash: string,
  owner: string,
  { ttlMs, leaseMs }: { ttlMs: number; leaseMs: number },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE idempotency_keys
        SET request_hash = $3, owner = $4, status = NULL, headers = NULL, body = NULL,
            created_at = clock_timestamp()
      WHERE subject = $1 AND key = $2
        AND ((status IS NOT NULL AND created_at < clock_timestamp() - make_interval(secs => $5))
          OR (status IS NULL AND request_hash = $3
              AND created_at < clock_timestamp() - make_interval(secs => $6)))`,
    [subject, key, requestHash, owner, ttlMs / 1000, leaseMs / 1000],
  );
  return rowCount === 1;
}

/** Keeps the reply of the request that holds the key; false when it no longer holds it. */
export async function completeKey(
  db: Db,
  subject: string,
  key: string,
  owner: string,
  reply: StoredReply,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE idempotency_keys
        SET status = $4, headers = $5, body = $6, created_at = clock_timestamp()
      WHERE subject = $1 AND key = $2 AND owner = $3 AND status IS NULL`,
    [subject, key, owner, reply.status, reply.headers, JSON.stringify(reply.body ?? null)],
  );
  return rowCount === 1;
}

/** Gives up the reservation of a request that failed, so that a retry can run. */
export async function releaseKey(db: Db, subject: string, key: string, owner: string) {
  await db.query(
    'DELETE FROM idempotency_keys WHERE subject = $1 AND key = $2 AND owner = $3 AND status IS NULL',
    [subject, key, owner],
  );
}

/**
 * Deletes replies older than `ttlMs` and reservations older than both `ttlMs` and `leaseMs` (their
 * holders died), at most `batch` rows per statement so one purge never holds many locks at once.
 * Answers how many rows went.
 */
export async function purgeExpiredKeys(
  db: Db,
  { ttlMs, leaseMs, batch = 5_000 }: { ttlMs: number; leaseMs: number; batch?: number },
): Promise<number> {
  return deleteInBatches(
    db,
    `DELETE FROM idempotency_keys WHERE ctid IN (
       SELECT ctid FROM idempotency_keys
        WHERE created_at < clock_timestamp() - make_interval(secs => $1)
          AND (status IS NOT NULL OR created_at < clock_timestamp() - make_interval(secs => $2))
        LIMIT $3)`,
    [ttlMs / 1000, Math.max(ttlMs, leaseMs) / 1000],
    batch,
  );
}
