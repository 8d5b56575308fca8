// Temporal's Web UI for the production profile: the UI server, connecting to the frontend with its
// own client certificate, configured by the same TEMPORAL_* variables as its official image.
// People sign in to it at the identity provider (its server is a confidential client: it holds a
// secret and does no PKCE). What the UI asks of the frontend goes with a reader's token, put in by a
// proxy on loopback over whatever the page sent: whoever signed in can look, never act. Payloads
// stay ciphertext but for an admin: the page sends the person's own token to the codec endpoint,
// which the UI does only over https — so the API's codec is reached through an https front here,
// with a certificate of the development CA (README, Production profile).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, request, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { ClusterPki } from './temporal-pki';
import { mintServiceToken, TLS_SERVER_NAME } from './temporal-pki';
import { freePort } from './ports';
import { spawnPart, type Part } from './process';

export interface RunningUi {
  url: string;
  part: Part;
  stop: () => Promise<void>;
}

/**
 * Forwards every request to `target` with the reader's token in place of any the page sent (a
 * person's token is the API's, not Temporal's: the frontend's authorizer would refuse it).
 */
function readerProxy(target: number, token: () => Promise<string>): Server {
  // A token that cannot be made or a UI server that does not answer ends the request with 502,
  // never a browser left waiting; once the answer has begun, only the connection can be cut.
  const failed = (res: ServerResponse) => () =>
    res.headersSent ? res.destroy() : res.writeHead(502).end();
  return createServer((req, res) => {
    token().then((bearer) => {
      const upstream = request(
        {
          host: '127.0.0.1',
          port: target,
          method: req.method,
          path: req.url,
          headers: {
            ...req.headers,
            authorization: `Bearer ${bearer}`,
          },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', failed(res));
      req.pipe(upstream);
    }, failed(res));
  });
}

/** Serves `codecEndpoint` over https on `port` (loopback), headers and body as they come. */
function httpsFront(codecEndpoint: string, pki: ClusterPki): Server {
  const target = new URL(codecEndpoint);
  return createHttpsServer(
    { cert: readFileSync(pki.peers.ui.cert), key: readFileSync(pki.peers.ui.key) },
    (req, res) => {
      const upstream = request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          // The front serves the codec's paths only.
          path: `${target.pathname.replace(/\/$/, '')}${req.url?.replace(/^\/v1\/codec/, '') ?? ''}`,
          headers: { ...req.headers, host: target.host },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
      req.pipe(upstream);
    },
  );
}

export interface UiSignIn {
  /** The identity provider's issuer URL. */
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** Where the identity provider sends people back to the UI on `port`. */
export const uiCallback = (port: number) => `http://127.0.0.1:${port}/auth/sso/callback`;

export async function startTemporalUi({
  serverDir,
  pki,
  frontendAddress,
  port,
  namespace,
  codecEndpoint,
  signIn,
  log,
}: {
  serverDir: string;
  pki: ClusterPki;
  frontendAddress: string;
  port: number;
  namespace: string;
  /** The API's codec endpoint: it decodes payloads for an admin's token only. */
  codecEndpoint?: string;
  /** People sign in at this identity provider; unset: no sign-in, and no token for the codec. */
  signIn?: UiSignIn;
  /** Where the UI server's lines go. */
  log: (line: string) => void;
}): Promise<RunningUi> {
  const internalPort = await freePort();
  const front = codecEndpoint && signIn ? httpsFront(codecEndpoint, pki) : undefined;
  const frontPort = front ? await freePort() : undefined;
  if (front) await new Promise<void>((resolve) => front.listen(frontPort, '127.0.0.1', resolve));
  const part = spawnPart(
    join(serverDir, 'temporal-ui-server'),
    ['--root', join(serverDir, 'ui-config'), '--config', '.', '--env', 'docker', 'start'],
    {
      env: {
        PATH: process.env.PATH,
        TEMPORAL_ADDRESS: frontendAddress,
        TEMPORAL_UI_PORT: String(internalPort),
        TEMPORAL_DEFAULT_NAMESPACE: namespace,
        TEMPORAL_TLS_CA: pki.clusterCa,
        TEMPORAL_TLS_CERT: pki.peers.ui.cert,
        TEMPORAL_TLS_KEY: pki.peers.ui.key,
        TEMPORAL_TLS_SERVER_NAME: TLS_SERVER_NAME,
        TEMPORAL_TLS_ENABLE_HOST_VERIFICATION: 'true',
        TEMPORAL_CORS_ORIGINS: `http://127.0.0.1:${port},http://localhost:${port}`,
        TEMPORAL_CSRF_COOKIE_INSECURE: 'true',
        TEMPORAL_NOTIFY_ON_NEW_VERSION: 'false',
        ...(signIn && {
          TEMPORAL_AUTH_ENABLED: 'true',
          TEMPORAL_AUTH_PROVIDER_URL: signIn.issuer,
          TEMPORAL_AUTH_ISSUER_URL: signIn.issuer,
          TEMPORAL_AUTH_CLIENT_ID: signIn.clientId,
          TEMPORAL_AUTH_CLIENT_SECRET: signIn.clientSecret,
          TEMPORAL_AUTH_CALLBACK_URL: uiCallback(port),
          TEMPORAL_AUTH_SCOPES: 'openid,profile',
        }),
        // The person's token goes to the codec only over https (the UI checks the scheme).
        ...(codecEndpoint && {
          TEMPORAL_CODEC_ENDPOINT: front
            ? `https://127.0.0.1:${frontPort}/v1/codec`
            : codecEndpoint,
          TEMPORAL_CODEC_PASS_ACCESS_TOKEN: front ? 'true' : 'false',
        }),
      },
      onLine: log,
      graceMs: 5_000,
    },
  );
  let cached: { token: string; until: number } | undefined;
  const token = async () => {
    if (!cached || cached.until < Date.now()) {
      const ttlSeconds = 3600;
      cached = {
        token: await mintServiceToken(pki, {
          subject: 'lien-thong-web-ui',
          // Reading the cluster too: the UI lists the namespaces and the cluster's version first.
          permissions: [`${namespace}:read`, 'temporal-system:read'],
          ttlSeconds,
        }),
        until: Date.now() + (ttlSeconds - 60) * 1000,
      };
    }
    return cached.token;
  };
  const proxy = readerProxy(internalPort, token);
  await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    part,
    stop: async () => {
      await new Promise((resolve) => proxy.close(resolve));
      if (front) await new Promise((resolve) => front.close(resolve));
      await part.stop();
    },
  };
}
