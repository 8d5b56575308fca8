// The audit checkpoints in an object-locked bucket (issue 24), against a real S3 server (versitygw
// with versioning): each checkpoint is written once and locked in COMPLIANCE mode, so whoever holds
// the bucket's keys — the API's, an operator's — can neither rewrite nor delete what was signed; a
// checkpoint written over or deleted is still read from its first version, and said to be tampered.
import type { ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeleteObjectCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAnchoredAuditLog, writeCheckpoint } from '../../db/audit-checkpoints';
import { checkpointStoreFromEnv, s3CheckpointStore } from '../../db/audit-checkpoints-s3';
import { appendAudit } from '../../db/audit.repository';
import type { S3Settings } from '../../config/s3';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startVersitygw } from '../support/versitygw';

let directory = '';
let gateway: ChildProcess | undefined;
let settings: S3Settings;
let client: S3Client;
let database: TestDatabase;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'checkpoints-s3-'));
  const started = await startVersitygw(directory, {
    bucket: 'audit-checkpoints',
    versioned: true,
    objectLock: true,
  });
  ({ settings, client } = started);
  gateway = started.child;
  database = await createTestDatabase();
}, 600_000);
afterAll(async () => {
  gateway?.kill();
  await database?.drop();
  await rm(directory, { recursive: true, force: true });
});

const envOf = (bucket: string, prefix: string) => ({
  AUDIT_CHECKPOINT_S3_BUCKET: bucket,
  AUDIT_CHECKPOINT_S3_PREFIX: prefix,
  AUDIT_CHECKPOINT_RETENTION_DAYS: 1,
  S3_ENDPOINT: settings.endpoint,
  S3_REGION: settings.region,
  S3_FORCE_PATH_STYLE: 'true' as const,
  S3_ACCESS_KEY_ID: settings.credentials?.accessKeyId,
  S3_SECRET_ACCESS_KEY: settings.credentials?.secretAccessKey,
});

const audit = (n: number) =>
  appendAudit(
    database.appDb,
    ...Array.from({ length: n }, (_, i) => ({
      actor: `clerk-${i}`,
      role: 'clerk',
      action: 'POST /v1/cases',
      outcome: 202,
    })),
  );

describe('audit checkpoints in an object-locked bucket', () => {
  it('when checkpoints are written, then each is a locked object of its own and the log verifies against them', async () => {
    const prefix = 'intact/';
    const store = await checkpointStoreFromEnv(envOf(settings.bucket, prefix));
    if (!store) throw new Error('no store made');
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    await audit(2);
    const first = await writeCheckpoint(database.appDb, store, privateKey);
    await audit(2);
    await writeCheckpoint(database.appDb, store, privateKey, first?.seq);

    const result = await verifyAnchoredAuditLog(database.appDb, store, [publicKey]);

    expect(result).toMatchObject({ checkpoints: 2, unanchored: 0, problems: [] });
    const listed = await client.send(
      new ListObjectVersionsCommand({ Bucket: settings.bucket, Prefix: prefix }),
    );
    expect(listed.Versions).toHaveLength(2);
    // Written once: the same checkpoint again is refused by the store itself.
    await expect(store.append(first ?? ({} as never))).rejects.toMatchObject({
      name: 'PreconditionFailed',
    });
  });

  it('when the bucket’s keys are used to write a checkpoint over and to delete another, then the signed versions stay, are the ones read, and the tampering is named', async () => {
    const prefix = 'tampered/';
    const store = s3CheckpointStore({ ...settings, prefix, retentionDays: 1 });
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    await audit(1);
    const first = await writeCheckpoint(database.appDb, store, privateKey);
    await audit(1);
    const second = await writeCheckpoint(database.appDb, store, privateKey, first?.seq);
    const keys = (
      await client.send(new ListObjectVersionsCommand({ Bucket: settings.bucket, Prefix: prefix }))
    ).Versions?.map((v) => ({ Key: v.Key ?? '', VersionId: v.VersionId ?? '' })).sort((a, b) =>
      a.Key.localeCompare(b.Key),
    );
    const [firstObject, secondObject] = keys ?? [];

    // Act: as whoever holds the bucket's keys
    await client.send(
      new PutObjectCommand({
        Bucket: settings.bucket,
        Key: firstObject?.Key,
        Body: JSON.stringify({ ...first, hash: '0'.repeat(64) }),
      }),
    );
    await client.send(new DeleteObjectCommand({ Bucket: settings.bucket, Key: secondObject?.Key }));
    const lockedDelete = client.send(
      new DeleteObjectCommand({
        Bucket: settings.bucket,
        Key: secondObject?.Key,
        VersionId: secondObject?.VersionId,
      }),
    );

    // Assert: the signed version cannot be removed, and both are still read and verified
    await expect(lockedDelete).rejects.toThrow(/object lock/i);
    const result = await verifyAnchoredAuditLog(database.appDb, store, [publicKey]);
    expect(result.checkpoints).toBe(2);
    expect(result.problems).toEqual([
      `checkpoint object ${firstObject?.Key}: written over or deleted after it was signed (2 versions); its first version is the one read`,
      `checkpoint object ${secondObject?.Key}: written over or deleted after it was signed (1 versions, a delete marker); its first version is the one read`,
    ]);
    expect(second?.seq).toBeGreaterThan(first?.seq ?? 0);
  });

  it('when the bucket does not lock objects, then no store is made of it, naming the bucket', async () => {
    const plain = await startVersitygw(join(directory, 'plain'), { bucket: 'no-lock' });
    try {
      await expect(
        checkpointStoreFromEnv({
          ...envOf('no-lock', 'x/'),
          S3_ENDPOINT: plain.settings.endpoint,
          S3_SECRET_ACCESS_KEY: plain.settings.credentials?.secretAccessKey,
        }),
      ).rejects.toThrow(/AUDIT_CHECKPOINT_S3_BUCKET: no-lock does not lock objects/);
    } finally {
      plain.child.kill();
    }
  });
});
