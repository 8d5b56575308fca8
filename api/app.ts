// createApp(deps) builds the Express app without listening (STYLE rule 25); server.ts listens.
import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import { ApiError } from '../domain/errors';
import type { Registry } from 'prom-client';
import type { ApiDeps } from './deps';
import { createMetrics } from './metrics';
import { addressRateLimit, rateLimits } from './rate-limit';
import { buildOpenApiDocument } from './openapi';
import { errorMiddleware, HttpProblem, sendProblem } from './problem';
import { mountRoutes, type RouteDefinition } from './route';
import { healthRoutes } from './routes/health.routes';
import { auditRoutes } from './routes/audit.routes';
import { caseRoutes } from './routes/cases.routes';
import { deathCaseRoutes } from './routes/death-cases.routes';
import { documentRoutes } from './routes/documents.routes';
import { selfCheckRoutes } from './routes/self-checks.routes';
import { taskRoutes } from './routes/tasks.routes';
import { assignmentRoutes } from './routes/assignment.routes';
import { opsRoutes } from './routes/ops.routes';
import { delegationRoutes } from './routes/delegations.routes';
import { applicationRoutes } from './routes/application.routes';
import { officerRoutes } from './routes/officers.routes';
import { peopleRoutes } from './routes/people.routes';
import { reportRoutes } from './routes/reports.routes';
import { annulmentRoutes } from './routes/annulment.routes';
import { calendarRoutes } from './routes/calendar.routes';
import { uploadRoutes } from './routes/uploads.routes';
import { CODEC_BODY_LIMIT, CODEC_PATH, codecCors, codecRoutes } from './routes/codec.routes';
import { stuckCaseCounts } from '../db/queries/stuck-cases.queries';
import { DEFAULT_STUCK_SETTINGS } from './stuck-scan';
import { developmentTokens, signInProvider, webPages } from './web';

const REQUEST_ID = /^[\w.:-]{1,128}$/;
export const API_VERSION = '1.0.0';

/** Every endpoint of the API, each with who may call it: the one table routes, docs and tests use. */
export function apiRoutes(deps: ApiDeps, metrics: Registry): RouteDefinition[] {
  return [
    ...healthRoutes(deps, metrics),
    ...selfCheckRoutes(deps),
    ...caseRoutes(deps),
    ...deathCaseRoutes(deps),
    ...documentRoutes(deps),
    ...applicationRoutes(deps),
    ...uploadRoutes(deps),
    ...annulmentRoutes(deps),
    ...taskRoutes(deps),
    ...assignmentRoutes(deps),
    ...officerRoutes(deps),
    ...delegationRoutes(deps),
    ...peopleRoutes(deps),
    ...reportRoutes(deps),
    ...calendarRoutes(deps),
    ...auditRoutes(deps),
    ...opsRoutes(deps),
    ...codecRoutes(deps),
  ];
}

export function createApp(deps: ApiDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // Security headers (CSP, nosniff, frame and referrer policies); /docs needs nothing from elsewhere,
  // the pages only the identity provider they exchange a sign-in's code with.
  const signIn = deps.signIn ?? signInProvider();
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { connectSrc: ["'self'", ...(signIn ? [new URL(signIn.issuer).origin] : [])] },
      },
    }),
  );
  app.set('query parser', 'simple');
  const metrics = createMetrics({
    stuckCases: () =>
      stuckCaseCounts(
        deps.db,
        deps.stuckDeadlineMarginHours ?? DEFAULT_STUCK_SETTINGS.deadlineMarginHours,
      ),
    onError: (error) => deps.logger.warn({ err: error }, 'stuck-case counts unavailable'),
  });

  app.use(
    pinoHttp({
      logger: deps.logger,
      // Reuse a caller's (or gateway's) request id when it is well-formed, else mint one.
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      // Log the route, never the query string: it may carry search terms about people.
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split('?')[0],
        }),
      },
    }),
  );
  app.use(metrics.middleware);
  // Before the rate limits, so the Web UI can read a 429 too; preflights end here.
  app.use(CODEC_PATH, codecCors(deps.codecCorsOrigins ?? []));
  if (deps.rateLimitPerMinute !== undefined) app.use('/v1', ...rateLimits(deps.rateLimitPerMinute));
  // Public and unauthenticated: a code is guessed only as fast as this lets anyone try.
  if (deps.verifyRateLimitPerMinute !== undefined)
    app.use('/verify', addressRateLimit(deps.verifyRateLimitPerMinute));
  const json = ['application/json', 'application/*+json'];
  // The codec endpoint's batches of payloads are larger than any other body (parsed once: the
  // parser below skips a body already read).
  app.use(CODEC_PATH, express.json({ limit: CODEC_BODY_LIMIT, type: json }));
  app.use(express.json({ limit: '256kb', type: json }));

  const routes = apiRoutes(deps, metrics.registry);
  const openapi = buildOpenApiDocument(routes, API_VERSION);
  app.get('/openapi.json', (_req, res) => void res.json(openapi));
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(undefined, { swaggerUrl: '/openapi.json' }));
  app.use(mountRoutes(routes, deps));
  // The pages, and development sign-in where allowed: outside /v1, so not in the OpenAPI document.
  app.use(webPages({ communes: deps.communes, devTokens: developmentTokens(), signIn }));

  app.use((req, res) =>
    sendProblem(
      req,
      res,
      new HttpProblem(ApiError.NOT_FOUND, {
        vi: `không có địa chỉ ${req.method} ${req.path}`,
        en: `no route ${req.method} ${req.path}`,
      }),
    ),
  );
  app.use(errorMiddleware(deps.logger));
  return app;
}
