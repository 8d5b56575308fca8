// Fault injection, set per agency by tests through the admin endpoints: latency, an outage window,
// the next N requests failing with 5xx or 429, random failure rates (chaos runs), and rule-based
// business rejections ("reject when child.fullName equals …").
import type { RequestHandler } from 'express';
import { z } from 'zod';

export const FaultRule = z.object({
  /** Dotted path into the request body, e.g. `address.line`. */
  path: z.string().min(1),
  equals: z.unknown(),
  status: z.number().int().min(400).max(599),
  body: z.record(z.string(), z.unknown()),
  /** How many matching requests the rule answers before it lapses; unset → for good. */
  times: z.number().int().min(1).optional(),
});

export const FaultConfig = z.object({
  latencyMs: z.number().int().min(0).max(60_000).default(0),
  outageUntil: z.iso.datetime({ offset: true }).optional(),
  fail5xx: z.number().int().min(0).default(0).describe('the next N requests answer 503'),
  fail429: z.number().int().min(0).default(0).describe('the next N requests answer 429'),
  errorRate: z.number().min(0).max(1).default(0),
  tooManyRate: z.number().min(0).max(1).default(0),
  rules: z.array(FaultRule).default([]),
});
export type FaultConfig = z.infer<typeof FaultConfig>;

function valueAt(body: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined,
      body,
    );
}

/** Holds each agency's faults; `middleware(agency)` applies them before the agency's own handlers. */
export class FaultInjector {
  private readonly configs = new Map<string, FaultConfig>();

  /** Unset fields take their defaults (no fault). */
  set(agency: string, config: z.input<typeof FaultConfig>): void {
    this.configs.set(agency, FaultConfig.parse(config));
  }

  clear(agency: string): void {
    this.configs.delete(agency);
  }

  get(agency: string): FaultConfig | undefined {
    return this.configs.get(agency);
  }

  middleware(agency: string): RequestHandler {
    return async (req, res, next) => {
      const config = this.configs.get(agency);
      if (!config || req.method === 'GET') return next();
      if (config.latencyMs > 0) await new Promise((r) => setTimeout(r, config.latencyMs));
      if (config.outageUntil && Date.now() < Date.parse(config.outageUntil)) {
        return void res
          .status(503)
          .json({ code: 'SIMULATOR.OUTAGE', reason: 'agency system down' });
      }
      if (config.fail5xx > 0) {
        config.fail5xx -= 1;
        return void res
          .status(503)
          .json({ code: 'SIMULATOR.INJECTED_5XX', reason: 'injected failure' });
      }
      if (config.fail429 > 0) {
        config.fail429 -= 1;
        return void res
          .status(429)
          .set('Retry-After', '1')
          .json({ code: 'SIMULATOR.RATE_LIMITED' });
      }
      if (Math.random() < config.errorRate) {
        return void res
          .status(500)
          .json({ code: 'SIMULATOR.RANDOM_5XX', reason: 'injected failure' });
      }
      if (Math.random() < config.tooManyRate) {
        return void res
          .status(429)
          .set('Retry-After', '1')
          .json({ code: 'SIMULATOR.RATE_LIMITED' });
      }
      const rule = config.rules.find((r) => valueAt(req.body, r.path) === r.equals);
      if (rule) {
        if (rule.times !== undefined && --rule.times === 0)
          config.rules.splice(config.rules.indexOf(rule), 1);
        return void res.status(rule.status).json(rule.body);
      }
      next();
    };
  }
}
