// The one storage interface, run against each store the API can be configured with: this database,
// a directory, and a real S3-compatible server (versitygw, an S3 gateway over a directory, built
// from source by scripts/provision-versitygw.sh and cached like the other binaries).
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesystemStorage } from '../../api/uploads/fs-storage';
import { postgresStorage } from '../../api/uploads/pg-storage';
import { s3Storage } from '../../api/uploads/s3-storage';
import type { FileStorage } from '../../api/uploads/storage';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startVersitygw } from '../support/versitygw';

describe.each(['postgres', 'filesystem', 's3'] as const)('the %s file storage', (kind) => {
  let storage: FileStorage;
  let database: TestDatabase | undefined;
  let directory: string;
  let gateway: ChildProcess | undefined;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), `storage-${kind}-`));
    switch (kind) {
      case 'postgres':
        database = await createTestDatabase();
        storage = postgresStorage(database.appDb);
        break;
      case 'filesystem':
        storage = filesystemStorage(directory);
        break;
      case 's3': {
        const started = await startVersitygw(directory);
        gateway = started.child;
        storage = s3Storage(started.settings);
        break;
      }
    }
  }, 600_000);
  afterAll(async () => {
    gateway?.kill();
    await database?.drop();
    await rm(directory, { recursive: true, force: true });
  });

  it('when bytes are put, then get streams the same bytes and their size', async () => {
    const key = randomUUID();
    await storage.put(key, Buffer.from('%PDF-1.4 giấy chứng sinh'), 'application/pdf');

    const stored = await storage.get(key);

    expect(stored?.size).toBe(Buffer.byteLength('%PDF-1.4 giấy chứng sinh'));
    expect(await text(stored?.body ?? Readable.from([]))).toBe('%PDF-1.4 giấy chứng sinh');
  });

  it('when a key is put again, then the later bytes stand', async () => {
    const key = randomUUID();
    await storage.put(key, Buffer.from('first'), 'application/pdf');
    await storage.put(key, Buffer.from('second'), 'application/pdf');
    expect(await text((await storage.get(key))?.body ?? Readable.from([]))).toBe('second');
  });

  it('when a key is deleted (twice), then get finds nothing and neither delete fails', async () => {
    const key = randomUUID();
    await storage.put(key, Buffer.from('x'), 'image/png');

    await storage.delete(key);
    await storage.delete(key);

    expect(await storage.get(key)).toBeUndefined();
  });

  it('when a key was never put, then get answers undefined', async () => {
    expect(await storage.get(randomUUID())).toBeUndefined();
  });

  it('when the store answers, then it is reachable (for /readyz)', async () => {
    expect(await storage.reachable()).toBe(true);
  });

  it('when a key is not one the API makes (a path, say), then every operation refuses it', async () => {
    await expect(storage.put('../../etc/passwd', Buffer.from('x'), 'x')).rejects.toThrow(
      RangeError,
    );
    await expect(storage.get('../x')).rejects.toThrow(RangeError);
    await expect(storage.delete('a/b')).rejects.toThrow(RangeError);
  });
});

describe('a store that cannot take files', () => {
  it('when the directory cannot be written, then the filesystem store is not reachable', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'storage-fs-'));
    const file = join(parent, 'a-file');
    await writeFile(file, '');
    // A directory under a regular file can be neither made nor written.
    expect(await filesystemStorage(join(file, 'attachments')).reachable()).toBe(false);
    await rm(parent, { recursive: true, force: true });
  });

  it('when the S3 endpoint does not answer, then the s3 store is not reachable', async () => {
    const nowhere = s3Storage({
      endpoint: 'http://127.0.0.1:9',
      region: 'us-east-1',
      forcePathStyle: true,
      bucket: 'lien-thong',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    });
    expect(await nowhere.reachable()).toBe(false);
  });
});

describe('filesystemStorage', () => {
  it('when a file is put, then no partial file is left beside it', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'storage-fs-'));
    const key = randomUUID();
    await filesystemStorage(directory).put(key, Buffer.alloc(1024), 'application/pdf');
    expect(await readdir(join(directory, key.slice(0, 2)))).toEqual([key]);
    await rm(directory, { recursive: true, force: true });
  });
});
