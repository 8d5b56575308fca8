// Every effect of an agency happens once per caller key: a second request with the same
// Idempotency-Key gets the first response again and creates nothing. The same key with a different
// body is refused (422). Requests on one key are serialised with a transaction-scoped advisory lock.
import { createHash } from 'node:crypto';
import type { PoolClient } from 'pg';
import type { Db } from '../../../db/pool';

export interface Reply {
  status: number;
  body: Record<string, unknown>;
}

export class IdempotencyConflict extends Error {
  override name = 'IdempotencyConflict';
}

const fingerprint = (body: unknown) =>
  createHash('sha256').update(JSON.stringify(body)).digest('hex');

/**
 * Runs `effect` once for (`schema`, `key`) inside a transaction and records its reply; later calls
 * with the same key replay the recorded reply. A thrown error records nothing, so a retry runs again.
 */
export async function once(
  db: Db,
  schema: string,
  key: string,
  request: unknown,
  effect: (tx: PoolClient) => Promise<Reply>,
): Promise<Reply & { replayed: boolean }> {
  const tx = await db.connect();
  try {
    await tx.query('BEGIN');
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${schema}:${key}`]);
    const found = await tx.query<{
      status: number;
      body: Record<string, unknown>;
      fingerprint: string;
    }>(`SELECT status, body, fingerprint FROM ${schema}.requests WHERE idempotency_key = $1`, [
      key,
    ]);
    const previous = found.rows[0];
    if (previous) {
      await tx.query('COMMIT');
      if (previous.fingerprint !== fingerprint(request)) {
        throw new IdempotencyConflict(`Idempotency-Key ${key} was used with a different request`);
      }
      return { status: previous.status, body: previous.body, replayed: true };
    }
    const reply = await effect(tx);
    await tx.query(
      `INSERT INTO ${schema}.requests (idempotency_key, fingerprint, status, body) VALUES ($1, $2, $3, $4)`,
      [key, fingerprint(request), reply.status, reply.body],
    );
    await tx.query('COMMIT');
    return { ...reply, replayed: false };
  } catch (error) {
    await tx.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    tx.release();
  }
}
