// The services' Temporal tokens from the identity provider (production profile): the API, the worker
// and the Web UI's gateway are confidential clients of its client credentials grant
// (idp/clients.ts), registered with secrets made at each start; the launcher asks for their tokens
// and writes them where each service reads its own (TEMPORAL_API_KEY_FILE), again well before they
// expire. Temporal's frontend checks them with the provider's published keys.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import * as oauth from 'oauth4webapi';
import { TEMPORAL_RESOURCE, type ServiceClient } from '../../idp/clients';
import { serviceIdentities, writeTokenFiles, type ServiceIdentity } from './temporal-pki';

export type ServiceClients = Record<ServiceIdentity, ServiceClient>;

/** Each service's client: its identity's name and permissions, and a new secret. */
export function serviceClientsFor(namespace: string): ServiceClients {
  return Object.fromEntries(
    Object.entries(serviceIdentities(namespace)).map(([service, identity]) => [
      service,
      {
        clientId: identity.subject,
        secret: randomBytes(32).toString('base64url'),
        permissions: identity.permissions,
      },
    ]),
  ) as ServiceClients;
}

/** The clients as the provider reads them (IDP_SERVICE_CLIENTS_FILE), readable by this user only. */
export async function writeServiceClients(file: string, clients: ServiceClients): Promise<void> {
  await writeFile(file, JSON.stringify(Object.values(clients)), { mode: 0o600 });
}

/** How long the provider has to answer each request before the launcher gives up with an error. */
const PROVIDER_TIMEOUT_MS = 10_000;

/**
 * Asks the provider at `issuer` (its discovery read once) for services' Temporal tokens (RFC 6749
 * §4.4, RFC 8707), each answer checked by oauth4webapi.
 */
async function serviceTokenRequester(issuer: string) {
  const url = new URL(issuer);
  // The development provider is plain http on loopback; any other stays https-only.
  const options = () => ({
    signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
    [oauth.allowInsecureRequests]: url.protocol === 'http:',
  });
  const as = await oauth.processDiscoveryResponse(
    url,
    await oauth.discoveryRequest(url, options()),
  );
  return async ({ clientId, secret }: ServiceClient): Promise<string> => {
    const client: oauth.Client = { client_id: clientId };
    const response = await oauth.clientCredentialsGrantRequest(
      as,
      client,
      oauth.ClientSecretBasic(secret),
      { resource: TEMPORAL_RESOURCE, scope: 'temporal' },
      options(),
    );
    return (await oauth.processClientCredentialsResponse(as, client, response)).access_token;
  };
}

/** A Temporal token for `client` from the provider at `issuer`. */
export const requestServiceToken = async (issuer: string, client: ServiceClient) =>
  (await serviceTokenRequester(issuer))(client);

/** Each service's token from the provider at `issuer`, written to `<dir>/<service>.jwt` (0600). */
export async function writeProvidedServiceTokens(
  issuer: string,
  clients: ServiceClients,
  dir: string,
): Promise<Record<ServiceIdentity, string>> {
  const tokenOf = await serviceTokenRequester(issuer);
  return writeTokenFiles(
    dir,
    Object.fromEntries(
      Object.entries(clients).map(([service, client]) => [service, () => tokenOf(client)]),
    ) as Record<ServiceIdentity, () => Promise<string>>,
  );
}
