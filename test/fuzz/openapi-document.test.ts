// The OpenAPI document is what the fuzzer (and every client) trusts: complete — each operation with
// every status the shared machinery can answer, examples on every body — and its examples valid.
import type { Client } from '@temporalio/client';
import pino from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApp } from '../../api/app';
import type { ApiDeps } from '../../api/deps';
import { caseInsensitivePattern } from '../../api/openapi';
import type { Db } from '../../db/pool';
import { testAuthenticator } from '../support/auth';

interface Schema {
  $ref?: string;
  example?: unknown;
  examples?: unknown[];
}
interface Media {
  schema?: Schema;
  examples?: Record<string, { value: unknown }>;
}
interface Response {
  description?: string;
  content?: Record<string, Media>;
}
interface Operation {
  operationId: string;
  security?: unknown[];
  parameters?: { in: string; name: string; schema: Schema & { default?: unknown } }[];
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, Response>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

async function openApiDocument(): Promise<Document> {
  const deps: ApiDeps = {
    temporal: {} as Client,
    db: {} as Db,
    authenticate: testAuthenticator,
    logger: pino({ level: 'silent' }),
    readiness: () => Promise.resolve({}),
    communes: new Map([['00004', { code: '00004', name: 'Phường Ba Đình', province_code: '001' }]]),
  };
  return (await request(createApp(deps)).get('/openapi.json')).body as Document;
}

const operations = (doc: Document) =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ path, method, op })),
  );

const resolve = (doc: Document, schema: Schema | undefined): Schema | undefined =>
  schema?.$ref ? doc.components.schemas[schema.$ref.split('/').pop() ?? ''] : schema;

describe('the OpenAPI document', () => {
  it('when an operation is read, then it documents every problem the shared machinery can answer', async () => {
    const doc = await openApiDocument();
    for (const { path, op } of operations(doc)) {
      const statuses = Object.keys(op.responses);
      const expected = ['500', '503'];
      if (op.security?.length) expected.push('401', '403');
      if (op.parameters?.length || op.requestBody) expected.push('400');
      if (path.includes('{')) expected.push('404');
      if (op.requestBody) expected.push('413', '415');
      if (path.startsWith('/v1/')) expected.push('429');
      expect(statuses, op.operationId).toEqual(expect.arrayContaining(expected));
      for (const [status, response] of Object.entries(op.responses)) {
        expect(response.description, `${op.operationId} ${status}`).toBeTruthy();
        expect(response.content, `${op.operationId} ${status} has a body`).toBeDefined();
        // Readiness lists what is down; a verification opened from a QR code on a phone says
        // "no such document" as a page too (GET /verify/{code}).
        const pages = op.operationId === 'verifyDocument' && status === '404' ? ['text/html'] : [];
        if (Number(status) >= 400 && op.operationId !== 'getReadiness') {
          expect(Object.keys(response.content ?? {})).toEqual([
            'application/problem+json',
            ...pages,
          ]);
        }
      }
    }
  });

  it('when a body or a response is read, then it carries examples', async () => {
    const doc = await openApiDocument();
    for (const { op } of operations(doc)) {
      for (const media of Object.values(op.requestBody?.content ?? {})) {
        expect(Object.keys(media.examples ?? {}).length, op.operationId).toBeGreaterThan(0);
      }
      for (const [status, response] of Object.entries(op.responses)) {
        for (const media of Object.values(response.content ?? {})) {
          const schema = resolve(doc, media.schema);
          const examples = schema?.examples ?? (schema?.example === undefined ? [] : [1]);
          expect(examples.length, `${op.operationId} ${status}`).toBeGreaterThan(0);
        }
      }
      for (const parameter of op.parameters ?? []) {
        if (parameter.in !== 'path') continue;
        expect(parameter.schema.example, `${op.operationId} ${parameter.name}`).toBeDefined();
      }
    }
  });

  it('when the examples are checked against the schemas that validate them, then every one passes', async () => {
    await openApiDocument(); // builds every route's schemas
    const named = [...z.globalRegistry._idmap.entries()];
    expect(named.length).toBeGreaterThan(10);
    for (const [id, schema] of named) {
      const examples: unknown = z.globalRegistry.get(schema)?.examples;
      for (const example of Array.isArray(examples) ? (examples as unknown[]) : []) {
        const result = z.safeParse(schema, example);
        expect(result.success, `${id}: ${JSON.stringify(result.error?.issues)}`).toBe(true);
      }
    }
  });

  it('when a pattern is read, then it carries no regex flags and a case-insensitive one is spelled out', async () => {
    const text = JSON.stringify(await openApiDocument());
    expect(text).not.toMatch(/"pattern":"[^"]*(?<!\\\\)\/[a-z]+"/);
    const pattern = caseInsensitivePattern('^[A-Z0-9][A-Z0-9/.-]{3,29}$');
    expect(pattern).toBe('^[A-Za-z0-9][A-Za-z0-9/.-]{3,29}$');
    expect(caseInsensitivePattern('^ab\\u00C0\\p{Lu}$')).toBe('^[aA][bB]\\u00C0\\p{Lu}$');
  });
});
