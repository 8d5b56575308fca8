// `make start PROFILE=production`'s Temporal: the trust made once in the data directory (CAs,
// certificates, the key that signs service tokens), the services' tokens written and renewed, the
// cluster started, its Web UI once the identity provider answers — and what the API and the worker
// need to reach it.
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import type { TemporalConnectionOptions } from '../../config/temporal-connection';
import { provisionTemporalServer } from './provision';
import { startTemporalCluster, type ClusterTuning } from './temporal-cluster';
import { writeProvidedServiceTokens, type ServiceClients } from './service-tokens';
import { ensureClusterPki, TLS_SERVER_NAME, writeServiceTokens } from './temporal-pki';
import { startTemporalUi, type RunningUi, type UiSignIn } from './temporal-ui';

export interface ProductionTemporal {
  address: string;
  operator: () => Promise<TemporalConnectionOptions>;
  /** TEMPORAL_* settings of each service: its certificate, the CA, its token file. */
  envOf: (service: 'api' | 'worker') => Record<string, string>;
  /**
   * Starts the Web UI on `port` (once: its sign-in reads the identity provider's discovery at
   * start, so the provider must answer by then); stopped with the cluster.
   */
  startUi: (ui: { port: number; codecEndpoint?: string; signIn?: UiSignIn }) => Promise<void>;
  /** Each Temporal process's pid by name (`temporal-frontend`, `temporal-history-1`…, `temporal-ui`, `temporal-ui-gateway`). */
  pids: () => Record<string, number>;
  stop: () => Promise<void>;
}

export async function startProductionTemporal({
  dataDir,
  postgresAdminUrl,
  port,
  namespace,
  historyHosts,
  tuning,
  identityProvider,
  say,
}: {
  dataDir: string;
  postgresAdminUrl: string;
  port: number;
  namespace: string;
  /** Two unless said (benchmarks scale it). */
  historyHosts?: number;
  /** Benchmarks' knobs (the checked-in configuration's values unless said). */
  tuning?: ClusterTuning;
  /**
   * Where the services' tokens come from (make start): the identity provider at `issuer`, with the
   * clients registered there, and the frontend takes its keys. Unset (benchmarks): the launcher
   * signs them with the cluster's own key.
   */
  identityProvider?: { issuer: string; clients: ServiceClients };
  say: (line: string) => void;
}): Promise<ProductionTemporal> {
  const serverDir = provisionTemporalServer();
  const dir = join(dataDir, 'temporal-cluster');
  const pki = await ensureClusterPki(join(dir, 'pki'));
  if (pki.made) say(`Temporal: development CAs, certificates and token key made in ${pki.dir}`);
  const tokensDir = join(dir, 'tokens');
  // The provider's tokens hold an hour, the launcher's a day: each is renewed well before.
  const [writeTokens, renewMs] = identityProvider
    ? [
        () =>
          writeProvidedServiceTokens(identityProvider.issuer, identityProvider.clients, tokensDir),
        20 * 60_000,
      ]
    : [() => writeServiceTokens(pki, tokensDir, namespace), 3600_000];
  const tokens = await writeTokens();
  const renewing = setInterval(
    () =>
      void writeTokens().catch((error: unknown) =>
        say(`Temporal: service tokens not renewed: ${String(error)}`),
      ),
    renewMs,
  );
  renewing.unref();
  const cluster = await startTemporalCluster({
    serverDir,
    dir,
    pki,
    postgresAdminUrl,
    frontendPort: port,
    namespaces: [namespace],
    ...(historyHosts && { historyHosts }),
    ...(tuning && { tuning }),
    ...(identityProvider && { trustedJwks: [`${identityProvider.issuer}/jwks`] }),
    onOutput: (line) => say(`Temporal: ${line}`),
  });
  let ui: RunningUi | undefined;
  let uiLog: ReturnType<typeof createWriteStream> | undefined;
  const startUi: ProductionTemporal['startUi'] = async ({
    port: uiPort,
    codecEndpoint,
    signIn,
  }) => {
    if (ui) throw new Error('the Web UI runs already');
    const log = (uiLog ??= createWriteStream(join(dir, 'logs', 'ui.log'), { flags: 'a' }));
    ui = await startTemporalUi({
      serverDir,
      pki,
      frontendAddress: cluster.address,
      port: uiPort,
      namespace,
      ...(codecEndpoint && { codecEndpoint }),
      ...(signIn && { signIn }),
      readerTokenFile: tokens['web-ui'],
      log: (line) => log.write(`${line}\n`),
    });
  };
  return {
    address: cluster.address,
    operator: cluster.operator,
    envOf: (service) => ({
      TEMPORAL_TLS_CA_FILE: pki.clusterCa,
      TEMPORAL_TLS_CERT_FILE: pki.peers[service].cert,
      TEMPORAL_TLS_KEY_FILE: pki.peers[service].key,
      TEMPORAL_TLS_SERVER_NAME: TLS_SERVER_NAME,
      TEMPORAL_API_KEY_FILE: tokens[service],
    }),
    startUi,
    pids: () =>
      Object.fromEntries(
        [...cluster.parts, ...(ui?.parts ?? [])].flatMap(({ name, part }) =>
          part.child.pid === undefined ? [] : [[`temporal-${name}`, part.child.pid]],
        ),
      ),
    stop: async () => {
      clearInterval(renewing);
      await ui?.stop();
      uiLog?.end();
      await cluster.stop();
    },
  };
}
