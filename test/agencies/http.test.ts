// The agency HTTP client's mapping of replies to outcomes and errors, over a fake fetch: what a
// gateway or a busy agency may answer must end as an AgencyError the activity's retry policy reads.
import { describe, expect, it } from 'vitest';
import { AgencyError, createAgencyHttp } from '../../agencies/http';

const HTML_502 = '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>';

const replying = (status: number, body: string, type = 'application/json') =>
  createAgencyHttp('http://agency.test', {
    fetch: () => Promise.resolve(new Response(body, { status, headers: { 'Content-Type': type } })),
  });

async function errorOf(run: () => Promise<unknown>): Promise<AgencyError> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AgencyError);
  return error as AgencyError;
}

describe('createAgencyHttp', () => {
  it.each([
    [502, HTML_502, 'text/html'],
    [503, HTML_502, 'text/html'],
    [504, 'upstream timed out', 'text/plain'],
    [429, '<html>slow down</html>', 'text/html'],
    [429, '{"code":"SIMULATOR.RATE_LIMITED"}', 'application/json'],
    [500, '{"code":"SIMULATOR.RANDOM_5XX"}', 'application/json'],
    [502, '{"title":"Bad Gateway","status":502}', 'application/problem+json'],
    [200, HTML_502, 'text/html'],
    [202, '{"truncated":', 'application/json'],
    [422, HTML_502, 'text/html'],
  ])(
    'when a POST is answered %i with %j, then it throws a retryable AgencyError',
    async (status, body, type) => {
      const error = await errorOf(() => replying(status, body, type).post('/x', {}, 'k-1'));

      expect(error.permanent).toBe(false);
      expect(error.message).toContain(`POST /x → ${status}`);
    },
  );

  it.each([
    [400, '{"code":"SIMULATOR.INVALID_REQUEST"}'],
    [404, HTML_502],
  ])('when a POST is answered %i, then the AgencyError is permanent', async (status, body) => {
    const error = await errorOf(() => replying(status, body).post('/x', {}, 'k-1'));

    expect(error.permanent).toBe(true);
  });

  it.each([
    [502, HTML_502],
    [429, ''],
    [200, HTML_502],
  ])(
    'when a lookup is answered %i with %j, then it throws a retryable AgencyError',
    async (status, body) => {
      const error = await errorOf(() => replying(status, body, 'text/html').get('/people/1'));

      expect(error.permanent).toBe(false);
    },
  );

  it('when the agency answers its JSON, then accepted, pending, rejected and lookups still read it', async () => {
    await expect(replying(200, '{"pin":"001"}').post('/x', {}, 'k')).resolves.toEqual({
      kind: 'accepted',
      result: { pin: '001' },
    });
    await expect(replying(202, '').post('/x', {}, 'k')).resolves.toEqual({
      kind: 'pending',
      body: {},
    });
    await expect(
      replying(422, '{"code":"A.B","reason":"r","returnTo":"civil-status"}').post('/x', {}, 'k'),
    ).resolves.toEqual({ kind: 'rejected', code: 'A.B', reason: 'r', returnTo: 'civil-status' });
    await expect(replying(200, '{"pin":"001"}').get('/people/1')).resolves.toEqual({ pin: '001' });
    await expect(replying(404, HTML_502, 'text/html').get('/people/1')).resolves.toBeUndefined();
  });

  it('when an agency’s JSON holds a lone surrogate or U+0000, then each becomes U+FFFD, so the reply can be stored', async () => {
    const body = String.raw`{"code":"A.B","reason":"12 \ud800 Phố \u0000","result":{"x":"\udfff"}}`;
    await expect(replying(422, body).post('/x', {}, 'k')).resolves.toEqual({
      kind: 'rejected',
      code: 'A.B',
      reason: '12 \ufffd Phố \ufffd',
    });
    await expect(replying(200, body).post('/x', {}, 'k')).resolves.toMatchObject({
      result: { result: { x: '\ufffd' } },
    });
  });
});
