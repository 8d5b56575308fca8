// Idempotency-Key on POSTs, against the real table (as the application's least-privilege role): the
// key is reserved before the work, the same key and body replay the first reply (waiting for it when
// the first request is still running), a different body is refused, a failed request gives the key
// back, an expired key starts afresh, and the purge job deletes what has outlived its time to live.
import type { Client } from '@temporalio/client';
import pino from 'pino';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Express } from 'express';
import { createApp } from '../../api/app';
import { createIdempotencyPurger } from '../../api/idempotency-purge';
import { ADMIN, testAuthenticator, tokenFor } from '../support/auth';
import { createTestDatabase, type TestDatabase } from '../support/database';

let database: TestDatabase;
let app: Express;
const start = vi.fn();
const TTL_MS = 60 * 60_000;
const LEASE_MS = 45_000;

beforeAll(async () => {
  database = await createTestDatabase();
  app = createApp({
    temporal: { workflow: { start } } as unknown as Client,
    db: database.appDb,
    authenticate: testAuthenticator,
    logger: pino({ level: 'silent' }),
    readiness: () => Promise.resolve({}),
    communes: new Map(),
    idempotencyTtlMs: TTL_MS,
    idempotency: { waitMs: 500, leaseMs: LEASE_MS },
  });
});
afterEach(() => {
  start.mockReset();
  start.mockResolvedValue({});
});
afterAll(async () => {
  await database?.drop();
});

const post = async (key: string, body: object = {}) =>
  request(app)
    .post('/v1/self-checks')
    .set('Authorization', `Bearer ${await tokenFor(ADMIN)}`)
    .set('Idempotency-Key', key)
    .send(body);

/** A start that stays under way until `finish` is called (or fails with `fail`). */
function heldStart() {
  let finish = () => undefined as void;
  let fail = (_error: Error) => undefined as void;
  const begun = new Promise<void>((begin) => {
    start.mockImplementationOnce(
      () =>
        new Promise((resolve, reject) => {
          finish = () => resolve({});
          fail = reject;
          begin();
        }),
    );
  });
  return { begun, finish: () => finish(), fail: (error: Error) => fail(error) };
}

const rowsOf = async (key: string) =>
  (
    await database.db.query<{ status: number | null }>(
      'SELECT status FROM idempotency_keys WHERE key = $1',
      [key],
    )
  ).rows;

