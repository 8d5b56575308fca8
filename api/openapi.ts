// OpenAPI 3.1, generated from the same route list and zod schemas that validate requests.
// Besides each route's own responses, every route documents the problems the shared machinery can
// answer with (validation, authentication, roles, body parsing, idempotency, rate limits, outages),
// so a client — or a fuzzer — meets no status the document does not name.
import {
  OpenAPIRegistry,
  OpenApiGeneratorV31,
  type ResponseConfig,
  type RouteConfig,
} from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { RouteDefinition } from './route';
import { problemResponse as problem } from './schemas/problem.schemas';

/** The rule api/route.ts applies to the header (`\w` spelled out: in JavaScript it is ASCII only). */
const IdempotencyHeaders = z.object({
  'Idempotency-Key': z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{8,200}$/)
    .optional()
    .describe(
      'Any 8–200 letters, digits, `.`, `_`, `:` or `-`. The same key with the same request within ' +
        'the retention window answers the first reply again (header `Idempotent-Replayed: true`).',
    )
    .meta({ example: 'desk-1-0001' }),
});

const header = (description: string) => ({
  description,
  required: true,
  schema: { type: 'string' as const },
});

/** The problems every route of this shape can answer, whatever its handler does. */
function sharedResponses(route: RouteDefinition): RouteConfig['responses'] {
  const secured = route.access !== 'public';
  const takesInput =
    route.request !== undefined || route.idempotent === true || route.multipart !== undefined;
  const hasBody = route.request?.body !== undefined;
  const hasPathParams = route.path.includes('{');
  const rateLimited = route.path.startsWith('/v1/');
  const retryAfter = (description: string) => ({
    ...problem(description),
    headers: { 'Retry-After': header('seconds to wait before trying again') },
  });
  return {
    ...(takesInput && {
      400: problem(
        'Invalid request: every issue is listed in `errors`' +
          (hasBody ? ' (a body that is not JSON is one issue).' : '.'),
      ),
    }),
    ...(secured && {
      401: {
        ...problem('Missing, expired or invalid bearer token.'),
        headers: { 'WWW-Authenticate': header('`Bearer realm="lien-thong"`') },
      },
      403: problem('The caller’s role may not do this.'),
    }),
    ...(hasPathParams && { 404: problem('Nothing has this id (or the caller may not see it).') }),
    ...(hasBody && {
      413: problem('The body is larger than 256 kB.'),
      415: problem('The body is not `application/json` (or its charset is not supported).'),
    }),
    ...(route.multipart && {
      415: problem('The body is not `multipart/form-data`.'),
    }),
    ...(route.idempotent && {
      422: problem('The `Idempotency-Key` was used before with a different request.'),
    }),
    ...(rateLimited && {
      429: retryAfter('Too many requests from this address or token; retry after `Retry-After`.'),
    }),
    500: problem('Unexpected error; the detail is logged, not returned.'),
    503: retryAfter('A dependency is unreachable; retry after `Retry-After` seconds.'),
  };
}

const plainHeaders = (headers: ResponseConfig['headers']) =>
  headers instanceof z.ZodObject ? undefined : headers;

const isReference = (response: unknown): response is { $ref: string } =>
  typeof response === 'object' && response !== null && '$ref' in response;

/**
 * The route's own responses come first. Where both name a status, the causes add up (a clerk's
 * commune and a role are both 403s) and so do the bodies (readiness JSON or a problem); a route's own
 * 404 says what is missing better than the generic one, and its own 413 names its own body limit.
 */
const OWN_WINS = new Set(['404', '413']);

function mergeResponses(
  shared: RouteConfig['responses'],
  own: RouteConfig['responses'],
): RouteConfig['responses'] {
  const merged: RouteConfig['responses'] = { ...shared };
  for (const [status, response] of Object.entries(own)) {
    const common = merged[status];
    if (!common || OWN_WINS.has(status) || isReference(common) || isReference(response)) {
      merged[status] = response;
      continue;
    }
    const both: ResponseConfig = {
      description: [response.description, common.description].filter(Boolean).join(' Or: '),
      headers:
        response.headers instanceof z.ZodObject
          ? response.headers
          : ({ ...plainHeaders(common.headers), ...response.headers } as ResponseConfig['headers']),
      content: { ...common.content, ...response.content },
    };
    merged[status] = both;
  }
  return merged;
}

