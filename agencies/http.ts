/// <reference lib="es2024.string" />
// (toWellFormed only: Node 20, the oldest we run on, has it but not all of ES2024's library.)
// How the engine talks to an agency system: JSON over HTTP with the caller's idempotency key, each
// reply mapped to a closed outcome (STYLE rule 21): 200 → accepted, 202 → pending (a person or a
// callback decides later), 409/422 → rejected with the agency's reason; anything else throws, and the
// activity's retry policy takes over. 400 and 404 mean our request was wrong: they throw too, marked
// non-retryable by the activities. 429 and 5xx are transient. A reply that is not JSON (a proxy's
// HTML 502 page, a truncated body) is an AgencyError like any other failed reply, never a SyntaxError.

export type AgencyOutcome<R> =
  | { kind: 'accepted'; result: R }
  | { kind: 'pending'; body: Record<string, unknown> }
  | { kind: 'rejected'; code: string; reason: string; returnTo?: string };

export class AgencyError extends Error {
  constructor(
    message: string,
    /** Retrying the same request cannot help (our request was malformed or names nothing). */
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'AgencyError';
  }
}

export interface AgencyHttp {
  post<R>(path: string, body: unknown, idempotencyKey: string): Promise<AgencyOutcome<R>>;
  /** A lookup: the record, or undefined when the agency does not know it (404). */
  get<R>(path: string): Promise<R | undefined>;
}

export function createAgencyHttp(
  baseUrl: string,
  options: { timeoutMs?: number; fetch?: typeof fetch } = {},
): AgencyHttp {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    async get<R>(path: string): Promise<R | undefined> {
      const response = await doFetch(`${baseUrl}${path}`, {
        headers: { Accept: 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (response.status === 404) return undefined;
      const where = `GET ${path} → ${response.status}`;
      if (response.status !== 200) throw new AgencyError(where, response.status === 400);
      const json = parseJson(await response.text());
      if (json === undefined) throw new AgencyError(`${where}: the reply is not JSON`, false);
      return json as R;
    },
    async post<R>(path: string, body: unknown, idempotencyKey: string): Promise<AgencyOutcome<R>> {
      const response = await doFetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      const where = `POST ${path} → ${response.status}`;
      const json = parseJson(text);
      // Not the agency's JSON (a gateway's error page, a cut-off body): never read as an outcome, not
      // even a refusal. Our key makes the retry safe; only 400/404 say the request itself was wrong.
      if (json === undefined) {
        const permanent = response.status === 400 || response.status === 404;
        throw new AgencyError(`${where}: the reply is not JSON`, permanent);
      }
      switch (response.status) {
        case 200:
          return { kind: 'accepted', result: json as R };
        case 202:
          return { kind: 'pending', body: json };
        case 409:
        case 422:
          return {
            kind: 'rejected',
            code: typeof json.code === 'string' ? json.code : 'AGENCY.REJECTED',
            reason: typeof json.reason === 'string' ? json.reason : where,
            ...(typeof json.returnTo === 'string' && { returnTo: json.returnTo }),
          };
        case 400:
        case 404:
          throw new AgencyError(`${where}: ${text.slice(0, 500)}`, true);
        default: // 429, 5xx and anything unexpected: transient, retried by the activity's policy
          throw new AgencyError(where, false);
      }
    },
  };
}

/** The reply as a JSON object ({} when empty), or undefined when it is not one. */
function parseJson(text: string): Record<string, unknown> | undefined {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text, storable);
    return value !== null && typeof value === 'object'
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An agency's strings as our database can keep them: a lone surrogate (valid JSON, not valid Unicode)
 * and U+0000 would make PostgreSQL's jsonb refuse the step's view for good. Each becomes U+FFFD, the
 * replacement character, so the reply is still read and shown.
 */
function storable(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? value.toWellFormed().replaceAll('\u0000', '\ufffd') : value;
}
