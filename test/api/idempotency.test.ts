// Idempotency-Key on POSTs, against the real table: the same key and body replay the first reply, a
// different body is refused, and an expired key starts afresh.
import type { Client } from '@temporalio/client';
import pino from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Express } from 'express';
import { createApp } from '../../api/app';
import { ADMIN, testAuthenticator, tokenFor } from '../support/auth';
import { createTestDatabase, type TestDatabase } from '../support/database';

let database: TestDatabase;
let app: Express;
const start = vi.fn().mockResolvedValue({});

beforeAll(async () => {
  database = await createTestDatabase();
  app = createApp({
    temporal: { workflow: { start } } as unknown as Client,
    db: database.db,
    authenticate: testAuthenticator,
    logger: pino({ level: 'silent' }),
    readiness: () => Promise.resolve({}),
    communes: new Map(),
    idempotencyTtlMs: 60 * 60_000,
  });
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

describe('Idempotency-Key', () => {
  it('when the same key and body come again, then the first reply is replayed and nothing starts twice', async () => {
    start.mockClear();
    const first = await post('key-replay-0001');
    const second = await post('key-replay-0001');
    expect(second.status).toBe(202);
    expect(second.body).toEqual(first.body);
    expect(second.headers.location).toBe(first.headers.location);
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('when the same key comes with another body, then 422 and nothing starts', async () => {
    await post('key-conflict-0001');
    start.mockClear();
    const reused = await post('key-conflict-0001', { note: 'different' });
    expect(reused.status).toBe(422);
    expect(start).not.toHaveBeenCalled();
  });

  it('when the key is older than its time to live, then it is treated as new', async () => {
    const first = await post('key-expired-0001');
    await database.db.query(
      `UPDATE idempotency_keys SET created_at = now() - interval '2 hours' WHERE key = 'key-expired-0001'`,
    );
    const later = await post('key-expired-0001');
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
