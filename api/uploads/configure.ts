// The attachments' store and scanner as configuration chooses them (config/env.ts), built once at
// start. Without a scanner the API says so, once, at start: uploads are then `not_scanned`.
import { resolve } from 'node:path';
import type { ApiEnv } from '../../config/env';
import type { Logger } from '../../config/logger';
import { s3SettingsFromEnv } from '../../config/s3';
import type { Db } from '../../db/pool';
import { DEFAULT_ATTACHMENT_LIMITS, type AttachmentSettings } from './attachments';
import { filesystemStorage } from './fs-storage';
import { postgresStorage } from './pg-storage';
import { s3Storage } from './s3-storage';
import { clamdScanner, noScanner } from './scanner';
import type { FileStorage } from './storage';

type AttachmentEnv = Pick<
  ApiEnv,
  | 'FILE_STORAGE'
  | 'FILE_STORAGE_DIR'
  | 'S3_BUCKET'
  | 'S3_ENDPOINT'
  | 'S3_REGION'
  | 'S3_FORCE_PATH_STYLE'
  | 'S3_ACCESS_KEY_ID'
  | 'S3_SECRET_ACCESS_KEY'
  | 'CLAMD_HOST'
  | 'CLAMD_PORT'
  | 'UPLOAD_TTL_HOURS'
>;

export function storageFromEnv(env: AttachmentEnv, db: Db): FileStorage {
  switch (env.FILE_STORAGE) {
    case 'postgres':
      return postgresStorage(db);
    case 'filesystem':
      return filesystemStorage(resolve(env.FILE_STORAGE_DIR));
    case 's3':
      if (env.S3_BUCKET === undefined) throw new Error('FILE_STORAGE=s3 needs S3_BUCKET');
      return s3Storage(s3SettingsFromEnv(env, env.S3_BUCKET));
  }
}

export function attachmentsFromEnv(env: AttachmentEnv, db: Db, logger: Logger): AttachmentSettings {
  const storage = storageFromEnv(env, db);
  const scanner =
    env.CLAMD_HOST === undefined
      ? noScanner
      : clamdScanner({ host: env.CLAMD_HOST, port: env.CLAMD_PORT });
  const scanning = { storage: storage.kind, scanner: scanner.description };
  if (scanner === noScanner)
    logger.warn(scanning, 'attachments: uploads are NOT scanned for malware');
  else logger.info(scanning, 'attachments');
  return {
    ...DEFAULT_ATTACHMENT_LIMITS,
    storage,
    scanner,
    ttlMs: env.UPLOAD_TTL_HOURS * 3_600_000,
  };
}
