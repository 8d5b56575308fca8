// POST /v1/uploads on a real database (no Temporal): what is kept, what is refused and how, with the
// limits enforced while the body streams in, and the audit log naming each kept file's SHA-256.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import pino from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { postgresStorage } from '../../api/uploads/pg-storage';
import type { Scanner } from '../../api/uploads/scanner';
import { aLargePdf, aPdf, aPng, anExecutable } from '../fixtures/files';
import { CLERK, testAuthenticator, tokenFor } from '../support/auth';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { upload } from '../support/uploads';

const MIB = 1_048_576;
const CITIZEN = { sub: 'citizen-uploads', role: 'citizen', pin: '001190012345' } as const;

describe('POST /v1/uploads', () => {
  let database: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let infectedApp: ReturnType<typeof createApp>;
  beforeAll(async () => {
    database = await createTestDatabase();
    const deps = {
      temporal: {} as Client,
      db: database.appDb,
      authenticate: testAuthenticator,
      logger: pino({ level: 'silent' }),
      readiness: () => Promise.resolve({}),
      communes: new Map(),
    };
    app = createApp(deps);
    const eicar: Scanner = {
      description: 'finds EICAR in everything',
      scan: () => Promise.resolve({ kind: 'infected', signature: 'Eicar-Signature' }),
    };
    infectedApp = createApp({ ...deps, attachments: { scanner: eicar } });
  });
  afterAll(async () => {
    await database?.drop();
  });

  const storedFiles = async () =>
    Number((await database.db.query('SELECT count(*) AS n FROM stored_files')).rows[0].n);

  it('when a clerk uploads a PDF, then 201 with its SHA-256, size and sniffed type, the bytes kept, and the digest in the audit log', async () => {
    const pdf = aPdf();

    const response = await upload(app, await tokenFor(CLERK), pdf, { filename: 'scan.bin' });

    expect(response.status).toBe(201);
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    expect(response.body).toMatchObject({
      sha256,
      size: pdf.length,
      mediaType: 'application/pdf',
      item: 'Giấy chứng sinh (bản scan)',
      scan: 'not_scanned',
    });
    const { rows } = await database.db.query(
      `SELECT u.owner_sub, s.bytes FROM uploads u JOIN stored_files s ON s.key = u.storage_key
        WHERE u.upload_id = $1`,
      [response.body.uploadId],
    );
    expect(rows[0].owner_sub).toBe(CLERK.sub);
    expect(Buffer.compare(rows[0].bytes as Buffer, pdf)).toBe(0);
    const audit = await database.db.query(
      "SELECT sha256, outcome FROM audit_log WHERE action = 'uploadFile' AND sha256 = $1",
      [sha256],
    );
    expect(audit.rows).toEqual([{ sha256, outcome: 201 }]);
  });

  it('when a citizen uploads a PNG named .pdf, then it is kept as the PNG it is', async () => {
    const response = await upload(app, await tokenFor(CITIZEN), aPng());
    expect(response.status).toBe(201);
    expect(response.body.mediaType).toBe('image/png');
  });

  it('when an executable is renamed .pdf, then 400 problem+json and nothing is stored', async () => {
    const before = await storedFiles();

    const response = await upload(app, await tokenFor(CLERK), anExecutable(), {
      filename: 'giay-chung-sinh.pdf',
    });

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ code: 'API.UPLOAD_TYPE_REFUSED' });
    expect(response.body.detail).toContain('application/x-msdownload');
    expect(await storedFiles()).toBe(before);
  });

  it('when the file is 11 MiB, then 413 problem+json and nothing is stored', async () => {
    const before = await storedFiles();

    const response = await upload(app, await tokenFor(CLERK), aLargePdf(11 * MIB));

    expect(response.status).toBe(413);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ code: 'API.PAYLOAD_TOO_LARGE', maxBytes: 10 * MIB });
    expect(await storedFiles()).toBe(before);
  });

  it('when 11 MiB stream in without a Content-Length, then reading stops at the limit: 413', async () => {
    // Chunked: the size is known only as the bytes arrive, so the limit is busboy's, mid-stream.
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const token = await tokenFor(CLERK);
    const boundary = 'x-boundary-x';
    const { port } = server.address() as AddressInfo;
    try {
      const status = await new Promise<{ status: number; type: string; body: string }>(
        (resolve, reject) => {
          const req = http.request(
            {
              host: '127.0.0.1',
              port,
              method: 'POST',
              path: '/v1/uploads',
              headers: {
                Authorization: `Bearer ${token}`,
                'Content-Type': `multipart/form-data; boundary=${boundary}`,
                'Transfer-Encoding': 'chunked',
              },
            },
            (res) => {
              let body = '';
              res.on('data', (c: Buffer) => (body += c.toString()));
              res.on('end', () =>
                resolve({
                  status: res.statusCode ?? 0,
                  type: String(res.headers['content-type']),
                  body,
                }),
              );
            },
          );
          req.on('error', reject);
          req.write(
            `--${boundary}\r\nContent-Disposition: form-data; name="item"\r\n\r\nGiấy chứng sinh\r\n` +
              `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n` +
              'Content-Type: application/pdf\r\n\r\n',
          );
          const big = aLargePdf(11 * MIB);
          for (let at = 0; at < big.length; at += 256 * 1024)
            req.write(big.subarray(at, at + 256 * 1024));
          req.end(`\r\n--${boundary}--\r\n`);
        },
      );
      expect(status.status).toBe(413);
      expect(status.type).toMatch(/^application\/problem\+json/);
    } finally {
      server.close();
    }
  });

  it.each([
    [
      'no file',
      (r: request.Test) => r.field('item', 'Giấy chứng sinh'),
      400,
      { errors: [{ in: 'body', pointer: '/file', detail: 'cần gửi kèm tệp' }] },
    ],
    [
      'two files',
      (r: request.Test) =>
        r
          .field('item', 'Giấy chứng sinh')
          .attach('file', aPdf(), 'a.pdf')
          .attach('file', aPdf(), 'b.pdf'),
      400,
      { code: 'API.VALIDATION' },
    ],
    [
      'a file under another name',
      (r: request.Test) => r.field('item', 'Giấy chứng sinh').attach('document', aPdf(), 'a.pdf'),
      400,
      { code: 'API.VALIDATION' },
    ],
    [
      'no item',
      (r: request.Test) => r.attach('file', aPdf(), 'a.pdf'),
      400,
      { errors: [expect.objectContaining({ pointer: '/item' })] },
    ],
    [
      'an item with a right-to-left override',
      (r: request.Test) => r.field('item', 'Giấy \u202Efdp.exe').attach('file', aPdf(), 'a.pdf'),
      400,
      { errors: [expect.objectContaining({ pointer: '/item' })] },
    ],
    [
      'JSON instead of a form',
      (r: request.Test) => r.send({ file: 'JVBERi0=', item: 'Giấy chứng sinh' }),
      415,
      { code: 'API.UNSUPPORTED_MEDIA_TYPE' },
    ],
  ] as const)('when the request has %s, then %i problem+json', async (_, shape, status, body) => {
    const before = await storedFiles();
    const base = request(app)
      .post('/v1/uploads')
      .set('Authorization', `Bearer ${await tokenFor(CLERK)}`);

    const response = await shape(base);

    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject(body);
    expect(await storedFiles()).toBe(before);
  });

  it('when an officer uploads, then 403: only citizens and clerks hand in files', async () => {
    const officer = {
      sub: 'o',
      role: 'officer',
      agency: 'civil-status',
      jurisdiction: '00004',
    } as const;
    const response = await upload(app, await tokenFor(officer), aPdf());
    expect(response.status).toBe(403);
  });

  it('when the scanner finds malware, then 422 problem+json naming it, and nothing is stored', async () => {
    const before = await storedFiles();

    const response = await upload(infectedApp, await tokenFor(CLERK), aPdf());

    expect(response.status).toBe(422);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ code: 'API.UPLOAD_INFECTED' });
    expect(response.body.detail).toContain('Eicar-Signature');
    expect(await storedFiles()).toBe(before);
  });

  it('when the store is this database, then the upload row names bytes the store returns', async () => {
    const response = await upload(app, await tokenFor(CLERK), aPng());
    const { rows } = await database.db.query(
      'SELECT storage_key FROM uploads WHERE upload_id = $1',
      [response.body.uploadId],
    );
    const stored = await postgresStorage(database.appDb).get(rows[0].storage_key as string);
    expect(stored?.size).toBe(aPng().length);
  });
});
