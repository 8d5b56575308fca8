// Attachments in an S3-compatible object store (FILE_STORAGE=s3): AWS S3, or any store that speaks its
// API (MinIO, Ceph RGW, versitygw, a cloud's object storage) through `endpoint` and path-style URLs.
// The official AWS SDK v3 client signs and retries; the bucket must exist (operators make it).
import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  PutObjectCommand,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { s3Client, type S3Settings } from '../../config/s3';
import { assertStorageKey, type FileStorage } from './storage';

const REACHABLE_TIMEOUT_MS = 2_000;

export function s3Storage(settings: S3Settings, client = s3Client(settings)): FileStorage {
  const objectKey = (key: string) => {
    assertStorageKey(key);
    return `${settings.prefix ?? 'attachments/'}${key}`;
  };
  return {
    kind: 's3',
    async put(key, bytes, mediaType) {
      await client.send(
        new PutObjectCommand({
          Bucket: settings.bucket,
          Key: objectKey(key),
          Body: bytes,
          ContentType: mediaType,
          ContentLength: bytes.length,
        }),
      );
    },
    async get(key) {
      try {
        const object = await client.send(
          new GetObjectCommand({ Bucket: settings.bucket, Key: objectKey(key) }),
        );
        if (!(object.Body instanceof Readable)) throw new Error('S3 answered without a body');
        return { body: object.Body, size: object.ContentLength ?? 0 };
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
    async delete(key) {
      // S3 answers 204 for a key that holds nothing: deleting twice is fine.
      await client.send(new DeleteObjectCommand({ Bucket: settings.bucket, Key: objectKey(key) }));
    },
    async reachable() {
      // The bucket is there and ours to use; a store that does not answer in time is down.
      try {
        await client.send(new HeadBucketCommand({ Bucket: settings.bucket }), {
          abortSignal: AbortSignal.timeout(REACHABLE_TIMEOUT_MS),
        });
        return true;
      } catch {
        return false;
      }
    },
  };
}

const isMissing = (error: unknown) =>
  error instanceof S3ServiceException &&
  (error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404);
