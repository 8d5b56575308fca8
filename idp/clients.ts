// The identity provider's clients other than the pages, named where the launcher can read them
// without loading the provider.
import { z } from 'zod';

/**
 * Temporal's Web UI (production profile): a confidential client — its server holds the secret and
 * makes the code exchange, without PKCE, which the UI server does not do (issue 23).
 */
export const TEMPORAL_UI_CLIENT_ID = 'temporal-web-ui';

/**
 * Temporal as a resource server (RFC 8707): the services' tokens for its authorizer. Their `aud` is
 * the audience Temporal's frontend checks (deploy/temporal/production.yaml), and they carry the
 * `permissions` its default claim mapper reads.
 */
export const TEMPORAL_RESOURCE = 'urn:lien-thong:temporal';
export const TEMPORAL_AUDIENCE = 'temporal';

/**
 * A service's identity at Temporal (the API, the worker, the Web UI's gateway): a confidential
 * client of the client credentials grant, and what its tokens let it do —
 * `<namespace>:<read|write|worker|admin>` as Temporal's default authorizer reads them.
 */
export const ServiceClient = z.object({
  clientId: z.string().regex(/^[a-z][a-z0-9-]{2,63}$/),
  secret: z.string().min(32),
  permissions: z.array(z.string().regex(/^[A-Za-z0-9._-]+:(read|write|worker|admin)$/)).min(1),
});
export type ServiceClient = z.infer<typeof ServiceClient>;
export const ServiceClients = z.array(ServiceClient);
