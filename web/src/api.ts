// Calls to the API on the same origin with the tab's bearer token. Errors arrive as RFC 9457
// problems; validation problems list every issue with a JSON pointer to its field.
import { language } from './i18n';
import { currentSession, signOut } from './session';

export interface ProblemIssue {
  in: 'body' | 'query' | 'params' | 'headers';
  pointer: string;
  detail: string;
}

export class ApiProblem extends Error {
  override name = 'ApiProblem';
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly errors: ProblemIssue[] = [],
    readonly caseId?: string,
  ) {
    super(detail ? `${title}: ${detail}` : title);
  }
}

/** A key per user action: a retried or double-clicked POST is answered once (Idempotency-Key). */
export const newIdempotencyKey = () => `web-${crypto.randomUUID()}`;

export async function api<T>(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  options: { idempotencyKey?: string; signedIn?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': language(),
  };
  const session = currentSession();
  if (session && options.signedIn !== false) headers.Authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  const response = await fetch(path, {
    method,
    headers,
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const json: unknown = text ? JSON.parse(text) : undefined;
  if (response.ok) return json as T;
  throw problemOf(response, json, options.signedIn !== false);
}

/** A document the API serves (a PDF, an attachment), as the signed-in user may read it. */
export async function apiDocument(path: string, accept = 'application/pdf'): Promise<Blob> {
  const session = currentSession();
  const response = await fetch(path, {
    headers: {
      Accept: `${accept}, application/problem+json`,
      'Accept-Language': language(),
      ...(session && { Authorization: `Bearer ${session.token}` }),
    },
  });
  if (response.ok) return response.blob();
  const text = await response.text();
  throw problemOf(response, text ? JSON.parse(text) : undefined, true);
}

function problemOf(response: Response, json: unknown, signedIn: boolean): ApiProblem {
  const problem = (json ?? {}) as {
    title?: string;
    detail?: string;
    errors?: ProblemIssue[];
    caseId?: string;
  };
  if (response.status === 401 && signedIn) {
    signOut();
    location.assign(`/?next=${encodeURIComponent(location.pathname + location.search)}`);
  }
  return new ApiProblem(
    response.status,
    problem.title ?? response.statusText,
    problem.detail,
    problem.errors ?? [],
    problem.caseId,
  );
}

/** Sends a form with files (multipart/form-data: the browser writes the boundary). */
export async function apiForm<T>(path: string, form: FormData): Promise<T> {
  const session = currentSession();
  const response = await fetch(path, {
    method: 'POST',
    headers: {
      Accept: 'application/json, application/problem+json',
      'Accept-Language': language(),
      ...(session && { Authorization: `Bearer ${session.token}` }),
    },
    body: form,
  });
  const text = await response.text();
  const json: unknown = text ? JSON.parse(text) : undefined;
  if (response.ok) return json as T;
  throw problemOf(response, json, true);
}
