// One declaration per endpoint: path, who may call it, request and response schemas, handler.
// The same list mounts the Express routes, generates the OpenAPI document, and (later) drives the
// authorization matrix tests, so none of them can drift from the others.
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Router, type Request, type Response } from 'express';
import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import { ApiError } from '../domain/errors';
import type { Principal, Role } from '../domain/principal';
import { ruleWords } from '../domain/rule-texts';
import { validationMessages } from '../domain/validation-messages';
import { AuditRefusedError, AuditWriter } from '../db/audit.repository';
import type { Db } from '../db/pool';
import { caseLanguageFor } from '../db/queries/applications.queries';
import { AuthenticationError, type Authenticator } from './auth';
import { DEFAULT_IDEMPOTENCY, withIdempotency, type IdempotencySettings } from './idempotency';
import {
  HttpProblem,
  language,
  speakCaseLanguage,
  validationProblem,
  type ProblemIssue,
} from './problem';

export type Access = 'public' | readonly Role[];

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Defaults to JSON. */
  contentType?: string;
  /** The case the call concerned, for the audit log, when the path does not name it. */
  caseId?: string;
  /** The SHA-256 of each file the call stored, attached or served, for the audit log. */
  sha256?: readonly string[];
  /** Bytes streamed to the caller instead of `body` (an attachment), with `contentType`. */
  stream?: Readable;
}

type Input<S> = S extends z.ZodType ? z.infer<S> : undefined;

export interface RouteContext<P, Q, B, A extends Access> {
  params: Input<P>;
  query: Input<Q>;
  body: Input<B>;
  /** Narrowed to the roles the route admits, so role-specific claims need no checks. */
  principal: A extends 'public'
    ? undefined
    : A extends readonly (infer R)[]
      ? Extract<Principal, { role: R }>
      : Principal;
  req: Request;
  res: Response;
  /**
   * Names the action the request asks of a workflow (idempotent routes with an Idempotency-Key): the
   * same for a retry by the same caller, so the workflow acts once and answers the retry with the
   * first outcome — even when the API died before it could keep the reply (api/action-requests.ts).
   */
  requestId?: string;
}

export interface RouteDefinition<
  P extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  A extends Access = Access,
> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path template: `/v1/cases/{caseId}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  access: A;
  request?: { params?: P; query?: Q; body?: B };
  /**
   * A multipart/form-data body the handler reads itself, streaming (an upload): documented with
   * this schema, never parsed as JSON; anything but multipart/form-data is refused (415).
   */
  multipart?: z.ZodType;
  responses: RouteConfig['responses'];
  /** POSTs that honour an Idempotency-Key header: same key and body → the first reply again. */
  idempotent?: boolean;
  handle(ctx: RouteContext<P, Q, B, A>): Promise<Reply> | Reply;
}

/** Keeps each route's generic types while collecting them into one list. */
export function defineRoute<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  const A extends Access = Access,
>(route: RouteDefinition<P, Q, B, A>): RouteDefinition {
  return route;
}

/** Who a refused caller is, as a sentence names them. */
const ROLE_NAMES: Record<Role, string> = {
  citizen: 'Công dân',
  clerk: 'Công chức một cửa',
  officer: 'Cán bộ chuyên môn',
  supervisor: 'Lãnh đạo',
  admin: 'Quản trị hệ thống',
};

const toExpressPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

/** zod's own words are in the caller's language already; a rule's are said when sent. */
function issuesOf(where: ProblemIssue['in'], error: z.ZodError): ProblemIssue[] {
  return error.issues.map((issue) => ({
    in: where,
    pointer: issue.path.map((p) => `/${String(p)}`).join(''),
    detail: ruleWords({ message: issue.message, params: paramsOf(issue) }) ?? issue.message,
  }));
}

const paramsOf = (issue: z.core.$ZodIssue) =>
  issue.code === 'custom' ? (issue.params as Record<string, unknown> | undefined) : undefined;

function parseInput(route: RouteDefinition, req: Request) {
  const issues: ProblemIssue[] = [];
  // zod's own messages in the caller's language (a schema's own words for a rule: when sent).
  const messages = validationMessages(language(req));
  const parse = (
    where: 'params' | 'query' | 'body',
    schema: z.ZodType | undefined,
    value: unknown,
  ) => {
    if (!schema) return undefined;
    const result = schema.safeParse(value, { error: messages });
    if (result.success) return result.data;
    issues.push(...issuesOf(where, result.error));
    return undefined;
  };
  const params = parse('params', route.request?.params, req.params);
  const query = parse('query', route.request?.query, req.query);
  const body = parse('body', route.request?.body, req.body);
  if (issues.length > 0) throw validationProblem(issues);
  return { params, query, body };
}

async function authenticate(
  route: RouteDefinition,
  req: Request,
  verify: Authenticator,
): Promise<Principal | undefined> {
  if (route.access === 'public') return undefined;
  const header = req.get('authorization');
  const token = header?.match(/^Bearer ([\w.~+/-]+=*)$/i)?.[1];
  const challenge = { 'WWW-Authenticate': 'Bearer realm="lien-thong"' };
  if (!token)
    throw new HttpProblem(
      ApiError.UNAUTHENTICATED,
      { vi: 'cần mã truy cập (Bearer)', en: 'bearer token required' },
      {},
      challenge,
    );
  let principal: Principal;
  try {
    principal = await verify(token);
  } catch (error) {
    if (!(error instanceof AuthenticationError)) throw error;
    throw new HttpProblem(
      ApiError.UNAUTHENTICATED,
      { vi: `mã truy cập không hợp lệ (${error.message})`, en: error.message },
      {},
      challenge,
    );
  }
  return principal;
}

/**
 * Names whose personal data the call reads, keyed (`pinKey`), when it concerns a person rather than a
 * case: the audit row keeps it whether the call is then answered or refused.
 */
export function setAuditSubject(res: Response, subject: string): void {
  (res.locals as { auditSubject?: string }).auditSubject = subject;
}

const auditSubjectOf = (req: Request) =>
  (req.res?.locals as { auditSubject?: string } | undefined)?.auditSubject;

/**
 * Every authenticated call is written to the audit log — reads of personal data and actions alike,
 * refused ones included — with its outcome, before the reply leaves.
 */
async function audited(
  audit: AuditWriter,
  route: RouteDefinition,
  req: Request,
  principal: Principal | undefined,
  handle: () => Promise<Reply>,
): Promise<Reply> {
  if (!principal) return handle();
  let caseId = typeof req.params.caseId === 'string' ? req.params.caseId : undefined;
  let sha256: string | undefined;
  const result = await handle().then(
    (reply) => {
      const filed = (reply.body as { caseId?: unknown } | undefined)?.caseId;
      caseId ??= reply.caseId ?? (typeof filed === 'string' ? filed : undefined);
      if (reply.sha256?.length) sha256 = reply.sha256.join(' ');
      return { reply, outcome: reply.status };
    },
    (error: unknown) => ({ error, outcome: error instanceof HttpProblem ? error.status : 500 }),
  );
  try {
    await audit.append({
      actor: principal.sub,
      role: principal.role,
      action: route.operationId,
      caseId,
      requestId: typeof req.id === 'string' ? req.id : undefined,
      outcome: result.outcome,
      sha256,
      subject: auditSubjectOf(req),
    });
  } catch (error) {
    // The row holds text the database cannot store, from the request itself (a path segment with
    // U+0000, say), which the handler has usually refused already: that refusal is the clearer
    // answer. The audit writer recorded the refusal (write_refusals) for operators.
    if (!(error instanceof AuditRefusedError)) throw error;
    if ('reply' in result)
      throw new HttpProblem(ApiError.VALIDATION, {
        vi: `yêu cầu có ký tự không lưu được: ${error.refusal.condition}`,
        en: `the request holds text that cannot be stored: ${error.refusal.condition}`,
      });
  }
  if ('error' in result) throw result.error;
  return result.reply;
}

/**
 * A citizen who names no language is answered in the one their case was filed in (the browser's
 * pages always name it; another client may not).
 */
async function speakToCitizen(
  db: Db,
  principal: Principal | undefined,
  req: Request,
  res: Response,
) {
  const { caseId } = req.params;
  if (principal?.role !== 'citizen' || req.get('accept-language') !== undefined) return;
  // Only what could be a case id reaches the database (the route's own check refuses the rest).
  if (typeof caseId !== 'string' || !/^[\x21-\x7e]{1,100}$/.test(caseId)) return;
  const spoken = await caseLanguageFor(db, caseId, principal.pin);
  if (spoken) speakCaseLanguage(res, spoken);
}

export function mountRoutes(
  routes: readonly RouteDefinition[],
  deps: {
    authenticate: Authenticator;
    db: Db;
    idempotencyTtlMs?: number | undefined;
    /** Tests only: how long a request waits for another under its key, and the lease. */
    idempotency?: Partial<IdempotencySettings> | undefined;
  },
): Router {
  const router = Router();
  const audit = new AuditWriter(deps.db);
  const idempotency: IdempotencySettings = {
    ...DEFAULT_IDEMPOTENCY,
    ...(deps.idempotencyTtlMs !== undefined && { ttlMs: deps.idempotencyTtlMs }),
    ...deps.idempotency,
  };
  for (const route of routes) {
    router[route.method](toExpressPath(route.path), async (req, res) => {
      const principal = await authenticate(route, req, deps.authenticate);
      await speakToCitizen(deps.db, principal, req, res);
      const reply = await audited(audit, route, req, principal, async () => {
        if (principal && route.access !== 'public' && !route.access.includes(principal.role)) {
          throw new HttpProblem(ApiError.FORBIDDEN, {
            vi: `${ROLE_NAMES[principal.role]} không có quyền thực hiện việc này (${route.operationId})`,
            en: `role '${principal.role}' may not ${route.summary}`,
          });
        }
        if (route.request?.body && !req.is('application/json')) {
          throw new HttpProblem(ApiError.UNSUPPORTED_MEDIA_TYPE, {
            vi: 'gửi nội dung dạng application/json',
            en: 'send application/json',
          });
        }
        if (route.multipart && !req.is('multipart/form-data')) {
          throw new HttpProblem(ApiError.UNSUPPORTED_MEDIA_TYPE, {
            vi: 'gửi nội dung dạng multipart/form-data',
            en: 'send multipart/form-data',
          });
        }
        const input = parseInput(route, req);
        const key = route.idempotent ? req.get('idempotency-key') : undefined;
        const requestId =
          key === undefined
            ? undefined
            : createHash('sha256')
                .update(`${principal?.sub ?? 'anonymous'}\n${key}`)
                .digest('hex');
        const run = async () =>
          route.handle({ ...input, principal, req, res, ...(requestId && { requestId }) });
        return route.idempotent
          ? await withIdempotency(deps.db, idempotency, req, principal, run)
          : await run();
      });
      res.status(reply.status).set(reply.headers ?? {});
      if (reply.stream) {
        res.type(reply.contentType ?? 'application/octet-stream');
        // A failure mid-stream cannot become a problem any more (the status is sent): the
        // connection is cut, so the client sees a broken download, never a short file as whole.
        await pipeline(reply.stream, res).catch(() => res.destroy());
      } else if (reply.body === undefined) res.end();
      else if (reply.contentType) res.type(reply.contentType).send(reply.body);
      else res.json(reply.body);
    });
  }
  return router;
}
