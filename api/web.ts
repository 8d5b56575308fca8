// The web pages for clerks, officers, citizens and supervisors: one HTML shell per page, served by the
// API process on the same origin, with the bundle built from web/src (`make web`). Development sign-in
// lives here too, outside the /v1 route table and so outside the OpenAPI document: it mints tokens
// only when a test switches it on, to callers on this machine. People sign in through the identity
// provider (AUTH_OIDC_ISSUER: VNeID and the agencies' directory; `make start` runs one, idp/).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { Router, type Response } from 'express';
import { decodeJwt } from 'jose';
import { z } from 'zod';
import { AuthEnv, hs256Allowed, loadEnv } from '../config/env';
import { ApiError } from '../domain/errors';
import { Principal } from '../domain/principal';
import { authSettings, mintToken } from './auth';
import type { ApiDeps, SignInProvider } from './deps';
import { HttpProblem, validationProblem } from './problem';

export const WEB_ASSETS_DIR = resolve(__dirname, '..', 'web', 'dist');

/** Path → the page the bundle renders there (`data-page`). */
export const WEB_PAGES = {
  '/': 'signin',
  '/signin': 'signin',
  '/signin/callback': 'signin-callback',
  '/clerk': 'clerk',
  '/clerk/cases': 'search',
  '/officer': 'officer',
  '/officer/tasks/:taskId': 'task',
  '/citizen': 'citizen',
  '/cases/:caseId': 'case',
  '/supervisor': 'supervisor',
} as const;

export type DevTokenMinter = (principal: Principal) => Promise<string>;

/** The secret every development checkout shares: the configuration schema's own default. */
const DEVELOPMENT_SECRET = AuthEnv.parse({ NODE_ENV: 'development' }).AUTH_JWT_SECRET;
const DEV_TOKEN_LIFETIME_SECONDS = 8 * 3600;
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Mints demo tokens when the test switch is on (AUTH_DEV_TOKENS=on) outside production with the
 * development secret; otherwise, or when the configuration does not parse, undefined: no
 * development sign-in.
 */
export function developmentTokens(
  read: () => AuthEnv = () => loadEnv(AuthEnv),
): DevTokenMinter | undefined {
  let env: AuthEnv;
  try {
    env = read();
  } catch {
    return undefined;
  }
  if (
    env.AUTH_DEV_TOKENS !== 'on' ||
    env.NODE_ENV === 'production' ||
    !hs256Allowed(env) ||
    env.AUTH_JWT_SECRET !== DEVELOPMENT_SECRET
  )
    return undefined;
  const settings = authSettings(env);
  // Never longer than the API accepts a token (AUTH_TOKEN_MAX_AGE_HOURS).
  const lifetime = Math.min(DEV_TOKEN_LIFETIME_SECONDS, settings.maxTokenAgeSeconds ?? Infinity);
  return (principal) => mintToken(settings, principal, `${lifetime}s`);
}

/** The identity provider of AUTH_OIDC_ISSUER, or undefined (none, or a configuration that fails). */
export function signInProvider(
  read: () => AuthEnv = () => loadEnv(AuthEnv),
): SignInProvider | undefined {
  try {
    const env = read();
    return env.AUTH_OIDC_ISSUER === undefined
      ? undefined
      : { issuer: env.AUTH_OIDC_ISSUER, clientId: env.AUTH_OIDC_CLIENT_ID };
  } catch {
    return undefined;
  }
}

/** A demo subject id when the sign-in form leaves it empty: role and what scopes it. */
function demoSubject(body: Record<string, unknown>): string {
  const parts = [body.role, body.agency, body.jurisdiction ?? body.pin].filter(
    (part): part is string => typeof part === 'string' && /^[\w-]{1,40}$/.test(part),
  );
  return parts.length > 0 ? parts.join('-') : 'demo';
}

const DevTokenRequest = z.record(z.string(), z.unknown());

export interface WebOptions {
  communes: ApiDeps['communes'];
  devTokens?: DevTokenMinter | undefined;
  signIn?: SignInProvider | undefined;
  assetsDir?: string;
}

const escapeJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

function shell(page: string, config: unknown): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Liên thông</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/app.css">
<script src="/assets/app.js" defer></script>
<script type="application/json" id="web-config">${escapeJson(config)}</script>
</head>
<body data-page="${page}">
<a class="skip-link" href="#main">Bỏ qua, đến nội dung chính</a>
<header id="site-header"></header>
<main id="main" tabindex="-1"><p>Đang tải…</p></main>
<noscript><p>Trang này cần JavaScript.</p></noscript>
</body>
</html>
`;
}

export function webPages(options: WebOptions): Router {
  const router = Router();
  const assetsDir = options.assetsDir ?? WEB_ASSETS_DIR;
  const config = {
    communes: [...options.communes.values()].map(({ code, name }) => ({ code, name })),
    devSignIn: options.devTokens !== undefined,
    signIn: options.signIn ?? null,
  };
  const noCache = (res: Response) => res.setHeader('Cache-Control', 'no-cache');

  router.use('/assets', express.static(assetsDir, { index: false, setHeaders: noCache }));
  const sendPage = (res: Response, page: string, status = 200) => {
    if (!existsSync(join(assetsDir, 'app.js'))) {
      res.status(503).type('text/plain; charset=utf-8');
      res.send('The web pages are not built: run `make web` (or `make start`).\n');
      return;
    }
    res.setHeader('Cache-Control', 'no-store');
    res.status(status).type('html').send(shell(page, config));
  };
  for (const [path, page] of Object.entries(WEB_PAGES))
    router.get(path, (_req, res) => sendPage(res, page));

  router.use(devSignIn(options.devTokens));
  // Any other address a browser opens is the not-found page (404) in the pages' own language and
  // look; API clients (and any address under /v1/) still get the app's problem+json.
  router.get(/.*/, (req, res, next) => {
    if (req.path.startsWith('/v1/') || req.accepts(['json', 'html']) !== 'html') return next();
    sendPage(res, 'not-found', 404);
  });
  return router;
}

/**
 * POST /dev/tokens: a token for the role and claims in the body, minted by `devTokens`; without a
 * minter (production, an identity provider, a secret of its own) every call is refused (404).
 */
export function devSignIn(devTokens: DevTokenMinter | undefined): Router {
  const router = Router();
  router.post('/dev/tokens', async (req, res) => {
    if (!devTokens) {
      throw new HttpProblem(ApiError.NOT_FOUND, {
        vi: 'đăng nhập dành cho phát triển đang tắt: hãy đăng nhập qua nhà cung cấp định danh (VNeID)',
        en: 'development sign-in is off: sign in through the identity provider (VNeID)',
      });
    }
    // Only a caller on this machine, and not through a proxy (behind one, every caller looks local).
    if (
      !LOOPBACK.has(req.socket.remoteAddress ?? '') ||
      req.headers['x-forwarded-for'] !== undefined
    )
      throw new HttpProblem(ApiError.NOT_FOUND, {
        vi: 'đăng nhập dành cho phát triển chỉ dùng được trên chính máy này: hãy đăng nhập qua nhà cung cấp định danh',
        en: 'development sign-in answers only on this machine: sign in through the identity provider',
      });
    const body = DevTokenRequest.safeParse(req.body);
    const claims = Principal.safeParse(
      body.success ? { ...body.data, sub: body.data.sub ?? demoSubject(body.data) } : undefined,
    );
    if (!claims.success) {
      throw validationProblem(
        claims.error.issues.map((issue) => ({
          in: 'body',
          pointer: issue.path.map((p) => `/${String(p)}`).join(''),
          detail: issue.message,
        })),
      );
    }
    const token = await devTokens(claims.data);
    res.setHeader('Cache-Control', 'no-store');
    const { iat = 0, exp = 0 } = decodeJwt(token);
    res.status(201).json({ token, principal: claims.data, expiresIn: `${exp - iat}s` });
  });
  return router;
}
