import type { Client } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import type { Logger } from '../config/logger';
import type { Db } from '../db/pool';
import type { Authenticator } from './auth';
import type { PopulationRegistry } from './death-filing';
import type { IdempotencySettings } from './idempotency';
import type { AttachmentSettings } from './uploads/attachments';

/** Where the pages sign people in (authorization code + PKCE): the identity provider and their client id. */
export interface SignInProvider {
  issuer: string;
  clientId: string;
}

/** Everything the API needs, built once per process by server.ts (or by a test). */
export interface ApiDeps {
  temporal: Client;
  db: Db;
  authenticate: Authenticator;
  logger: Logger;
  /** The identity provider the pages sign in at; unset → AUTH_OIDC_ISSUER's (api/web.ts). */
  signIn?: SignInProvider | undefined;
  /** Communes in force, by code (reference data loaded at start). */
  communes: ReadonlyMap<string, { code: string; name: string; province_code: string }>;
  /** Requests per minute per client address and per bearer token; unset → no limit (tests). */
  rateLimitPerMinute?: number;
  /** Public document verifications per minute per client address; unset → no limit (tests). */
  verifyRateLimitPerMinute?: number;
  /** How long replies are kept under their Idempotency-Key (default 24 h). */
  idempotencyTtlMs?: number;
  /** Tests: how long a request waits for another under its key, and a reservation's lease. */
  idempotency?: Partial<Pick<IdempotencySettings, 'waitMs' | 'leaseMs'>>;
  /** Where people reach the pages, for links printed on paper (default: http://127.0.0.1:3000). */
  publicUrl?: string;
  /** Keys case ids made from personal ID numbers (default: the development secret). */
  caseIdSecret?: string;
  /**
   * Drills only (chaos runs, tests): every case filed gets supplement windows of this many
   * milliseconds instead of working days. Unset in production (config/env.ts refuses it there).
   */
  drillSupplementReplyMs?: number;
  /** Hours past its deadline before an idle case counts as stuck (default 24). */
  stuckDeadlineMarginHours?: number;
  /**
   * The population database, asked whether a death's filer and named relatives are the deceased's
   * relatives. Unset: death filings are refused (503), never filed unverified.
   */
  population?: PopulationRegistry;
  /**
   * Where attachments are kept, how they are scanned, their limits. Unset parts: this database,
   * no scanner, 10 MiB a file, 20 a case, 24 h for an upload nobody attached.
   */
  attachments?: Partial<AttachmentSettings>;
  /**
   * The codec the API's Temporal client encrypts payloads with (config/data-converter.ts), served
   * to admins at /v1/codec for the Temporal Web UI. Unset: payloads are in clear (development).
   */
  payloadCodec?: PayloadCodec;
  /** Origins of the Temporal Web UI allowed to call /v1/codec from a browser (CORS). */
  codecCorsOrigins?: readonly string[];
  /** Reachability of each dependency, for /readyz. */
  readiness(): Promise<Record<string, 'up' | 'down'>>;
}
