// versitygw (an S3-compatible gateway over a directory) in a test, with a bucket: the attachments' S3
// store and the audit checkpoints' object-locked bucket run against it. A missing binary is a
// failure, never a skip. `versioned`: with bucket versioning, which object lock needs.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3Settings } from '../../config/s3';
import { freePort } from '../../scripts/runtime/ports';

const ROOT = join(__dirname, '..', '..');

export async function startVersitygw(
  directory: string,
  { bucket = 'attachments-test', versioned = false, objectLock = false } = {},
): Promise<{ child: ChildProcess; settings: S3Settings; client: S3Client }> {
  const provisioned = spawnSync('bash', [join(ROOT, 'scripts/provision-versitygw.sh')], {
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (provisioned.status !== 0) throw new Error(`versitygw: ${provisioned.stderr}`);
  const binary = provisioned.stdout.trim();
  const port = await freePort();
  const credentials = { accessKeyId: 'lien-thong-test', secretAccessKey: randomUUID() };
  const objects = join(directory, 'objects');
  const versions = join(directory, 'versions');
  mkdirSync(objects, { recursive: true });
  if (versioned) mkdirSync(versions, { recursive: true });
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
      ...(versioned ? ['--versioning-dir', versions] : []),
      objects,
    ],
    { stdio: 'ignore' },
  );
  const settings: S3Settings = {
    bucket,
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials,
  };
  const client = new S3Client({ ...settings });
  for (let attempt = 0; ; attempt += 1) {
    try {
      await client.send(
        new CreateBucketCommand({ Bucket: bucket, ObjectLockEnabledForBucket: objectLock }),
      );
      break;
    } catch (error) {
      if (attempt > 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { child, settings, client };
}
