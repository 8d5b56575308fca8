// Rate limits on the public API: per client address and, separately, per bearer token, so one
// identity cannot exhaust a shared address (a one-stop desk's NAT) nor one address many identities.
// The store is in memory: with several API processes, give them a shared store (e.g. Redis).
import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { ApiError } from '../domain/errors';
import { HttpProblem, sendProblem } from './problem';

const tokenOf = (req: Request) => req.get('authorization')?.replace(/^Bearer\s+/i, '');

type Options = Pick<Parameters<typeof rateLimit>[0] & object, 'keyGenerator' | 'skip'>;

function limiter(perMinute: number, options: Options): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (req, res) =>
      sendProblem(
        req,
        res,
        new HttpProblem(
          ApiError.RATE_LIMITED,
          {
            vi: `quá ${perMinute} yêu cầu mỗi phút`,
            en: `more than ${perMinute} requests a minute`,
          },
          {},
          { 'Retry-After': '60' },
        ),
      ),
    ...options,
  });
}

/** Per client address only: for public routes, which have no token to count by. */
export const addressRateLimit = (perMinute: number) =>
  limiter(perMinute, { keyGenerator: (req) => `ip:${ipKeyGenerator(req.ip ?? 'unknown')}` });

export function rateLimits(perMinute: number): RequestHandler[] {
  return [
    addressRateLimit(perMinute),
    limiter(perMinute, {
      skip: (req) => tokenOf(req) === undefined,
      keyGenerator: (req) =>
        `token:${createHash('sha256')
          .update(tokenOf(req) ?? '')
          .digest('hex')}`,
    }),
  ];
}