describe('Idempotency-Key', () => {
  it('when the same key and body come again, then the first reply is replayed and nothing starts twice', async () => {
    start.mockResolvedValue({});
    const first = await post('key-replay-0001');
    const second = await post('key-replay-0001');
    expect(second.status).toBe(202);
    expect(second.body).toEqual(first.body);
    expect(second.headers.location).toBe(first.headers.location);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('when the same key comes with another body, then 422 problem+json in Vietnamese or English and nothing starts', async () => {
    start.mockResolvedValue({});
    await post('key-conflict-0001');
    start.mockClear();
    const reused = await post('key-conflict-0001', { note: 'different' });
    expect(reused.status).toBe(422);
    expect(reused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(reused.body).toMatchObject({
      code: 'API.IDEMPOTENCY_KEY_REUSED',
      title: 'Khóa Idempotency-Key đã được dùng cho một yêu cầu khác',
    });
    const inEnglish = await request(app)
      .post('/v1/self-checks')
      .set('Authorization', `Bearer ${await tokenFor(ADMIN)}`)
      .set('Idempotency-Key', 'key-conflict-0001')
      .set('Accept-Language', 'en')
      .send({ note: 'different' });
    expect(inEnglish.body.title).toBe('This Idempotency-Key was used for a different request');
    expect(start).not.toHaveBeenCalled();
  });

  it('when a second request with the same key and body comes while the first is under way, then it waits and replays the first reply', async () => {
    const held = heldStart();
    const first = post('key-wait-0001').then((r) => r);
    await held.begun;
    const second = post('key-wait-0001').then((r) => r);
    // The second one is waiting on the reservation: the first one's start is the only one.
    await vi.waitFor(async () => expect(await rowsOf('key-wait-0001')).toEqual([{ status: null }]));
    held.finish();
    const [a, b] = await Promise.all([first, second]);
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(b.body).toEqual(a.body);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('when a request with another body comes while the first is under way, then 422 at once and only the first starts', async () => {
    const held = heldStart();
    const first = post('key-busy-0001').then((r) => r);
    await held.begun;
    const other = await post('key-busy-0001', { note: 'different' });
    held.finish();
    expect(other.status).toBe(422);
    expect((await first).status).toBe(202);
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('when the first request is still under way after the wait, then the second gets 503 with Retry-After and may ask again', async () => {
    const held = heldStart();
    const first = post('key-slow-0001').then((r) => r);
    await held.begun;
    const waited = await post('key-slow-0001');
    held.finish();
    expect(waited.status).toBe(503);
    expect(waited.headers['retry-after']).toBeDefined();
    expect((await first).status).toBe(202);
    const again = await post('key-slow-0001');
    expect(again.status).toBe(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('when the first request fails, then its reservation is released and a retry with the same key runs', async () => {
    start.mockRejectedValueOnce(new Error('boom'));
    const failed = await post('key-failed-0001');
    expect(failed.status).toBe(500);
    expect(await rowsOf('key-failed-0001')).toEqual([]);
    const retried = await post('key-failed-0001');
    expect(retried.status).toBe(202);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(start).toHaveBeenCalledTimes(2);
  });

  it('when a request waiting on the key sees the first one fail, then it runs itself', async () => {
    const held = heldStart();
    const first = post('key-handover-0001').then((r) => r);
    await held.begun;
    const second = post('key-handover-0001').then((r) => r);
    await new Promise((r) => setTimeout(r, 50));
    held.fail(new Error('boom'));
    const [a, b] = await Promise.all([first, second]);
    expect(a.status).toBe(500);
    expect(b.status).toBe(202);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(start).toHaveBeenCalledTimes(2);
  });

  it('when a reservation was left by a process that died, then the same request takes it over after the lease, and another body is still refused', async () => {
    await database.db.query(
      `INSERT INTO idempotency_keys (subject, key, request_hash, owner, created_at)
       VALUES ('admin-1', 'key-orphan-0001', 'not-this-request', gen_random_uuid(), now())`,
    );
    expect((await post('key-orphan-0001')).status).toBe(422);
    await database.db.query(
      `UPDATE idempotency_keys SET created_at = now() - interval '1 minute', request_hash = $1
        WHERE key = 'key-orphan-0001'`,
      [await hashOfEmptyPost()],
    );
    const taken = await post('key-orphan-0001');
    expect(taken.status).toBe(202);
    expect(await rowsOf('key-orphan-0001')).toEqual([{ status: 202 }]);
  });

  it('when the key is older than its time to live, then it is treated as new', async () => {
    start.mockResolvedValue({});
    const first = await post('key-expired-0001');
    await database.db.query(
      `UPDATE idempotency_keys SET created_at = now() - interval '2 hours' WHERE key = 'key-expired-0001'`,
    );
    const later = await post('key-expired-0001', { note: 'another request, long after' });
    expect(later.status).toBe(202);
    expect(later.body.checkId).not.toBe(first.body.checkId);
  });

  it('when the key is malformed, then 400 names the header', async () => {
    const response = await post('short');
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      expect.objectContaining({ in: 'headers', pointer: '/idempotency-key' }),
    ]);
  });
});

/** The hash api/idempotency.ts keeps for `post(key)`: read back from a reply it kept. */
async function hashOfEmptyPost(): Promise<string> {
  start.mockResolvedValue({});
  await post('key-hash-probe-0001');
  const { rows } = await database.db.query<{ request_hash: string }>(
    `SELECT request_hash FROM idempotency_keys WHERE key = 'key-hash-probe-0001'`,
  );
  return rows[0]?.request_hash ?? '';
}

describe('createIdempotencyPurger', () => {
  it('when it runs, then replies past their time to live and reservations past it and the lease go, and the rest stay', async () => {
    // Arrange: a fresh reply, an old reply, a fresh reservation, an abandoned old one; a request's
    // outcome recorded now and one recorded past the keys' time to live.
    await database.db.query(
      `INSERT INTO action_outcomes (workflow_id, request_id, state, message, recorded_at)
       VALUES ('purge-wf', 'fresh', 'refused', 'no', now()),
              ('purge-wf', 'old', 'refused', 'no', now() - interval '2 hours')`,
    );
    await database.db.query(
      `INSERT INTO idempotency_keys (subject, key, request_hash, owner, status, headers, body, created_at)
       VALUES ('purge', 'fresh-reply', 'h', NULL, 202, '{}', '{}', now()),
              ('purge', 'old-reply', 'h', NULL, 202, '{}', '{}', now() - interval '2 hours'),
              ('purge', 'fresh-pending', 'h', gen_random_uuid(), NULL, NULL, NULL, now()),
              ('purge', 'old-pending', 'h', gen_random_uuid(), NULL, NULL, NULL, now() - interval '2 hours')`,
    );
    const purger = createIdempotencyPurger({
      db: database.appDb,
      logger: pino({ level: 'silent' }),
      settings: { ttlMs: TTL_MS, leaseMs: LEASE_MS, intervalMs: 60_000 },
    });

    // Act
    const purged = await purger.purgeOnce();

    // Assert
    const { rows } = await database.db.query<{ key: string }>(
      `SELECT key FROM idempotency_keys WHERE subject = 'purge' ORDER BY key`,
    );
    expect(rows.map((r) => r.key)).toEqual(['fresh-pending', 'fresh-reply']);
    const outcomes = await database.db.query<{ request_id: string }>(
      `SELECT request_id FROM action_outcomes WHERE workflow_id = 'purge-wf'`,
    );
    expect(outcomes.rows.map((r) => r.request_id)).toEqual(['fresh']);
    expect(purged).toBeGreaterThanOrEqual(3);
  });

  it('when started and stopped, then it purges at once and stop waits for the purge under way', async () => {
    await database.db.query(
      `INSERT INTO idempotency_keys (subject, key, request_hash, status, headers, body, created_at)
       VALUES ('purge-started', 'old', 'h', 202, '{}', '{}', now() - interval '3 hours')`,
    );
    const running = createIdempotencyPurger({
      db: database.appDb,
      logger: pino({ level: 'silent' }),
      settings: { ttlMs: TTL_MS, leaseMs: LEASE_MS, intervalMs: 60_000 },
    }).start();
    await running.stop();
    const { rowCount } = await database.db.query(
      `SELECT 1 FROM idempotency_keys WHERE subject = 'purge-started'`,
    );
    expect(rowCount).toBe(0);
  });
});
