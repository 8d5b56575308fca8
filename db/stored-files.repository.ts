// The bytes of attachments kept in this database (migration 0023, api/uploads/pg-storage.ts).
import type { Db } from './pool';

export async function storeFile(db: Db, key: string, bytes: Buffer): Promise<void> {
  await db.query(
    `INSERT INTO stored_files (key, bytes) VALUES ($1, $2)
     ON CONFLICT (key) DO UPDATE SET bytes = EXCLUDED.bytes, stored_at = now()`,
    [key, bytes],
  );
}

export async function findStoredFile(db: Db, key: string): Promise<Buffer | undefined> {
  const { rows } = await db.query<{ bytes: Buffer }>(
    'SELECT bytes FROM stored_files WHERE key = $1',
    [key],
  );
  return rows[0]?.bytes;
}

export async function deleteStoredFile(db: Db, key: string): Promise<void> {
  await db.query('DELETE FROM stored_files WHERE key = $1', [key]);
}
