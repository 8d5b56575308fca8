// Idempotency-Key on POSTs that change something. The key is reserved before the work (a pending row,
// inserted with ON CONFLICT DO NOTHING), so of two requests under one key only one runs:
//
// - the same request again: waits (bounded) for the first one's reply and replays it, or, when the
//   first one failed and gave the key back, runs itself;
// - another request under the key (another method, path or body): 422, whether the first one is
//   still running or answered long ago (within the time to live);
// - a reservation left by an API process that died keeps the key for a lease, then the same request
//   takes it over; the workflows' own request ids make the second run find the first one's effect.
//
// Only successful replies are kept. A failed request (4xx, 5xx, thrown) releases its reservation, so
// a retry can run; replies are purged after their time to live (api/idempotency-purge.ts).
import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Request } from 'express';
import {
  completeKey,
  findKey,
  releaseKey,
  reserveKey,
  takeOverKey,
} from '../db/idempotency.repository';
import type { Db } from '../db/pool';
import { ApiError } from '../domain/errors';
import type { Principal } from '../domain/principal';
import { HttpProblem, validationProblem } from './problem';

const IDEMPOTENCY_KEY = /^[\w.:-]{8,200}$/;

/** What of a route's reply is kept and replayed (api/route.ts Reply, without importing it back). */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface IdempotencySettings {
  /** How long a kept reply is replayed (and the key refused for another request). */
  ttlMs: number;
  /** How long a concurrent request with the same key waits for the first one's reply. */
  waitMs: number;
  /**
   * How long a reservation holds without a reply before the same request may take it over: longer
   * than any request runs (a person's action waits at most 30 s for its outcome, action-requests.ts).
   */
  leaseMs: number;
}

export const DEFAULT_IDEMPOTENCY: IdempotencySettings = {
  ttlMs: 24 * 3_600_000,
  waitMs: 10_000,
  leaseMs: 45_000,
};

const FIRST_PAUSE_MS = 10;
const LONGEST_PAUSE_MS = 200;

/** The reply of `handle`, run at most once per caller and key while the reply is kept. */
export async function withIdempotency(
  db: Db,
  settings: IdempotencySettings,
  req: Request,
  principal: Principal | undefined,
  handle: () => Promise<Reply>,
): Promise<Reply> {
  const key = req.get('idempotency-key');
  if (key === undefined) return handle();
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw validationProblem([
      { in: 'headers', pointer: '/idempotency-key', detail: '8–200 letters, digits, . _ : -' },
    ]);
  }
  const subject = principal?.sub ?? 'anonymous';
  const hash = createHash('sha256')
    .update(`${req.method} ${req.path}\n${JSON.stringify(req.body ?? null)}`)
    .digest('hex');
  const owner = randomUUID();
  const run = () => runReserved(db, subject, key, owner, handle);
  const until = Date.now() + settings.waitMs;
  for (let pause = FIRST_PAUSE_MS; ; pause = Math.min(pause * 2, LONGEST_PAUSE_MS)) {
    if (await reserveKey(db, subject, key, hash, owner)) return run();
    const entry = await findKey(db, subject, key);
    // Gone between the two statements (released by a failed request, or purged): reserve again.
    if (entry) {
      const kept = entry.status !== null;
      const lapsed = kept ? entry.age_ms >= settings.ttlMs : entry.age_ms >= settings.leaseMs;
      if (!(kept && lapsed) && entry.request_hash !== hash)
        throw new HttpProblem(ApiError.IDEMPOTENCY_KEY_REUSED, {
          vi: 'Idempotency-Key này đã được dùng cho một yêu cầu khác',
          en: 'this Idempotency-Key was used with a different request',
        });
      if (kept && !lapsed) return replay(entry.status as number, entry.headers, entry.body);
      if (lapsed && (await takeOverKey(db, subject, key, hash, owner, settings))) return run();
    }
    if (Date.now() >= until) {
      throw new HttpProblem(
        ApiError.UNAVAILABLE,
        {
          vi: 'một yêu cầu với Idempotency-Key này đang được thực hiện; gửi lại với cùng khóa để nhận kết quả',
          en: 'a request with this Idempotency-Key is still being carried out; send it again with the same key for its reply',
        },
        {},
        { 'Retry-After': '2' },
      );
    }
    await sleep(pause);
  }
}

function replay(status: number, headers: Record<string, string> | null, body: unknown): Reply {
  return {
    status,
    headers: { ...headers, 'Idempotent-Replayed': 'true' },
    ...(body !== null && { body }),
  };
}

/** Runs the request that holds the key: keeps a successful reply, gives the key back otherwise. */
async function runReserved(
  db: Db,
  subject: string,
  key: string,
  owner: string,
  handle: () => Promise<Reply>,
): Promise<Reply> {
  let reply: Reply;
  try {
    reply = await handle();
  } catch (error) {
    // The request's own failure is the answer; a key the database could not release lapses with
    // its lease instead.
    await releaseKey(db, subject, key, owner).catch(() => undefined);
    throw error;
  }
  if (reply.status < 300) {
    const stored = { status: reply.status, headers: reply.headers ?? {}, body: reply.body };
    await completeKey(db, subject, key, owner, stored);
  } else {
    await releaseKey(db, subject, key, owner);
  }
  return reply;
}
