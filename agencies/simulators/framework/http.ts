// What every simulated agency shares: input validation with zod, the caller's Idempotency-Key, and one
// error handler, so the simulators answer like real services (400 with the issues, never a stack).
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import type { PoolClient } from 'pg';
import type { z } from 'zod';
import type { Logger } from '../../../config/logger';
import type { Db } from '../../../db/pool';
import { IdempotencyConflict, once, type Reply } from './idempotency';

export class SimulatorError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(typeof body.code === 'string' ? body.code : `simulator error ${status}`);
  }
}

/** Parses a request body (or any request value) or answers 400 listing every issue. */
export function parseBody<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  return parseValue(schema, req.body);
}

export function parseValue<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new SimulatorError(400, {
    code: 'SIMULATOR.INVALID_REQUEST',
    issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  });
}

export function idempotencyKey(req: Request): string {
  const key = req.get('idempotency-key');
  if (!key || key.length > 300) {
    throw new SimulatorError(400, { code: 'SIMULATOR.IDEMPOTENCY_KEY_REQUIRED' });
  }
  return key;
}

export const simulatorErrors =
  (log: Logger): ErrorRequestHandler =>
  (error: unknown, _req, res, next) => {
    if (res.headersSent) return next(error);
    if (error instanceof SimulatorError) return void res.status(error.status).json(error.body);
    if (error instanceof IdempotencyConflict) {
      return void res
        .status(422)
        .json({ code: 'SIMULATOR.IDEMPOTENCY_KEY_REUSED', reason: error.message });
    }
    if ((error as { type?: string }).type === 'entity.parse.failed') {
      return void res.status(400).json({ code: 'SIMULATOR.INVALID_JSON' });
    }
    log.error({ err: error }, 'simulator error');
    res.status(500).json({ code: 'SIMULATOR.INTERNAL' });
  };

/**
 * A POST whose effect happens once per Idempotency-Key: `prepare` validates the request and names the
 * effect; the reply is recorded and replayed (see idempotency.ts).
 */
export function idempotentPost(
  db: Db,
  schema: string,
  prepare: (
    req: Request,
    key: string,
  ) => { request: unknown; effect: (tx: PoolClient) => Promise<Reply> },
): RequestHandler {
  return async (req, res) => {
    const key = idempotencyKey(req);
    const { request, effect } = prepare(req, key);
    const reply = await once(db, schema, key, request, effect);
    res.status(reply.status).json(reply.body);
  };
}
