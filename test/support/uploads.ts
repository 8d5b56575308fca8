// Uploading through the API as a browser's form would: multipart/form-data with `file` and `item`.
import request from 'supertest';
import type { Express } from 'express';

export function upload(
  app: Express,
  token: string,
  bytes: Buffer,
  { item = 'Giấy chứng sinh (bản scan)', filename = 'scan.pdf' } = {},
) {
  return request(app)
    .post('/v1/uploads')
    .set('Authorization', `Bearer ${token}`)
    .field('item', item)
    .attach('file', bytes, { filename, contentType: 'application/pdf' });
}

/** Reads a response's body as bytes, whatever its type (supertest's `.parse`). */
export const asBytes = (
  res: request.Response,
  done: (err: Error | null, body: Buffer) => void,
): void => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};
