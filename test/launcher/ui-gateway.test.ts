// The Temporal Web UI's gateway as its own process (scripts/temporal-ui-gateway.ts, run by the
// production profile and by compose), in front of stand-ins for the UI server and the API's codec
// that record what reaches them. The whole path through the real UI, cluster and codec is the
// launcher's production test (test/launcher/start.test.ts).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/runtime/ports';
import { spawnPart, type Part } from '../../scripts/runtime/process';
import { ensureClusterPki, type ClusterPki } from '../../scripts/runtime/temporal-pki';

const ROOT = join(__dirname, '..', '..');

interface Seen {
  path: string | undefined;
  headers: IncomingHttpHeaders;
  body: string;
}

/** An HTTP server answering 200 with what it saw, and keeping it. */
async function recorder(): Promise<{ server: Server; port: number; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ path: req.url, headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('upstream');
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, port, seen };
}

/** An https request trusting only the development CA that signed the UI's certificate. */
function overHttps(
  pki: ClusterPki,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      url,
      { method: init.method ?? 'GET', headers: init.headers, ca: readFileSync(pki.clientsCa) },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

async function waitForPort(url: string): Promise<void> {
  for (let tries = 0; tries < 100; tries += 1) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`nothing listens at ${url}`);
}

describe('the Temporal Web UI gateway', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lien-thong-ui-gateway-'));
  const tokenFile = join(dir, 'web-ui.jwt');
  let pki: ClusterPki;
  let ui: Awaited<ReturnType<typeof recorder>>;
  let codec: Awaited<ReturnType<typeof recorder>>;
  let gateway: Part;
  let port: number;
  let frontPort: number;

  beforeAll(async () => {
    pki = await ensureClusterPki(join(dir, 'pki'));
    ui = await recorder();
    codec = await recorder();
    [port, frontPort] = [await freePort(), await freePort()];
    writeFileSync(tokenFile, 'reader-token-1\n');
    gateway = spawnPart(
      process.execPath,
      ['--import', require.resolve('tsx'), join(ROOT, 'scripts', 'temporal-ui-gateway.ts')],
      {
        env: {
          PATH: process.env.PATH,
          UI_GATEWAY_PORT: String(port),
          TEMPORAL_UI_URL: `http://127.0.0.1:${ui.port}`,
          TEMPORAL_API_KEY_FILE: tokenFile,
          CODEC_URL: `http://127.0.0.1:${codec.port}/v1/codec`,
          CODEC_FRONT_PORT: String(frontPort),
          CODEC_FRONT_CERT_FILE: pki.peers.ui.cert,
          CODEC_FRONT_KEY_FILE: pki.peers.ui.key,
        },
      },
    );
    await waitForPort(`http://127.0.0.1:${port}/`);
    ui.seen.length = 0;
  });

  afterAll(async () => {
    await gateway.stop();
    await Promise.all(
      [ui.server, codec.server].map((s) => new Promise((resolve) => s.close(resolve))),
    );
    rmSync(dir, { recursive: true, force: true });
  });

  it('when the page sends a person’s token, then the UI server receives the reader’s token in its place, renewed as the file is', async () => {
    const first = await fetch(`http://127.0.0.1:${port}/api/v1/namespaces`, {
      headers: { authorization: 'Bearer a-persons-token' },
    });
    expect(first.status).toBe(200);
    writeFileSync(tokenFile, 'reader-token-2\n');
    await fetch(`http://127.0.0.1:${port}/api/v1/namespaces/default/workflows`);
    expect(ui.seen.map((s) => [s.path, s.headers.authorization])).toEqual([
      ['/api/v1/namespaces', 'Bearer reader-token-1'],
      ['/api/v1/namespaces/default/workflows', 'Bearer reader-token-2'],
    ]);
  });

  it('when the reader’s token cannot be read, then the page gets 502 at once, and nothing reaches the UI server', async () => {
    const before = ui.seen.length;
    rmSync(tokenFile);
    try {
      const answer = await fetch(`http://127.0.0.1:${port}/api/v1/namespaces`);
      expect(answer.status).toBe(502);
      expect(ui.seen).toHaveLength(before);
    } finally {
      writeFileSync(tokenFile, 'reader-token-3\n');
    }
  });

  it('when the page calls the codec over https, then the API’s codec receives the person’s own token and the payloads', async () => {
    const body = JSON.stringify({ payloads: [{ metadata: {}, data: 'AAAA' }] });
    const answer = await overHttps(pki, `https://127.0.0.1:${frontPort}/v1/codec/decode`, {
      method: 'POST',
      headers: { authorization: 'Bearer an-admins-token', 'content-type': 'application/json' },
      body,
    });
    expect(answer.status).toBe(200);
    expect(codec.seen.map((s) => [s.path, s.headers.authorization, s.body])).toEqual([
      ['/v1/codec/decode', 'Bearer an-admins-token', body],
    ]);
  });

  it('when the https front is asked for anything but the codec, then it answers 404 and forwards nothing', async () => {
    const before = codec.seen.length;
    const answer = await overHttps(pki, `https://127.0.0.1:${frontPort}/v1/cases`);
    expect(answer.status).toBe(404);
    expect(codec.seen).toHaveLength(before);
  });

  it('when the UI server does not answer, then the page gets 502, not a request left waiting', async () => {
    await new Promise((resolve) => ui.server.close(resolve));
    const answer = await fetch(`http://127.0.0.1:${port}/`);
    expect(answer.status).toBe(502);
  });
});
