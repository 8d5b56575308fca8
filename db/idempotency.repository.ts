// The API's record of replies to POSTs that carried an Idempotency-Key. Written by the API itself:
// it is the API's own bookkeeping, not a procedure's state.
import { z } from 'zod';
import type { Db } from './pool';

const StoredReply = z.object({
  request_hash: z.string(),
  status: z.number(),
  headers: z.record(z.string(), z.string()),
  body: z.unknown(),
  created_at: z.iso.datetime({ offset: true }),
});
export type StoredReply = z.infer<typeof StoredReply>;

export async function findReply(
  db: Db,
  subject: string,
  key: string,
): Promise<StoredReply | undefined> {
  const { rows } = await db.query(
    'SELECT request_hash, status, headers, body, created_at FROM idempotency_keys WHERE subject = $1 AND key = $2',
    [subject, key],
  );
  return rows[0] === undefined ? undefined : StoredReply.parse(rows[0]);
}

/** Keeps a reply; an expired one under the same key is replaced. */
export async function saveReply(
  db: Db,
  subject: string,
  key: string,
  reply: Omit<StoredReply, 'created_at'>,
): Promise<void> {
  await db.query(
    `INSERT INTO idempotency_keys (subject, key, request_hash, status, headers, body)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (subject, key) DO UPDATE
       SET request_hash = EXCLUDED.request_hash, status = EXCLUDED.status,
           headers = EXCLUDED.headers, body = EXCLUDED.body, created_at = now()`,
    [subject, key, reply.request_hash, reply.status, reply.headers, JSON.stringify(reply.body)],
  );
}
