// Temporal's Web UI for the production profile: the UI server, connecting to the frontend with its
// own client certificate, configured by the same TEMPORAL_* variables as its official image. The
// frontend's authorizer wants a token on every call, and the UI has no sign-in until the identity
// provider of issue 24 lands: a proxy on loopback hands the UI's requests a reader's token — it can
// look, not act — and payloads stay ciphertext unless an admin's token reaches the codec endpoint.
import { join } from 'node:path';
import { createServer, request, type Server, type ServerResponse } from 'node:http';
import type { ClusterPki } from './temporal-pki';
import { mintServiceToken, TLS_SERVER_NAME } from './temporal-pki';
import { freePort } from './ports';
import { spawnPart, type Part } from './process';

export interface RunningUi {
  url: string;
  part: Part;
  stop: () => Promise<void>;
}

/** Forwards every request to `target`, adding the reader's token where the request brings none. */
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
            authorization: req.headers.authorization ?? `Bearer ${bearer}`,
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

export async function startTemporalUi({
  serverDir,
  pki,
  frontendAddress,
  port,
  namespace,
  codecEndpoint,
  log,
}: {
  serverDir: string;
  pki: ClusterPki;
  frontendAddress: string;
  port: number;
  namespace: string;
  /** The API's codec endpoint: it decodes payloads for an admin's token only. */
  codecEndpoint?: string;
  /** Where the UI server's lines go. */
  log: (line: string) => void;
}): Promise<RunningUi> {
  const internalPort = await freePort();
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
        ...(codecEndpoint && {
          TEMPORAL_CODEC_ENDPOINT: codecEndpoint,
          TEMPORAL_CODEC_PASS_ACCESS_TOKEN: 'true',
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
          permissions: [`${namespace}:read`],
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
      await part.stop();
    },
  };
}
