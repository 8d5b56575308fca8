// Where an attachment's bytes live, behind one interface: this database (the embedded default), a
// directory, or an S3-compatible bucket (production), chosen by configuration (config/env.ts
// FILE_STORAGE). Rows about the file (owner, case, item, digest) stay in PostgreSQL whatever the
// store; the store only keeps bytes under an opaque key the API made (never a name a caller chose).
import type { Readable } from 'node:stream';

export interface StoredFile {
  /** Streamed: a reader of a 10 MiB scan needs not hold it whole in memory. */
  body: Readable;
  size: number;
}

export interface FileStorage {
  /** `put` of an existing key replaces it (a retried write is harmless). */
  put(key: string, bytes: Buffer, mediaType: string): Promise<void>;
  /** The bytes, or undefined when nothing is stored under `key`. */
  get(key: string): Promise<StoredFile | undefined>;
  /** Deleting a key that holds nothing is not an error: the purge may run twice. */
  delete(key: string): Promise<void>;
  /** For logs and readiness: which store this is. */
  readonly kind: 'postgres' | 'filesystem' | 's3';
  /** Whether the store takes files now (for /readyz): never throws. */
  reachable(): Promise<boolean>;
}

/** Keys are made by the API only: a UUID, so no path or bucket trick can come from a request. */
export const STORAGE_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function assertStorageKey(key: string): void {
  if (!STORAGE_KEY.test(key)) throw new RangeError(`not a storage key: ${JSON.stringify(key)}`);
}
