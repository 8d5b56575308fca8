// Prometheus metrics, one registry per app so tests can build several apps in one process.
import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { STUCK_REASONS, type StuckReason } from '../domain/stuck-cases';

export interface Metrics {
  registry: Registry;
  middleware: RequestHandler;
}

export interface MetricSources {
  /** Stuck cases per reason, read when scraped. */
  stuckCases?: () => Promise<Record<StuckReason, number>>;
  /** Told when a source fails; the scrape still answers, without that metric. */
  onError?: (error: unknown) => void;
}

export function createMetrics(sources: MetricSources = {}): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'lien_thong_api_' });
  const duration = new Histogram({
    name: 'lien_thong_http_request_duration_seconds',
    help: 'HTTP request duration by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const { stuckCases, onError } = sources;
  if (stuckCases) {
    // Computed on scrape from the read model, not by a scan of its own: three indexed reads
    // (overdue open cases, refused projections, the workflow tasks the background scan found
    // failing — api/stuck-scan.ts), so a scrape never calls Temporal and costs milliseconds.
    new Gauge({
      name: 'lien_thong_stuck_cases',
      help: 'Cases stuck, by reason (GET /v1/ops/stuck-cases lists them)',
      labelNames: ['reason'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        try {
          const counts = await stuckCases();
          for (const reason of STUCK_REASONS) this.set({ reason }, counts[reason]);
        } catch (error) {
          onError?.(error);
        }
      },
    });
  }
  const middleware: RequestHandler = (req, res, next) => {
    const end = duration.startTimer();
    res.once('finish', () => {
      // The route template, not the URL: ids in paths would explode the label set.
      const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
      end({ method: req.method, route: `${req.baseUrl}${route}`, status: res.statusCode });
    });
    next();
  };
  return { registry, middleware };
}
