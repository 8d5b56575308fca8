// The identity provider's clients other than the pages, named where the launcher can read them
// without loading the provider.

/**
 * Temporal's Web UI (production profile): a confidential client — its server holds the secret and
 * makes the code exchange, without PKCE, which the UI server does not do (issue 23).
 */
export const TEMPORAL_UI_CLIENT_ID = 'temporal-web-ui';
