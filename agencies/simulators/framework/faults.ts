// Fault injection, set per agency by tests and chaos runs through the admin endpoints: latency (fixed
// or a random range), an outage window, the next N requests failing with 5xx or 429, random failure
// rates, lost replies (the agency does the work but the caller never hears), and rule-based business
// rejections ("reject when child.fullName equals …"). Every fault injected is counted per agency.
import type { RequestHandler, Response } from 'express';
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

export const FaultConfig = z
  .object({
    latencyMs: z
      .number()
      .int()
      .min(0)
      .max(60_000)
      .default(0)
      .describe('delay before each write; the minimum when latencyMaxMs is set'),
    latencyMaxMs: z
      .number()
      .int()
      .min(0)
      .max(60_000)
      .optional()
      .describe('with latencyMs: each write is delayed uniformly at random between the two'),
    outageUntil: z.iso.datetime({ offset: true }).optional(),
    fail5xx: z.number().int().min(0).default(0).describe('the next N requests answer 503'),
    fail429: z.number().int().min(0).default(0).describe('the next N requests answer 429'),
    errorRate: z.number().min(0).max(1).default(0).describe('share of writes answering 500'),
    tooManyRate: z.number().min(0).max(1).default(0).describe('share of writes answering 429'),
    lostReplyRate: z
      .number()
      .min(0)
      .max(1)
      .default(0)
      .describe('share of writes the agency performs and commits, but whose reply becomes a 502'),
    rules: z.array(FaultRule).default([]),
  })
  .refine((c) => c.latencyMaxMs === undefined || c.latencyMaxMs >= c.latencyMs, {
    path: ['latencyMaxMs'],
    message: 'must be at least latencyMs',
  });
export type FaultConfig = z.infer<typeof FaultConfig>;

export const FAULT_KINDS = ['5xx', '429', 'outage', 'lostReply', 'delayed'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
/** Writes seen by the fault layer of one agency, and how many of them each kind of fault hit. */
export type FaultStats = { requests: number } & Record<FaultKind, number>;

const noStats = (): FaultStats => ({
  requests: 0,
  '5xx': 0,
  '429': 0,
  outage: 0,
  lostReply: 0,
  delayed: 0,
});

function valueAt(body: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined,
      body,
    );
}

/**
 * Lets the agency's handler run and commit, then swaps whatever it answers (reply or error) for a 502,
 * as when a gateway drops the connection after the work is done. The caller must retry with the same
 * Idempotency-Key and get the recorded reply, never a second record.
 */
function loseReply(res: Response): void {
  const { json, send } = res;
  let lost = false;
  const replace = (): Response => {
    // express's res.json calls res.send: restore both first, so the 502 itself goes out unchanged.
    res.json = json;
    res.send = send;
    if (lost) return res;
    lost = true;
    return res
      .status(502)
      .type('application/problem+json')
      .send(
        JSON.stringify({
          title: 'Bad Gateway',
          status: 502,
          code: 'SIMULATOR.LOST_REPLY',
          detail: 'the reply was lost on the way back (injected)',
        }),
      );
  };
  res.json = replace;
  res.send = replace;
}

/** Holds each agency's faults; `middleware(agency)` applies them before the agency's own handlers. */
export class FaultInjector {
  private readonly configs = new Map<string, FaultConfig>();
  private readonly counters = new Map<string, FaultStats>();
  private readonly random: () => number;
  private readonly wait: (ms: number) => Promise<void>;

  /**
   * `random` (tests): the source of every random draw, uniform in [0, 1).
   * `wait` (tests): how a delay is waited out; a real timer by default.
   */
  constructor(options: { random?: () => number; wait?: (ms: number) => Promise<void> } = {}) {
    this.random = options.random ?? Math.random;
    this.wait = options.wait ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** Unset fields take their defaults (no fault). Counters are kept. */
  set(agency: string, config: z.input<typeof FaultConfig>): void {
    this.configs.set(agency, FaultConfig.parse(config));
  }

  /** Removes the agency's faults; its counters are kept (see resetStats). */
  clear(agency: string): void {
    this.configs.delete(agency);
  }

  get(agency: string): FaultConfig | undefined {
    return this.configs.get(agency);
  }

  /** Counters of every agency that has seen a write since the last reset. */
  stats(): Record<string, FaultStats> {
    return Object.fromEntries([...this.counters].map(([agency, s]) => [agency, { ...s }]));
  }

  resetStats(): void {
    this.counters.clear();
  }

  private count(agency: string, kind: FaultKind | 'requests'): void {
    const stats = this.counters.get(agency) ?? noStats();
    stats[kind] += 1;
    this.counters.set(agency, stats);
  }

  private latency(config: FaultConfig): number {
    const max = config.latencyMaxMs ?? config.latencyMs;
    return Math.round(config.latencyMs + (max - config.latencyMs) * this.random());
  }

  middleware(agency: string): RequestHandler {
    return async (req, res, next) => {
      const config = this.configs.get(agency);
      if (!config || req.method === 'GET') return next();
      this.count(agency, 'requests');
      const delay = this.latency(config);
      if (delay > 0) {
        this.count(agency, 'delayed');
        await this.wait(delay);
      }
      if (config.outageUntil && Date.now() < Date.parse(config.outageUntil)) {
        this.count(agency, 'outage');
        return void res
          .status(503)
          .json({ code: 'SIMULATOR.OUTAGE', reason: 'agency system down' });
      }
      if (config.fail5xx > 0) {
        config.fail5xx -= 1;
        this.count(agency, '5xx');
        return void res
          .status(503)
          .json({ code: 'SIMULATOR.INJECTED_5XX', reason: 'injected failure' });
      }
      if (config.fail429 > 0) {
        config.fail429 -= 1;
        this.count(agency, '429');
        return void res
          .status(429)
          .set('Retry-After', '1')
          .json({ code: 'SIMULATOR.RATE_LIMITED' });
      }
      if (this.random() < config.errorRate) {
        this.count(agency, '5xx');
        return void res
          .status(500)
          .json({ code: 'SIMULATOR.RANDOM_5XX', reason: 'injected failure' });
      }
      if (this.random() < config.tooManyRate) {
        this.count(agency, '429');
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
      if (this.random() < config.lostReplyRate) {
        this.count(agency, 'lostReply');
        loseReply(res);
      }
      next();
    };
  }
}
