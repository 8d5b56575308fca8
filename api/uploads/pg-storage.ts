// Attachments in this database (FILE_STORAGE=postgres, the embedded default): nothing more to run or
// back up than PostgreSQL itself. Files are at most 10 MiB, well within what bytea carries.
import { Readable } from 'node:stream';
import { isDatabaseReachable, type Db } from '../../db/pool';
import { deleteStoredFile, findStoredFile, storeFile } from '../../db/stored-files.repository';
import { assertStorageKey, type FileStorage } from './storage';

export function postgresStorage(db: Db): FileStorage {
  return {
    kind: 'postgres',
    async put(key, bytes) {
      assertStorageKey(key);
      await storeFile(db, key, bytes);
    },
    async get(key) {
      assertStorageKey(key);
      const bytes = await findStoredFile(db, key);
      return bytes && { body: Readable.from([bytes]), size: bytes.length };
    },
    async delete(key) {
      assertStorageKey(key);
      await deleteStoredFile(db, key);
    },
    reachable: () => isDatabaseReachable(db),
  };
}
