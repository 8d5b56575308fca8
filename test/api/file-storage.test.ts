// The one storage interface, run against each store the API can be configured with: this database,
// a directory, and a real S3-compatible server (versitygw, an S3 gateway over a directory, built
// from source by scripts/provision-versitygw.sh and cached like the other binaries).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesystemStorage } from '../../api/uploads/fs-storage';
import { postgresStorage } from '../../api/uploads/pg-storage';
import { s3Storage, type S3Settings } from '../../api/uploads/s3-storage';
import type { FileStorage } from '../../api/uploads/storage';
import { createTestDatabase, type TestDatabase } from '../support/database';

const ROOT = join(__dirname, '..', '..');

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** versitygw on a fresh directory, with a bucket; a missing binary is a failure, never a skip. */
async function startVersitygw(directory: string) {
  const provisioned = spawnSync('bash', [join(ROOT, 'scripts/provision-versitygw.sh')], {
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (provisioned.status !== 0) throw new Error(`versitygw: ${provisioned.stderr}`);
  const binary = provisioned.stdout.trim();
  const port = await freePort();
  const credentials = { accessKeyId: 'lien-thong-test', secretAccessKey: randomUUID() };
  const child = spawn(
    binary,
    [
      '--access',
      credentials.accessKeyId,
      '--secret',
      credentials.secretAccessKey,
      '--port',
      `127.0.0.1:${port}`,
      'posix',
      directory,
    ],
    { stdio: 'ignore' },
  );
  const settings: S3Settings = {
    bucket: 'attachments-test',
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials,
  };
  const client = new S3Client({ ...settings });
  for (let attempt = 0; ; attempt += 1) {
    try {
      await client.send(new CreateBucketCommand({ Bucket: settings.bucket }));
      break;
    } catch (error) {
      if (attempt > 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { child, settings };
}

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

  it('when a key is not one the API makes (a path, say), then every operation refuses it', async () => {
    await expect(storage.put('../../etc/passwd', Buffer.from('x'), 'x')).rejects.toThrow(
      RangeError,
    );
    await expect(storage.get('../x')).rejects.toThrow(RangeError);
    await expect(storage.delete('a/b')).rejects.toThrow(RangeError);
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
