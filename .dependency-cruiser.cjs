// Layer rules (STYLE rule 3), checked in the tests (test/architecture/layers.test.ts) and by
// `npm run deps:check`. Paths are relative to the project root.
const IO_PACKAGES = 'node_modules/(pg|pg-[^/]+|express|undici|node-fetch|axios|pino[^/]*)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'workflows-no-io',
      comment:
        'workflows/ is deterministic orchestration: it imports domain/ and @temporalio/workflow; ' +
        'activities only as types.',
      severity: 'error',
      from: { path: '^workflows/' },
      to: {
        path: ['^(activities|agencies|db|api|worker|config|scripts|web)/', IO_PACKAGES],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'workflows-no-node-builtins',
      severity: 'error',
      from: { path: '^workflows/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'workflows-no-holiday-library',
      comment:
        'date-holidays knows every country and is large: workflows get a calendar snapshot in their ' +
        'input (domain/calendar/working-days.ts) instead.',
      severity: 'error',
      from: { path: '^workflows/' },
      to: { path: ['^domain/calendar/vietnam\\.ts$', 'node_modules/date-holidays/'] },
    },
    {
      name: 'domain-is-pure',
      comment: 'domain/ imports nothing else from the project, no Node built-ins and no I/O.',
      severity: 'error',
      from: { path: '^domain/' },
      to: {
        pathNot: ['^domain/', '^node_modules/'],
      },
    },
    {
      name: 'domain-no-node-builtins',
      severity: 'error',
      from: { path: '^domain/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'domain-no-io-packages',
      severity: 'error',
      from: { path: '^domain/' },
      to: { path: [IO_PACKAGES, 'node_modules/@temporalio/(client|worker|activity)/'] },
    },
    {
      name: 'api-no-activities-or-db-writes',
      comment:
        'api/ reads through db/queries and db/pool; it never runs activities or writes procedure ' +
        'state (its own audit log, Idempotency-Key replies, stuck-case scan findings, the officer ' +
        'directory admins keep, the delegations supervisors keep, the annulment requests people record, the calendar notices admins ' +
        'record, the requests it sends workflows, what it records of a filing — with its case’s ' +
        'first read-model row and the start it owes (the filing outbox) — uploads and their ' +
        'attachments, the check of its own database login and the audit chain’s checkpoints, excepted).',
      severity: 'error',
      from: { path: '^api/' },
      to: {
        path: [
          '^activities/',
          '^db/(?!queries/|pool\\.ts$|idempotency\\.repository\\.ts$|audit\\.repository\\.ts$|stuck-cases\\.repository\\.ts$|officers\\.repository\\.ts$|delegations\\.repository\\.ts$|annulments\\.repository\\.ts$|calendar\\.repository\\.ts$|action-outcomes\\.repository\\.ts$|filings\\.repository\\.ts$|case-starts\\.repository\\.ts$|app-login\\.ts$|audit-checkpoints\\.ts$|audit-checkpoints-s3\\.ts$|uploads\\.repository\\.ts$|stored-files\\.repository\\.ts$)',
        ],
      },
    },
    {
      name: 'identity-provider-apart',
      comment:
        'idp/ is the development identity provider, a service of its own: nothing of the system ' +
        'imports it (the API knows it only by its issuer and JWKS); it may read the domain and db.',
      severity: 'error',
      from: { path: '^(api|worker|workflows|activities|domain|db|documents|agencies|web)/' },
      to: { path: '^idp/' },
    },
    {
      name: 'documents-below-their-callers',
      comment:
        'documents/ renders, signs and issues what a case hands out; the API and the worker call ' +
        'it, never the other way round.',
      severity: 'error',
      from: { path: '^documents/' },
      to: { path: '^(api|worker|activities|workflows|scripts)/' },
    },
    {
      name: 'api-no-signing-keys',
      comment:
        'The signing keys stay in the worker: the public API renders the receipt, never signs.',
      severity: 'error',
      from: { path: '^api/' },
      to: { path: '^documents/(signer|pki|issuer)\\.ts$' },
    },
    {
      name: 'agencies-only-over-http',
      comment:
        'Agency systems are separate services: the engine reaches them over HTTP, never in-process.',
      severity: 'error',
      from: { path: '^(api|worker|activities|workflows|db|domain)/' },
      to: { path: '^agencies/simulators/' },
    },
    {
      name: 'simulators-are-separate',
      comment:
        'The simulators stand in for other agencies’ systems: they know nothing of the engine.',
      severity: 'error',
      from: { path: '^agencies/simulators/' },
      to: { path: '^(api|worker|activities|workflows)/' },
    },
    {
      name: 'web-only-domain',
      comment:
        'web/src runs in the browser: it shares the domain’s schemas and labels, and reaches ' +
        'everything else over the HTTP API.',
      severity: 'error',
      from: { path: '^web/src/' },
      to: { pathNot: ['^web/src/', '^domain/', '^node_modules/'] },
    },
    {
      name: 'web-no-node-builtins',
      severity: 'error',
      from: { path: '^web/src/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|data|build|test-output)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
