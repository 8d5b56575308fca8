// Reaching an S3-compatible object store (AWS S3, MinIO, Ceph RGW, versitygw, a cloud's object
// storage) with the official AWS SDK v3 client: attachments (api/uploads/s3-storage.ts) and the audit
// chain's checkpoints (db/audit-checkpoints-s3.ts) each in a bucket of their own.
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';

export interface S3Settings {
  bucket: string;
  /** Unset: AWS itself, in `region`. */
  endpoint?: string | undefined;
  region: string;
  /** Most stores other than AWS want `https://host/bucket/key` rather than a bucket subdomain. */
  forcePathStyle: boolean;
  /** Unset: the SDK's own chain (environment, instance role, …). */
  credentials?: { accessKeyId: string; secretAccessKey: string } | undefined;
  /** Keys under this prefix, so a bucket can be shared: `attachments/`. */
  prefix?: string;
}

export function s3Client(settings: S3Settings): S3Client {
  const config: S3ClientConfig = {
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    ...(settings.endpoint !== undefined && { endpoint: settings.endpoint }),
    ...(settings.credentials && { credentials: settings.credentials }),
  };
  return new S3Client(config);
}

/** The S3_* keys (config/env.ts) every bucket here is reached with. */
export interface S3ConnectionEnv {
  S3_ENDPOINT?: string | undefined;
  S3_REGION: string;
  S3_FORCE_PATH_STYLE: 'true' | 'false';
  S3_ACCESS_KEY_ID?: string | undefined;
  S3_SECRET_ACCESS_KEY?: string | undefined;
}

/** How to reach `bucket` by the S3_* keys; no keys → the AWS SDK's own chain. */
export function s3SettingsFromEnv(env: S3ConnectionEnv, bucket: string): S3Settings {
  return {
    bucket,
    endpoint: env.S3_ENDPOINT,
    region: env.S3_REGION,
    forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
    credentials:
      env.S3_ACCESS_KEY_ID !== undefined && env.S3_SECRET_ACCESS_KEY !== undefined
        ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY }
        : undefined,
  };
}
