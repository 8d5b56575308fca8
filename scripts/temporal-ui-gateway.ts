// The Temporal Web UI's gateway, in front of the UI server (docker-compose.yml's
// `temporal-ui-gateway`; `make start PROFILE=production` runs it as its own process too). What the
// UI asks of the frontend goes with a reader's token, put in here over whatever the page sent:
// whoever signed in can look, never act (a person's token is the API's, not Temporal's: the
// frontend's authorizer would refuse it). Payloads stay ciphertext but for an admin: the page sends
// the person's own token to the codec endpoint, which the UI does only over https — so the API's
// codec is reached through an https front served here (README, Production profile).
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createServer, request, type RequestListener, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { loadEnv } from '../config/load-env';
import { UiGatewayEnv } from '../config/ui-gateway';

/** 502 for a failure before the answer began; after, only the connection can be cut. */
const failed = (res: ServerResponse) => () =>
  res.headersSent ? res.destroy() : res.writeHead(502).end();

/** Forwards a request to `target` (`path` on it) with `headers`, and its answer back. */
function forward(
  target: URL,
  path: string,
  headers: Record<string, string | string[] | undefined>,
): RequestListener {
  return (req, res) => {
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', failed(res));
    req.pipe(upstream);
  };
}

async function main(): Promise<void> {
  const env = loadEnv(UiGatewayEnv);
  const ui = new URL(env.TEMPORAL_UI_URL);
  // The token file is renewed by whoever issues tokens; a few hundred bytes read per request.
  const readerToken = async () =>
    (await readFile(env.TEMPORAL_API_KEY_FILE, 'utf8')).trim() ||
    Promise.reject(new Error('empty'));
  const proxy = createServer((req, res) => {
    readerToken().then(
      (token) =>
        forward(ui, req.url ?? '/', { ...req.headers, authorization: `Bearer ${token}` })(req, res),
      failed(res),
    );
  });
  await new Promise<void>((resolve) =>
    proxy.listen(env.UI_GATEWAY_PORT, env.UI_GATEWAY_HOST, resolve),
  );
  console.log(`[ui-gateway] the UI on ${env.UI_GATEWAY_HOST}:${env.UI_GATEWAY_PORT}`);

  if (
    env.CODEC_URL &&
    env.CODEC_FRONT_PORT &&
    env.CODEC_FRONT_CERT_FILE &&
    env.CODEC_FRONT_KEY_FILE
  ) {
    const codec = new URL(env.CODEC_URL);
    const base = codec.pathname.replace(/\/$/, '');
    const front = createHttpsServer(
      {
        cert: readFileSync(env.CODEC_FRONT_CERT_FILE),
        key: readFileSync(env.CODEC_FRONT_KEY_FILE),
      },
      (req, res) => {
        // The front serves the codec's paths only.
        const url = req.url ?? '';
        if (!/^\/v1\/codec(\/|$)/.test(url)) return void res.writeHead(404).end();
        const rest = url.slice('/v1/codec'.length);
        forward(codec, `${base}${rest}`, { ...req.headers, host: codec.host })(req, res);
      },
    );
    await new Promise<void>((resolve) =>
      front.listen(env.CODEC_FRONT_PORT, env.UI_GATEWAY_HOST, resolve),
    );
    console.log(
      `[ui-gateway] the codec over https on ${env.UI_GATEWAY_HOST}:${env.CODEC_FRONT_PORT}`,
    );
  }
  const stop = () => process.exit(0);
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
