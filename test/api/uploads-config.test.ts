// Which store and scanner the API gets from its environment (config/env.ts, api/uploads/configure.ts).
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { attachmentsFromEnv, storageFromEnv } from '../../api/uploads/configure';
import { ApiEnv, ConfigError, loadEnv } from '../../config/env';
import type { Db } from '../../db/pool';

const BASE = { DATABASE_URL: 'postgres://u@localhost/db' };
const db = {} as Db;

describe('attachments configuration', () => {
  it('when nothing is set, then attachments live in this database, unscanned, for 24 hours', () => {
    const env = loadEnv(ApiEnv, BASE);
    const settings = attachmentsFromEnv(env, db, pino({ level: 'silent' }));
    expect(settings.storage.kind).toBe('postgres');
    expect(settings.scanner.description).toContain('not scanned');
    expect(settings.ttlMs).toBe(24 * 3_600_000);
  });

  it.each([
    [{ FILE_STORAGE: 'filesystem', FILE_STORAGE_DIR: '/tmp/attachments' }, 'filesystem'],
    [
      {
        FILE_STORAGE: 's3',
        S3_BUCKET: 'lien-thong-attachments',
        S3_ENDPOINT: 'http://127.0.0.1:7070',
        S3_FORCE_PATH_STYLE: 'true',
      },
      's3',
    ],
  ] as const)('when %j, then the store is %s', (given, kind) => {
    expect(storageFromEnv(loadEnv(ApiEnv, { ...BASE, ...given }), db).kind).toBe(kind);
  });

  it('when CLAMD_HOST is set, then uploads are scanned by clamd there', () => {
    const env = loadEnv(ApiEnv, { ...BASE, CLAMD_HOST: 'clamav', CLAMD_PORT: '3310' });
    expect(attachmentsFromEnv(env, db, pino({ level: 'silent' })).scanner.description).toBe(
      'ClamAV clamd at clamav:3310',
    );
  });

  it.each([
    [{ FILE_STORAGE: 's3' }, 'S3_BUCKET: FILE_STORAGE=s3 needs a bucket'],
    [{ S3_ACCESS_KEY_ID: 'AKIA0000' }, 'S3_SECRET_ACCESS_KEY'],
    [{ FILE_STORAGE: 'ftp' }, 'FILE_STORAGE'],
  ])('when %j, then start-up fails naming the key', (given, named) => {
    expect(() => loadEnv(ApiEnv, { ...BASE, ...given })).toThrow(ConfigError);
    expect(() => loadEnv(ApiEnv, { ...BASE, ...given })).toThrow(named);
  });
});
