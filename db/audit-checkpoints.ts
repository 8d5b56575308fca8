// The audit chain anchored outside the database (issue 24). The chain of hashes (migration 0004)
// shows a row edited in place, but whoever may write the table may also recompute every hash after
// it, or cut the tail off, and the chain alone still verifies. So the API signs the chain's head —
// its last row's number and hash — with an Ed25519 key the database never holds, and appends that
// checkpoint to a store outside the database that only grows (a file here; an object store with
// object lock in production). `npm run audit:verify` then checks the chain, every checkpoint's
// signature, and that the rows each checkpoint saw are still there with the hash it signed.
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { appendFile, readFile } from 'node:fs/promises';
import { z } from 'zod';
import { verifyAuditChain } from './audit.repository';
import type { Db } from './pool';

export const Checkpoint = z.strictObject({
  v: z.literal(1),
  /** The last row the chain had when signed, and its hash. */
  seq: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.iso.datetime(),
  /** Which key signed it: the first 16 hex digits of the SHA-256 of its public key (SPKI DER). */
  key: z.string().regex(/^[0-9a-f]{16}$/),
  sig: z.base64(),
});
export type Checkpoint = z.infer<typeof Checkpoint>;

/** What a checkpoint's signature covers. */
const statement = (c: Pick<Checkpoint, 'seq' | 'hash' | 'at'>) =>
  Buffer.from(`lien-thong audit checkpoint v1\n${c.seq}\n${c.hash}\n${c.at}\n`, 'utf8');

export const keyIdOf = (key: KeyObject): string =>
  createHash('sha256')
    .update(
      (key.type === 'public' ? key : createPublicKey(key)).export({ type: 'spki', format: 'der' }),
    )
    .digest('hex')
    .slice(0, 16);

/** What a store holds, oldest first: a checkpoint, or what is wrong with an entry, and where. */
export type StoredCheckpoint = { where: string } & (
  { checkpoint: Checkpoint } | { unreadable: string }
);

/** An append-only store of checkpoints. */
export interface CheckpointStore {
  append(checkpoint: Checkpoint): Promise<void>;
  list(): Promise<StoredCheckpoint[]>;
}

/** A checkpoint as stored, or what cannot be read as one. */
export function readCheckpoint(where: string, raw: string): StoredCheckpoint {
  try {
    return { where, checkpoint: Checkpoint.parse(JSON.parse(raw)) };
  } catch {
    return { where, unreadable: `not a checkpoint (${raw.slice(0, 80)})` };
  }
}

/** One JSON line per checkpoint, appended (O_APPEND): the embedded default. */
export function fileCheckpointStore(path: string): CheckpointStore {
  return {
    append: (checkpoint) => appendFile(path, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 }),
    async list() {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      return text
        .split('\n')
        .map((raw, index) => ({ raw, line: index + 1 }))
        .filter(({ raw }) => raw.trim() !== '')
        .map(({ raw, line }) => readCheckpoint(`line ${line}`, raw));
    },
  };
}

/** The chain's last row, if any. */
async function chainHead(db: Db): Promise<{ seq: number; hash: string } | undefined> {
  const { rows } = await db.query<{ seq: string; hash: string }>(
    'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
  );
  const row = rows[0];
  return row && { seq: Number(row.seq), hash: row.hash };
}

/**
 * Signs the chain's head into `store`, unless the last checkpoint `after` already names that row.
 * Returns the checkpoint written.
 */
export async function writeCheckpoint(
  db: Db,
  store: CheckpointStore,
  key: KeyObject,
  after?: number,
): Promise<Checkpoint | undefined> {
  const head = await chainHead(db);
  if (!head || head.seq === after) return undefined;
  const at = new Date().toISOString();
  const checkpoint: Checkpoint = {
    v: 1,
    ...head,
    at,
    key: keyIdOf(key),
    sig: sign(null, statement({ ...head, at }), key).toString('base64'),
  };
  await store.append(checkpoint);
  return checkpoint;
}

export interface AnchoredVerification {
  rows: number;
  /** The first row whose hash or link does not match (edited, deleted, reordered). */
  firstBroken?: number;
  checkpoints: number;
  /** Rows after the last checkpoint: not anchored yet. */
  unanchored: number;
  /** What is wrong, each saying where; empty when the log is intact and anchored. */
  problems: string[];
}

/**
 * Verifies the chain and its anchors: every checkpoint signed by one of `keys`, in order, and every
 * row a checkpoint saw still there with the hash it signed — a recomputed chain or a cut tail cannot
 * keep them.
 */
export async function verifyAnchoredAuditLog(
  db: Db,
  store: CheckpointStore,
  keys: readonly KeyObject[],
): Promise<AnchoredVerification> {
  const chain = await verifyAuditChain(db);
  const problems: string[] = [];
  if (chain.firstBroken !== undefined)
    problems.push(
      `row ${chain.firstBroken}: its hash or its link to the row before does not match — edited, deleted or reordered`,
    );
  const byId = new Map(keys.map((key) => [keyIdOf(key), key]));
  const head = await chainHead(db);
  const stored = await store.list();
  // The hashes every checkpoint names, in one read rather than one per checkpoint.
  const signedSeqs = stored.flatMap((entry) =>
    'checkpoint' in entry ? [entry.checkpoint.seq] : [],
  );
  const { rows: signedRows } = await db.query<{ seq: string; hash: string }>(
    'SELECT seq, hash FROM audit_log WHERE seq = ANY ($1::bigint[])',
    [signedSeqs],
  );
  const hashAt = new Map(signedRows.map((row) => [Number(row.seq), row.hash]));
  /** The last checkpoint correctly signed (they must come in order), and the last row one vouches for. */
  let previous: Checkpoint | undefined;
  let anchoredUpTo = 0;
  for (const entry of stored) {
    if (!('checkpoint' in entry)) {
      problems.push(`checkpoint ${entry.where}: ${entry.unreadable}`);
      continue;
    }
    const c = entry.checkpoint;
    const where = `checkpoint ${entry.where} (row ${c.seq}, signed ${c.at})`;
    const key = byId.get(c.key);
    if (!key || !verify(null, statement(c), key, Buffer.from(c.sig, 'base64'))) {
      problems.push(`${where}: its signature is not one of the audit keys'`);
      continue;
    }
    if (previous && (c.seq < previous.seq || c.at < previous.at))
      problems.push(`${where}: earlier than the checkpoint before it (row ${previous.seq})`);
    previous = c;
    const signedHash = hashAt.get(c.seq);
    if (signedHash === undefined)
      problems.push(
        head === undefined || c.seq > head.seq
          ? `${where}: the log ends at row ${head?.seq ?? 0} — the rows after it were cut off`
          : `${where}: row ${c.seq} is missing`,
      );
    else if (signedHash !== c.hash)
      problems.push(
        `${where}: row ${c.seq} no longer has the hash signed — the chain was rewritten ` +
          (anchoredUpTo > 0 ? `after row ${anchoredUpTo}` : `at or before row ${c.seq}`) +
          ' and its hashes recomputed',
      );
    else anchoredUpTo = Math.max(anchoredUpTo, c.seq);
  }
  const { rows: after } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM audit_log WHERE seq > $1',
    [anchoredUpTo],
  );
  return {
    rows: chain.rows,
    ...(chain.firstBroken !== undefined && { firstBroken: chain.firstBroken }),
    checkpoints: stored.filter((entry) => 'checkpoint' in entry).length,
    unanchored: after[0]?.n ?? 0,
    problems,
  };
}