/** The examples of a body schema, or of each alternative of a union (one per procedure). */
function examplesOf(schema: z.core.$ZodType): { name: string; value: unknown }[] {
  const meta = z.globalRegistry.get(schema);
  const examples: unknown = meta?.examples;
  if (Array.isArray(examples) && examples.length > 0) {
    const name = typeof meta?.id === 'string' ? meta.id : 'example';
    return examples.map((value: unknown, i) => ({
      name: i === 0 ? name : `${name}-${i + 1}`,
      value,
    }));
  }
  return schema instanceof z.ZodUnion ? schema.options.flatMap((o) => examplesOf(o)) : [];
}

/**
 * The examples go on the media type as well as on the schemas: that is where clients (and the
 * fuzzer's examples phase) look for a whole request body, also when the body is a union.
 */
function requestBody(schema: z.ZodType) {
  const examples = Object.fromEntries(
    examplesOf(schema).map(({ name, value }) => [name, { value }]),
  );
  return {
    required: true,
    content: {
      'application/json': { schema, ...(Object.keys(examples).length > 0 && { examples }) },
    },
  };
}

/** A multipart/form-data body (an upload), with its examples where clients look for them. */
function multipartBody(schema: z.ZodType) {
  const examples = Object.fromEntries(
    examplesOf(schema).map(({ name, value }) => [name, { value }]),
  );
  return { required: true, content: { 'multipart/form-data': { schema, examples } } };
}

const isLetter = (c: string | undefined) => c !== undefined && /^[A-Za-z]$/.test(c);
const otherCase = (c: string) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase());

/** The length of the escape at `source[i]` (a backslash): `\d`, `\u00C0`, `\u{…}`, `\p{L}`, `\x41`. */
function escapeLength(source: string, i: number): number {
  const next = source[i + 1];
  const close = source.indexOf('}', i);
  if ((next === 'p' || next === 'P' || next === 'u') && source[i + 2] === '{' && close > i)
    return close - i + 1;
  if (next === 'u') return 6;
  if (next === 'x') return 4;
  if (next === 'c') return 3;
  return 2;
}

/** `source` of a regex with the `i` flag, rewritten to match the same strings without it. */
export function caseInsensitivePattern(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i += 1) {
    const c = source.charAt(i);
    if (c === '\\') {
      const length = escapeLength(source, i);
      out += source.slice(i, i + length);
      i += length - 1;
    } else if (inClass && c === ']') {
      inClass = false;
      out += c;
    } else if (inClass && isLetter(c) && source[i + 1] === '-' && isLetter(source[i + 2])) {
      const to = source.charAt(i + 2);
      out += `${c}-${to}${otherCase(c)}-${otherCase(to)}`;
      i += 2;
    } else if (inClass) {
      out += isLetter(c) ? c + otherCase(c) : c;
    } else if (c === '[') {
      inClass = true;
      out += c;
    } else {
      out += isLetter(c) ? `[${c}${otherCase(c)}]` : c;
    }
  }
  return out;
}

/**
 * zod-to-openapi writes a regex with flags as `source/flags` (it strips only a final `/`), which no
 * string matches. JSON Schema patterns have no flags: `u` is how they are read anyway, `i` is
 * spelled out.
 */
function withoutRegexFlags(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(withoutRegexFlags);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    const flagged =
      key === 'pattern' && typeof value === 'string' && /(?<!\\)\/([dgimsuvy]+)$/.exec(value);
    if (flagged && typeof value === 'string') {
      const source = value.slice(0, -flagged[0].length);
      record[key] = flagged[1]?.includes('i') ? caseInsensitivePattern(source) : source;
    } else {
      withoutRegexFlags(value);
    }
  }
}

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
    const roles = route.access === 'public' ? [] : [...route.access];
    const who = secured ? `Roles: ${roles.join(', ')}.` : 'Public: no token needed.';
    registry.registerPath({
      method: route.method,
      path: route.path,
      operationId: route.operationId,
      summary: route.summary,
      description: route.description ? `${route.description}\n\n${who}` : who,
      tags: route.tags,
      // The roles a token must carry (a machine-readable copy of the line above).
      ...(secured ? { security: [{ [bearer.name]: [] }], 'x-roles': roles } : { security: [] }),
      request: {
        ...(route.request?.params && { params: route.request.params as never }),
        ...(route.request?.query && { query: route.request.query as never }),
        ...(route.idempotent && { headers: IdempotencyHeaders }),
        ...(route.request?.body && { body: requestBody(route.request.body) }),
        ...(route.multipart && { body: multipartBody(route.multipart) }),
      },
      responses: mergeResponses(sharedResponses(route), route.responses),
    });
  }
  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Liên thông API',
      version,
      description:
        'Thủ tục hành chính liên thông điện tử — one application, several agencies, one case to follow.',
    },
    servers: [{ url: '/' }],
  });
  withoutRegexFlags(document);
  return document;
}
