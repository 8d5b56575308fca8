import { z } from 'zod';
import { jsonContent } from '../schemas/content';
import { defineRoute, type RouteDefinition } from '../route';
import type { ApiDeps } from '../deps';
import type { Registry } from 'prom-client';

const Readiness = z
  .object({
    status: z.enum(['ready', 'not_ready']),
    checks: z.record(z.string(), z.enum(['up', 'down'])).describe('each dependency'),
  })
  .meta({
    id: 'Readiness',
    examples: [{ status: 'ready', checks: { temporal: 'up', database: 'up', uploads: 'up' } }],
  });

const Liveness = z
  .object({ status: z.literal('ok') })
  .meta({ id: 'Liveness', examples: [{ status: 'ok' }] });

export function healthRoutes(deps: ApiDeps, metrics: Registry): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/healthz',
      operationId: 'getLiveness',
      summary: 'liveness: the process answers',
      tags: ['operations'],
      access: 'public',
      responses: {
        200: {
          description: 'alive',
          content: jsonContent(Liveness),
        },
      },
      handle: () => ({ status: 200, body: { status: 'ok' } }),
    }),
    defineRoute({
      method: 'get',
      path: '/readyz',
      operationId: 'getReadiness',
      summary: 'readiness: Temporal, PostgreSQL and the uploads’ store reachable',
      tags: ['operations'],
      access: 'public',
      responses: {
        200: { description: 'ready', content: jsonContent(Readiness) },
        503: { description: 'not ready', content: jsonContent(Readiness) },
      },
      handle: async () => {
        const checks = await deps.readiness();
        const ready = Object.values(checks).every((c) => c === 'up');
        return {
          status: ready ? 200 : 503,
          body: { status: ready ? 'ready' : 'not_ready', checks },
          ...(!ready && { headers: { 'Retry-After': '5' } }),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/metrics',
      operationId: 'getMetrics',
      summary: 'Prometheus metrics',
      tags: ['operations'],
      access: 'public',
      responses: {
        200: {
          description: 'Prometheus text format',
          content: {
            'text/plain': {
              schema: z.string().meta({
                example:
                  '# HELP lien_thong_http_request_duration_seconds HTTP request duration\n' +
                  '# TYPE lien_thong_http_request_duration_seconds histogram\n',
              }),
            },
          },
        },
      },
      handle: async () => ({
        status: 200,
        body: await metrics.metrics(),
        contentType: metrics.contentType,
      }),
    }),
  ];
}
