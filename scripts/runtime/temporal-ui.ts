// Temporal's Web UI for the production profile: the UI server, connecting to the frontend with its
// own client certificate, configured by the same TEMPORAL_* variables as its official image, and in
// front of it the gateway process docker-compose.yml runs too (scripts/temporal-ui-gateway.ts: the
// reader's token in place of the page's, the codec over https). People sign in to it at the
// identity provider (its server is a confidential client: it holds a secret and does no PKCE).
import { join, resolve } from 'node:path';
import type { ClusterPki } from './temporal-pki';
import { TLS_SERVER_NAME } from './temporal-pki';
import { freePort } from './ports';
import { spawnPart, type Part } from './process';

export interface RunningUi {
  url: string;
  /** The UI server and its gateway. */
  parts: { name: string; part: Part }[];
  stop: () => Promise<void>;
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
  readerTokenFile,
  log,
}: {
  serverDir: string;
  pki: ClusterPki;
  /** The reader's token (renewed by the launcher) the gateway sends in place of the page's. */
  readerTokenFile: string;
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
  const frontPort = codecEndpoint && signIn ? await freePort() : undefined;
  const server = spawnPart(
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
          TEMPORAL_CODEC_ENDPOINT: frontPort
            ? `https://127.0.0.1:${frontPort}/v1/codec`
            : codecEndpoint,
          TEMPORAL_CODEC_PASS_ACCESS_TOKEN: frontPort ? 'true' : 'false',
        }),
      },
      onLine: log,
      graceMs: 5_000,
    },
  );
  const gateway = spawnPart(
    process.execPath,
    ['--import', require.resolve('tsx'), resolve(__dirname, '..', 'temporal-ui-gateway.ts')],
    {
      env: {
        PATH: process.env.PATH,
        UI_GATEWAY_PORT: String(port),
        TEMPORAL_UI_URL: `http://127.0.0.1:${internalPort}`,
        TEMPORAL_API_KEY_FILE: readerTokenFile,
        ...(codecEndpoint &&
          frontPort && {
            CODEC_URL: codecEndpoint,
            CODEC_FRONT_PORT: String(frontPort),
            CODEC_FRONT_CERT_FILE: pki.peers.ui.cert,
            CODEC_FRONT_KEY_FILE: pki.peers.ui.key,
          }),
      },
      onLine: log,
    },
  );
  const parts = [
    { name: 'ui', part: server },
    { name: 'ui-gateway', part: gateway },
  ];
  return {
    url: `http://127.0.0.1:${port}`,
    parts,
    stop: async () => {
      await Promise.all(parts.map(({ part }) => part.stop()));
    },
  };
}
