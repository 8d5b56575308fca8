// The services' Temporal tokens from the identity provider (production profile): the API, the worker
// and the Web UI's gateway are confidential clients of its client credentials grant
// (idp/clients.ts), registered with secrets made at each start; the launcher asks for their tokens
// and writes them where each service reads its own (TEMPORAL_API_KEY_FILE), again well before they
// expire. Temporal's frontend checks them with the provider's published keys.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TEMPORAL_RESOURCE, type ServiceClient } from '../../idp/clients';
import { serviceIdentities, type ServiceIdentity } from './temporal-pki';

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

/** A Temporal token for `client` from the provider at `issuer` (RFC 6749 §4.4, RFC 8707). */
export async function requestServiceToken(issuer: string, client: ServiceClient): Promise<string> {
  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as {
    token_endpoint: string;
  };
  const basic = Buffer.from(
    `${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.secret)}`,
  ).toString('base64');
  const answer = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${basic}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      resource: TEMPORAL_RESOURCE,
      scope: 'temporal',
    }),
  });
  if (!answer.ok)
    throw new Error(
      `the identity provider gave ${client.clientId} no Temporal token (${answer.status}): ${await answer.text()}`,
    );
  return ((await answer.json()) as { access_token: string }).access_token;
}

/** Each service's token from the provider, written to `<dir>/<service>.jwt` (0600). */
export async function writeProvidedServiceTokens(
  issuer: string,
  clients: ServiceClients,
  dir: string,
): Promise<Record<ServiceIdentity, string>> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const files = {} as Record<ServiceIdentity, string>;
  for (const [service, client] of Object.entries(clients)) {
    const path = join(dir, `${service}.jwt`);
    await writeFile(path, await requestServiceToken(issuer, client), { mode: 0o600 });
    files[service as ServiceIdentity] = path;
  }
  return files;
}
