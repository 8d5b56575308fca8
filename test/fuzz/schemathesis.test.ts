// Hostile input against the real stack: schemathesis generates requests from /openapi.json — valid
// ones, invalid ones, edge cases — as each role, and checks that no response is a server error and
// that every response (status, content type, headers, body) is one the document declares.
// `make test` runs a bounded round; `make fuzz` runs the same file with FUZZ_MAX_EXAMPLES raised
// and keeps its reports under test-output/fuzz/.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_BIRTH_APPLICATION } from '../../domain/BirthApplication';
import { EXAMPLE_DEATH_APPLICATION } from '../../domain/DeathApplication';
import type { Principal } from '../../domain/principal';
import { deathCaseId } from '../../api/filing';
import { EXAMPLE_CASE_ID } from '../../api/schemas/case.schemas';
import { tokenFor } from '../support/auth';
import { file, waitForCase } from '../support/group-a';
import { startTestStack, type TestStack } from '../support/stack';

const ROOT = join(__dirname, '..', '..');
const REPORTS = join(ROOT, 'test-output', 'fuzz');
/** Test cases per operation and phase: small in `make test`, raised by `make fuzz`. */
const MAX_EXAMPLES = Number(process.env.FUZZ_MAX_EXAMPLES ?? 8);
const LONG = MAX_EXAMPLES > 8;
const SEED = process.env.FUZZ_SEED ?? '20261122';

/** Who calls: nobody, then every role with the claims the example cases concern. */
const CALLERS: [name: string, principal: Principal | undefined][] = [
  ['anonymous', undefined],
  ['admin', { sub: 'fuzz-admin', role: 'admin' }],
  ['clerk', { sub: 'fuzz-clerk', role: 'clerk', jurisdiction: '00004' }],
  [
    'citizen',
    { sub: 'fuzz-citizen', role: 'citizen', pin: EXAMPLE_BIRTH_APPLICATION.applicant.pin },
  ],
  [
    'officer',
    { sub: 'fuzz-officer', role: 'officer', agency: 'civil-status', jurisdiction: '00004' },
  ],
  ['supervisor', { sub: 'fuzz-supervisor', role: 'supervisor', jurisdiction: '00004' }],
];

const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_headers_conformance',
  'response_schema_conformance',
  'negative_data_rejection',
].join(',');

const EXAMPLE_CASE_PATH = encodeURIComponent(EXAMPLE_CASE_ID);
const HOSTILE_REJECTION = { decision: 'reject', reason: 'thiếu\u0000 giấy tờ' };

interface Operation {
  operationId: string;
  requestBody?: unknown;
  'x-roles'?: string[];
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
}

interface Outcome {
  code: number | null;
  output: string;
  /** Test cases schemathesis generated and sent (its summary line). */
  generated: number;
}

function schemathesis(st: string, args: string[], timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(st, args, {
      cwd: REPORTS,
      env: { ...process.env, NO_COLOR: '1', PYTHONIOENCODING: 'utf-8', COLUMNS: '120' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      const generated = Number(/Test cases:\s*(\d+) generated/.exec(output)?.[1] ?? 0);
      resolve({ code, output, generated });
    });
  });
}

