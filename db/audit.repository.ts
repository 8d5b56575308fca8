// The audit log: appended to by the API for every action and every read of personal data; the chain
// of hashes is extended by the database itself (migration 0004), so no writer can forge it.
import { z } from 'zod';
import { describeRefusal, permanentRefusal, type Refusal } from './pg-errors';
import type { Db } from './pool';
import { recordRefusal, RefusedWrite } from './refusals.repository';

export interface AuditEntry {
  actor: string;
  role: string;
  action: string;
  caseId?: string | undefined;
  requestId?: string | undefined;
  outcome: number;
  /** The SHA-256 of the files the call concerned (uploads, attachments), space-separated. */
  sha256?: string | undefined;
  /** Whose personal data the call read, keyed (migration 0029): a person, not a case. */
  subject?: string | undefined;
}

/** Appends rows in the order given, in one statement (the chain's trigger links each to the last). */
export async function appendAudit(db: Db, ...entries: AuditEntry[]): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (actor, role, action, case_id, request_id, outcome, sha256, subject,
                           prev_hash, hash)
     SELECT actor, role, action, case_id, request_id, outcome, sha256, subject, '', ''
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[],
                   $8::text[])
            WITH ORDINALITY AS e(actor, role, action, case_id, request_id, outcome, sha256, subject, n)
      ORDER BY n`,
    [
      entries.map((e) => e.actor),
      entries.map((e) => e.role),
      entries.map((e) => e.action),
      entries.map((e) => e.caseId ?? null),
      entries.map((e) => e.requestId ?? null),
      entries.map((e) => e.outcome),
      entries.map((e) => e.sha256 ?? null),
      entries.map((e) => e.subject ?? null),
    ],
  );
}

/** The database refused an audit row for good (its text holds U+0000, say); recorded, not retried. */
export class AuditRefusedError extends Error {
  override name = 'AuditRefusedError';
  constructor(readonly refusal: Refusal) {
    super(describeRefusal(refusal));
  }
}

interface Waiting {
  entry: AuditEntry;
  settle: (error?: Error) => void;
}

/**
 * Group commit for the audit log. Rows are chained one writer at a time, each holding the chain's
 * lock until its commit is on disk, so one row per statement caps a busy API at one commit per
 * audited request. Here the rows that arrive while a group is being written form the next group:
 * one statement, one turn of the lock and one commit for all of them. Each caller still waits until
 * its own row is committed (or gets the error), so nothing is answered before it is audited.
 */
export class AuditWriter {
  private readonly waiting: Waiting[] = [];
  private writing = false;

  constructor(
    private readonly db: Db,
    private readonly maxGroup = 500,
  ) {}

  append(entry: AuditEntry): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ entry, settle: (error) => (error ? reject(error) : resolve()) });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.waiting.length) await this.write(this.waiting.splice(0, this.maxGroup));
    this.writing = false;
  }

  private async write(group: Waiting[]): Promise<void> {
    try {
      await appendAudit(this.db, ...group.map((w) => w.entry));
      for (const w of group) w.settle();
    } catch (error) {
      const refusal = permanentRefusal(error);
      const [only] = group;
      if (refusal && group.length > 1) {
        // One refused row fails the whole statement: written one by one (in order), the others
        // are kept and only the request whose row was refused is answered with the refusal.
        for (const w of group) await this.write([w]);
      } else if (refusal && only) {
        await this.recordRefused(only.entry, refusal);
        only.settle(new AuditRefusedError(refusal));
      } else {
        const failure = error instanceof Error ? error : new Error(String(error));
        for (const w of group) w.settle(failure);
      }
    }
  }

  /**
   * Records which operation's row was refused, and nothing of the row (its refused text may be what
   * a caller typed). Best effort: the request is answered with the refusal either way.
   */
  private async recordRefused(entry: AuditEntry, refusal: Refusal): Promise<void> {
    await recordRefusal(this.db, { kind: RefusedWrite.audit, target: entry.action }, refusal).catch(
      () => undefined,
    );
  }
}

/** Recomputes the chain in order; the first row whose hash or link does not match, if any. */
export async function verifyAuditChain(db: Db): Promise<{ rows: number; firstBroken?: number }> {
  const { rows } = await db.query<{
    seq: string;
    prev_hash: string;
    hash: string;
    expected: string;
  }>(
    `SELECT seq, prev_hash, hash, encode(sha256(convert_to(audit_row_text(a), 'UTF8')), 'hex') AS expected
       FROM audit_log a ORDER BY seq`,
  );
  let previous = 'genesis';
  for (const row of rows) {
    if (row.prev_hash !== previous || row.hash !== row.expected) {
      return { rows: rows.length, firstBroken: Number(row.seq) };
    }
    previous = row.hash;
  }
  return { rows: rows.length };
}

export const AuditRow = z.object({
  seq: z.coerce.number(),
  at: z.string(),
  actor: z.string(),
  role: z.string(),
  action: z.string(),
  case_id: z.string().nullable(),
  request_id: z.string().nullable(),
  outcome: z.number(),
  sha256: z.string().nullable().optional(),
});
