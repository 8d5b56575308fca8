// The audit chain's checkpoints in an S3 bucket with object lock (issue 24): production's store,
// which even its writer cannot rewrite. Each checkpoint is an object of its own, written once
// (`If-None-Match: *`) in COMPLIANCE mode until its retention date, which nobody — the root account
// included — can shorten or lift. Object lock protects versions, not keys: an object written over
// gets a new version and a delete adds a delete marker, while the version first written stays. So the
// store reads every checkpoint's first version, and says so of any key written over or deleted.
import {
  GetObjectCommand,
  GetObjectLockConfigurationCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { s3Client, s3SettingsFromEnv, type S3ConnectionEnv, type S3Settings } from '../config/s3';
import {
  fileCheckpointStore,
  readCheckpoint,
  type CheckpointStore,
  type StoredCheckpoint,
} from './audit-checkpoints';

export interface LockedBucketSettings extends S3Settings {
  /** How long each checkpoint is locked (COMPLIANCE mode), in days. */
  retentionDays: number;
}

/** Keys sort as the checkpoints were written: the row signed, zero-padded, then the time. */
const keyOf = (prefix: string, seq: number, at: string) =>
  `${prefix}${String(seq).padStart(20, '0')}-${at}.json`;

export function s3CheckpointStore(
  settings: LockedBucketSettings,
  client: S3Client = s3Client(settings),
): CheckpointStore & { objectLockEnabled: () => Promise<boolean> } {
  const prefix = settings.prefix ?? 'audit-checkpoints/';
  const Bucket = settings.bucket;
  return {
    async append(checkpoint) {
      await client.send(
        new PutObjectCommand({
          Bucket,
          Key: keyOf(prefix, checkpoint.seq, checkpoint.at),
          Body: `${JSON.stringify(checkpoint)}\n`,
          ContentType: 'application/json',
          IfNoneMatch: '*',
          ObjectLockMode: 'COMPLIANCE',
          ObjectLockRetainUntilDate: new Date(Date.now() + settings.retentionDays * 86_400_000),
        }),
      );
    },

    async list() {
      // Each key's versions come newest first (S3's order): its first written is its last listed.
      const versions: { key: string; id: string }[] = [];
      const deleted = new Set<string>();
      let keyMarker: string | undefined;
      let versionIdMarker: string | undefined;
      do {
        const page = await client.send(
          new ListObjectVersionsCommand({
            Bucket,
            Prefix: prefix,
            ...(keyMarker !== undefined && { KeyMarker: keyMarker }),
            ...(versionIdMarker !== undefined && { VersionIdMarker: versionIdMarker }),
          }),
        );
        for (const v of page.Versions ?? [])
          if (v.Key && v.VersionId) versions.push({ key: v.Key, id: v.VersionId });
        for (const marker of page.DeleteMarkers ?? []) if (marker.Key) deleted.add(marker.Key);
        keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
        versionIdMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
      } while (keyMarker !== undefined);

      const byKey = new Map<string, typeof versions>();
      for (const v of versions) byKey.set(v.key, [...(byKey.get(v.key) ?? []), v]);
      const stored: StoredCheckpoint[] = [];
      for (const key of [...new Set([...byKey.keys(), ...deleted])].sort()) {
        const where = `object ${key}`;
        const all = byKey.get(key) ?? [];
        const first = all.at(-1);
        if (!first) {
          stored.push({ where, unreadable: 'deleted, with no version left to read' });
          continue;
        }
        const body = await client.send(
          new GetObjectCommand({ Bucket, Key: key, VersionId: first.id }),
        );
        stored.push(readCheckpoint(where, (await body.Body?.transformToString()) ?? ''));
        if (all.length > 1 || deleted.has(key))
          stored.push({
            where,
            unreadable: `written over or deleted after it was signed (${all.length} versions${deleted.has(key) ? ', a delete marker' : ''}); its first version is the one read`,
          });
      }
      return stored;
    },

    /** Whether the bucket locks objects (without it, a checkpoint could be deleted like any file). */
    async objectLockEnabled() {
      try {
        const { ObjectLockConfiguration } = await client.send(
          new GetObjectLockConfigurationCommand({ Bucket }),
        );
        return ObjectLockConfiguration?.ObjectLockEnabled === 'Enabled';
      } catch {
        return false;
      }
    },
  };
}

/** The environment keys that choose and reach the checkpoint store (config/env.ts). */
export interface CheckpointStoreEnv extends S3ConnectionEnv {
  AUDIT_CHECKPOINT_FILE?: string | undefined;
  AUDIT_CHECKPOINT_S3_BUCKET?: string | undefined;
  AUDIT_CHECKPOINT_S3_PREFIX: string;
  AUDIT_CHECKPOINT_RETENTION_DAYS: number;
}

/**
 * The store the environment names: an object-locked bucket (AUDIT_CHECKPOINT_S3_BUCKET, reached as
 * the attachments' S3_* say) or a file (AUDIT_CHECKPOINT_FILE); undefined when neither is set.
 * A bucket that does not lock objects is refused: its checkpoints could be deleted like any file.
 */
export async function checkpointStoreFromEnv(
  env: CheckpointStoreEnv,
): Promise<CheckpointStore | undefined> {
  if (env.AUDIT_CHECKPOINT_S3_BUCKET === undefined)
    return env.AUDIT_CHECKPOINT_FILE === undefined
      ? undefined
      : fileCheckpointStore(env.AUDIT_CHECKPOINT_FILE);
  const store = s3CheckpointStore({
    ...s3SettingsFromEnv(env, env.AUDIT_CHECKPOINT_S3_BUCKET),
    prefix: env.AUDIT_CHECKPOINT_S3_PREFIX,
    retentionDays: env.AUDIT_CHECKPOINT_RETENTION_DAYS,
  });
  if (!(await store.objectLockEnabled()))
    throw new Error(
      `AUDIT_CHECKPOINT_S3_BUCKET: ${env.AUDIT_CHECKPOINT_S3_BUCKET} does not lock objects ` +
        '(create it with object lock enabled)',
    );
  return store;
}