describe('schemathesis against the real stack', () => {
  let stack: TestStack;
  let server: Server;
  let url: string;
  let st: string;
  let document: OpenApiDocument;
  const generated: Record<string, number> = {};

  const operations = () => Object.values(document.paths).flatMap((item) => Object.values(item));
  /** By the document's `x-roles`; the public operations are nobody's in particular. */
  const mayCall = (principal: Principal | undefined, op: Operation) =>
    principal ? (op['x-roles']?.includes(principal.role) ?? false) : op['x-roles'] === undefined;
  /**
   * In `make test`, the operations `caller` may call, less those with a body that an earlier caller
   * already fuzzes: a body is validated the same whoever sends it, and the coverage phase of a large
   * body takes seconds per caller. Refusals (401/403) are the authorization matrix's to prove.
   */
  const boundedOperationsFor = (caller: number) =>
    operations()
      .filter((op) => mayCall(CALLERS[caller]?.[1], op))
      .filter((op) => !op.requestBody || !CALLERS.slice(0, caller).some(([, p]) => mayCall(p, op)))
      .map((op) => op.operationId)
      .join('|');

  beforeAll(async () => {
    st = execFileSync('bash', [join(ROOT, 'scripts', 'provision-schemathesis.sh')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    })
      .trim()
      .split('\n')
      .pop() as string;
    mkdirSync(REPORTS, { recursive: true });
    stack = await startTestStack();
    server = stack.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    document = (await request(stack.app).get('/openapi.json')).body as OpenApiDocument;
    // The documents' example cases exist, so requests built from the examples reach live cases.
    expect((await file(stack.app, EXAMPLE_BIRTH_APPLICATION)).status).toBe(202);
    expect((await file(stack.app, EXAMPLE_DEATH_APPLICATION)).status).toBe(202);
    const pin = EXAMPLE_BIRTH_APPLICATION.applicant.pin;
    await waitForCase(stack.app, EXAMPLE_CASE_ID, pin, () => undefined);
    await waitForCase(
      stack.app,
      deathCaseId(EXAMPLE_DEATH_APPLICATION.deceased.pin),
      EXAMPLE_DEATH_APPLICATION.applicant.pin,
      () => undefined,
    );
  });

  afterAll(async () => {
    if (server) await new Promise((resolve) => server.close(resolve));
    await stack?.stop();
    const total = Object.values(generated).reduce((a, b) => a + b, 0);
    const lines = Object.entries(generated).map(([who, n]) => `${who}: ${n}`);
    const summary = `${lines.join('\n')}\ntotal: ${total} generated test cases\n`;
    writeFileSync(join(REPORTS, 'summary.txt'), summary);
    if (LONG) process.stdout.write(`[fuzz] ${summary}`);
  });

  it.each(CALLERS)(
    'when %s sends generated requests, then no 5xx and every response is as documented',
    async (name, principal) => {
      const args = [
        'run',
        `${url}/openapi.json`,
        '--url',
        url,
        '--checks',
        CHECKS,
        '--max-examples',
        String(MAX_EXAMPLES),
        // Same cases every time in `make test`; a seeded, wider search in `make fuzz`.
        ...(LONG
          ? ['--seed', SEED, '--generation-database', 'none']
          : ['--generation-deterministic']),
        // The generator's own speed check, not the API's: a loaded CI machine must not fail it.
        '--suppress-health-check',
        'too_slow',
        // One worker: with several, CPython 3.11's parser can fail in threads ("AST constructor
        // recursion depth mismatch" inside hypothesis), an error of the tool, not of the API.
        '--workers',
        '1',
        '--request-timeout',
        '20',
        '--no-color',
        '--report',
        'junit',
        '--report-junit-path',
        join(REPORTS, `${name}.xml`),
        // e.g. FUZZ_ARGS='--include-path-regex ^/v1/cases --phases coverage' to look at one thing.
        ...(process.env.FUZZ_ARGS?.split(' ').filter(Boolean) ?? []),
      ];
      if (principal) {
        args.push('--header', `Authorization: Bearer ${await tokenFor(principal, '3h')}`);
      }
      // `make fuzz`: every caller on every operation.
      if (!LONG) {
        const ids = boundedOperationsFor(CALLERS.findIndex(([who]) => who === name));
        args.push('--include-operation-id-regex', `^(${ids})$`);
      }
      const outcome = await schemathesis(st, args, LONG ? 600_000 : 150_000);
      generated[name] = outcome.generated;
      writeFileSync(join(REPORTS, `${name}.txt`), outcome.output);
      if (outcome.code !== 0) process.stdout.write(`[schemathesis as ${name}]\n${outcome.output}`);
      expect(outcome.code).toBe(0);
    },
    LONG ? 660_000 : 160_000,
  );

  // What the generators reach only by luck, each once found by hand: values PostgreSQL refuses
  // (U+0000 in text, the year 0) used to reach SQL or the read model and answer 500.
  it.each([
    ['admin', 'get', '/v1/cases?procedure=%00', undefined],
    ['admin', 'get', '/v1/cases?from=0000-01-01', undefined],
    ['officer', 'post', '/v1/tasks/ab%00cd/decision', { decision: 'approve' }],
    ['clerk', 'post', `/v1/cases/${EXAMPLE_CASE_PATH}/withdraw`, { reason: 'a\u0000bcd' }],
    ['officer', 'post', `/v1/tasks/${EXAMPLE_CASE_PATH}%3Abirth/decision`, HOSTILE_REJECTION],
    [
      'supervisor',
      'post',
      `/v1/tasks/${EXAMPLE_CASE_PATH}%3Abirth/assignment`,
      { officer: 'a\u0000' },
    ],
  ] as const)(
    'when %s sends %s %s with a value PostgreSQL refuses, then 400',
    async (who, method, path, body) => {
      const principal = CALLERS.find(([name]) => name === who)?.[1] as Principal;
      const call = request(stack.app)
        [method](path)
        .set('Authorization', `Bearer ${await tokenFor(principal)}`);
      const response = await (body ? call.send(body) : call);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'API.VALIDATION' });
    },
  );
});
