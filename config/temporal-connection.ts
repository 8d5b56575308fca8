// How the API, the worker and every script reach Temporal: its address, mutual TLS where the cluster
// asks for it (TEMPORAL_TLS_*), and the service's token for the server's authorizer
// (TEMPORAL_API_KEY_FILE). The token file is read again while the process runs: whoever issues
// tokens (the launcher in development, a secret store in production) renews the file before it
// expires, and the next requests carry the new token.
import { readFile } from 'node:fs/promises';
import type { TLSConfig } from '@temporalio/client';
import type { Logger } from './logger';

export interface TemporalConnectionOptions {
  address: string;
  tls?: TLSConfig;
  apiKey?: string;
}

export interface TemporalConnectionEnv {
  TEMPORAL_ADDRESS: string;
  TEMPORAL_TLS_CA_FILE?: string | undefined;
  TEMPORAL_TLS_CERT_FILE?: string | undefined;
  TEMPORAL_TLS_KEY_FILE?: string | undefined;
  TEMPORAL_TLS_SERVER_NAME?: string | undefined;
  TEMPORAL_API_KEY_FILE?: string | undefined;
}

/** The client side of mutual TLS: whom to trust, what to present, which name to expect. */
export async function temporalTls({
  caFile,
  certFile,
  keyFile,
  serverName,
}: {
  caFile?: string | undefined;
  certFile?: string | undefined;
  keyFile?: string | undefined;
  serverName?: string | undefined;
}): Promise<TLSConfig> {
  return {
    ...(caFile && { serverRootCACertificate: await readFile(caFile) }),
    ...(certFile &&
      keyFile && {
        clientCertPair: { crt: await readFile(certFile), key: await readFile(keyFile) },
      }),
    ...(serverName && { serverNameOverride: serverName }),
  };
}

const readToken = async (file: string) => (await readFile(file, 'utf8')).trim();

export async function temporalConnectionOptions(
  env: TemporalConnectionEnv,
): Promise<TemporalConnectionOptions> {
  const tlsWanted = env.TEMPORAL_TLS_CA_FILE ?? env.TEMPORAL_TLS_CERT_FILE;
  return {
    address: env.TEMPORAL_ADDRESS,
    ...(tlsWanted && {
      tls: await temporalTls({
        caFile: env.TEMPORAL_TLS_CA_FILE,
        certFile: env.TEMPORAL_TLS_CERT_FILE,
        keyFile: env.TEMPORAL_TLS_KEY_FILE,
        serverName: env.TEMPORAL_TLS_SERVER_NAME,
      }),
    }),
    ...(env.TEMPORAL_API_KEY_FILE && { apiKey: await readToken(env.TEMPORAL_API_KEY_FILE) }),
  };
}

/**
 * Reads TEMPORAL_API_KEY_FILE every `intervalMs` and hands a changed token to `setApiKey` (both
 * the client's and the worker's connections have one). Returns the stop function.
 */
export function followApiKeyFile(
  env: TemporalConnectionEnv,
  setApiKey: (token: string) => unknown,
  log: Logger,
  intervalMs = 60_000,
): () => void {
  const file = env.TEMPORAL_API_KEY_FILE;
  if (!file) return () => undefined;
  let last: string | undefined;
  const timer = setInterval(() => {
    readToken(file)
      .then(async (token) => {
        if (token === last || token === '') return;
        if (last !== undefined) log.info('Temporal token renewed');
        last = token;
        await setApiKey(token);
      })
      .catch((err: unknown) => log.warn({ err }, 'could not read TEMPORAL_API_KEY_FILE'));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
