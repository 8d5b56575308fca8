// OpenAPI 3.1, generated from the same route list and zod schemas that validate requests.
import {
  OpenAPIRegistry,
  OpenApiGeneratorV31,
  type RouteConfig,
} from '@asteasolutions/zod-to-openapi';
import type { RouteDefinition } from './route';
import { problemResponse as problem } from './schemas/problem.schemas';

export function buildOpenApiDocument(routes: readonly RouteDefinition[], version: string) {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'Claims: sub, role, and agency / jurisdiction / pin as the role requires.',
  });
  for (const route of routes) {
    const secured = route.access !== 'public';
    const responses: RouteConfig['responses'] = {
      ...route.responses,
      ...(route.request && { 400: problem('Invalid request: every issue is listed in `errors`.') }),
      ...(secured && {
        401: problem('Missing, expired or invalid bearer token.'),
        403: problem('The caller’s role may not do this.'),
      }),
      500: problem('Unexpected error; the detail is logged, not returned.'),
      503: problem('A dependency is unreachable; retry after `Retry-After` seconds.'),
    };
    registry.registerPath({
      method: route.method,
      path: route.path,
      operationId: route.operationId,
      summary: route.summary,
      ...(route.description && { description: route.description }),
      tags: route.tags,
      ...(secured && { security: [{ [bearer.name]: [] }] }),
      request: {
        ...(route.request?.params && { params: route.request.params as never }),
        ...(route.request?.query && { query: route.request.query as never }),
        ...(route.request?.body && {
          body: { required: true, content: { 'application/json': { schema: route.request.body } } },
        }),
      },
      responses,
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Liên thông API',
      version,
      description:
        'Thủ tục hành chính liên thông điện tử — one application, several agencies, one case to follow.',
    },
    servers: [{ url: '/' }],
  });
}
