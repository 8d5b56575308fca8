// Attachments in a directory (FILE_STORAGE=filesystem): one file per key, written to a temporary name
// and renamed, so a reader never sees half a file and a crash leaves no truncated attachment.
import { constants, createReadStream } from 'node:fs';
import { access, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { assertStorageKey, type FileStorage, type StoredFile } from './storage';

export function filesystemStorage(directory: string): FileStorage {
  const pathOf = (key: string) => {
    assertStorageKey(key);
    // Two levels by the key's first characters: no directory grows to millions of entries.
    return join(directory, key.slice(0, 2), key);
  };
  return {
    kind: 'filesystem',
    async put(key, bytes) {
      const path = pathOf(key);
      await mkdir(join(directory, key.slice(0, 2)), { recursive: true, mode: 0o700 });
      const partial = `${path}.${randomUUID()}.partial`;
      await writeFile(partial, bytes, { mode: 0o600 });
      await rename(partial, path);
    },
    async get(key): Promise<StoredFile | undefined> {
      const path = pathOf(key);
      try {
        const { size } = await stat(path);
        return { body: createReadStream(path), size };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
    async reachable() {
      // The directory is made with the first file; until then, that it can be made and written.
      try {
        await mkdir(directory, { recursive: true, mode: 0o700 });
        await access(directory, constants.W_OK);
        return true;
      } catch {
        return false;
      }
    },
  };
}
