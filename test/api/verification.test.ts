// The public verification route on its own table: what it answers for unknown and malformed codes,
// to browsers and to programs, how often one address may ask, and that each answer is audited.
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { useDatabaseApp } from '../support/api-app';

const LIMIT = 5;

describe('GET /verify/{code}', () => {
  const made = useDatabaseApp(undefined, { verifyRateLimitPerMinute: LIMIT });
  const code = 'ABCD0123EFGH';
  beforeAll(async () => {
    await made.database.db.query(
      `INSERT INTO documents (case_id, step, kind, issuer, number, template, verify_code, state,
                              pdf, sha256, issued_at)
       VALUES ('death-residence-funeral:X1', 'death', 'death_extract', 'civil-status',
               'KT-00004-2026-000009', 'death_extract/1', $1, 'issued', '\\x25504446',
               $2, now())`,
      [code, 'b'.repeat(64)],
    );
  });
  // One address: the suite's requests count against the limit, so the last test spends the rest.
  let used = 0;
  const verify = (path: string, accept = 'application/json') => {
    used += 1;
    return request(made.app).get(path).set('Accept', accept);
  };

  it('when a known code is asked for as JSON, then the document’s facts, not cached, varying by Accept', async () => {
    const response = await verify(`/verify/${code}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      kind: 'death_extract',
      number: 'KT-00004-2026-000009',
      status: 'valid',
      sha256: 'b'.repeat(64),
    });
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers.vary).toMatch(/Accept/);
  });

  it('when an unknown code is asked for, then 404 — problem+json for programs, a page saying so for browsers — and the attempt is audited', async () => {
    const json = await verify('/verify/ZZZZZZZZZZZZ');
    expect(json.status).toBe(404);
    expect(json.headers['content-type']).toMatch(/^application\/problem\+json/);
    const page = await verify('/verify/ZZZZZZZZZZZZ', 'text/html');
    expect(page.status).toBe(404);
    expect(page.text).toContain('Không tìm thấy văn bản có mã này');
    const { rows } = await made.database.db.query<{ outcome: number }>(
      `SELECT outcome FROM audit_log WHERE action = 'verifyDocument' AND case_id IS NULL`,
    );
    expect(rows).toEqual([{ outcome: 404 }, { outcome: 404 }]);
  });

  it('when the code is malformed or carries markup, then 400, and nothing of it is echoed as markup', async () => {
    const response = await verify('/verify/%3Cscript%3Ealert(1)%3C%2Fscript%3E', 'text/html');
    expect(response.status).toBe(400);
    expect(response.text).not.toContain('<script>');
  });

  it(`when one address verifies more than ${LIMIT} times a minute, then 429 with Retry-After`, async () => {
    const statuses: number[] = [];
    while (used < LIMIT) statuses.push((await verify(`/verify/${code}`)).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const refused = await verify(`/verify/${code}`);
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('60');
  });
});
