// The audit chain anchored outside the database (issue 24): checkpoints of the chain's head, signed
// with an Ed25519 key the database never holds, catch what the chain alone cannot — a chain whose
// hashes were recomputed after an edit, and a tail cut off — and say where; `npm run audit:verify`
// says it too. The tampering is done as the owner, the only one who can (test/db/app-login.test.ts).
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  fileCheckpointStore,
  verifyAnchoredAuditLog,
  writeCheckpoint,
  type CheckpointStore,
} from '../../db/audit-checkpoints';
import { appendAudit } from '../../db/audit.repository';
import { createTestDatabase, type TestDatabase } from '../support/database';

const ROOT = join(__dirname, '..', '..');

describe('the audit log’s checkpoints', () => {
  const databases: TestDatabase[] = [];
  afterEach(async () => {
    await Promise.all(databases.splice(0).map((d) => d.drop()));
  });

  /** A log of `rows` rows, anchored after row 3 and after the last, in a store of its own. */
  async function anAnchoredLog(rows = 6) {
    const database = await createTestDatabase();
    databases.push(database);
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const dir = mkdtempSync(join(tmpdir(), 'lien-thong-checkpoints-'));
    const file = join(dir, 'checkpoints.jsonl');
    const store = fileCheckpointStore(file);
    const append = (n: number) =>
      appendAudit(
        database.appDb,
        ...Array.from({ length: n }, (_, i) => ({
          actor: `clerk-${i}`,
          role: 'clerk',
          action: 'POST /v1/cases',
          outcome: 202,
        })),
      );
    await append(3);
    const first = await writeCheckpoint(database.appDb, store, privateKey);
    await append(rows - 3);
    const second = await writeCheckpoint(database.appDb, store, privateKey);
    return { database, store, file, dir, privateKey, publicKey, first, second, append };
  }

  const verified = (database: TestDatabase, store: CheckpointStore, key: KeyObject) =>
    verifyAnchoredAuditLog(database.appDb, store, [key]);

  /** As the owner: the append-only guard off while `sql` runs. */
  async function tamper(database: TestDatabase, ...statements: [string, unknown[]?][]) {
    await database.db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_append_only');
    for (const [sql, values] of statements) await database.db.query(sql, values);
    await database.db.query('ALTER TABLE audit_log ENABLE TRIGGER audit_append_only');
  }

  it('when nothing was touched, then the log verifies and says how many rows wait for the next checkpoint', async () => {
    const log = await anAnchoredLog();

    expect(log.second?.seq).toBeGreaterThan(log.first?.seq ?? 0);
    expect(
      await writeCheckpoint(log.database.appDb, log.store, log.privateKey, log.second?.seq),
    ).toBeUndefined();
    expect(await verified(log.database, log.store, log.publicKey)).toEqual({
      rows: 6,
      checkpoints: 2,
      unanchored: 0,
      problems: [],
    });
    await log.append(1);
    expect(await verified(log.database, log.store, log.publicKey)).toMatchObject({
      unanchored: 1,
      problems: [],
    });
  });

  it('when a row is edited in place, then the chain breaks at that row', async () => {
    const log = await anAnchoredLog();
    const fifth = (log.first?.seq ?? 0) + 2;

    await tamper(log.database, [
      `UPDATE audit_log SET actor = 'someone else' WHERE seq = $1`,
      [fifth],
    ]);

    const result = await verified(log.database, log.store, log.publicKey);
    expect(result.firstBroken).toBe(fifth);
    expect(result.problems[0]).toMatch(new RegExp(`^row ${fifth}: .*edited`));
  });

  it('when a row is edited and every hash after it recomputed, then the chain verifies but the checkpoint after it does not, naming the rows between', async () => {
    const log = await anAnchoredLog();
    const fifth = (log.first?.seq ?? 0) + 2;
    const last = log.second?.seq ?? 0;
    const recompute: [string, unknown[]][] = [
      [`UPDATE audit_log SET actor = 'someone else' WHERE seq = $1`, [fifth]],
    ];
    for (let seq = fifth; seq <= last; seq += 1)
      recompute.push(
        [
          `UPDATE audit_log SET prev_hash = (SELECT hash FROM audit_log WHERE seq = $1 - 1)
            WHERE seq = $1`,
          [seq],
        ],
        [
          `UPDATE audit_log a SET hash = encode(sha256(convert_to(audit_row_text(a), 'UTF8')), 'hex')
            WHERE seq = $1`,
          [seq],
        ],
      );

    await tamper(log.database, ...recompute);

    const result = await verified(log.database, log.store, log.publicKey);
    expect(result.firstBroken).toBeUndefined();
    expect(result.problems).toEqual([
      expect.stringMatching(
        new RegExp(
          `^checkpoint line 2 \\(row ${last}, .*row ${last} no longer has the hash signed — the chain was rewritten after row ${log.first?.seq} and its hashes recomputed$`,
        ),
      ),
    ]);
  });

  it('when the tail is cut off, then the checkpoint that saw it says where the log now ends — and audit:verify says it and fails', async () => {
    const log = await anAnchoredLog();
    const kept = (log.first?.seq ?? 0) + 1;

    await tamper(log.database, ['DELETE FROM audit_log WHERE seq > $1', [kept]]);

    const result = await verified(log.database, log.store, log.publicKey);
    expect(result.firstBroken).toBeUndefined();
    expect(result.problems).toEqual([
      expect.stringMatching(
        new RegExp(`the log ends at row ${kept} — the rows after it were cut off$`),
      ),
    ]);
    const keyFile = join(log.dir, 'audit.pub.pem');
    writeFileSync(keyFile, log.publicKey.export({ type: 'spki', format: 'pem' }));
    const command = spawnSync(
      join(ROOT, 'node_modules', '.bin', 'tsx'),
      [join(ROOT, 'scripts', 'verify-audit.ts')],
      {
        env: {
          PATH: process.env.PATH,
          DATABASE_URL: log.database.url,
          AUDIT_CHECKPOINT_FILE: log.file,
          AUDIT_VERIFY_KEY_FILES: keyFile,
        },
        encoding: 'utf8',
      },
    );
    expect(command.status).toBe(1);
    expect(command.stderr).toContain(
      `the log ends at row ${kept} — the rows after it were cut off`,
    );
  });

  it('when a checkpoint is forged with another key or its hash changed, then its signature is refused', async () => {
    const log = await anAnchoredLog();
    const forger = generateKeyPairSync('ed25519').privateKey;
    await writeCheckpoint(log.database.appDb, log.store, forger);
    const lines = (await log.store.list()).flatMap((e) =>
      'checkpoint' in e ? [e.checkpoint] : [],
    );
    const altered = { ...lines[0], hash: '0'.repeat(64) };
    await log.store.append(altered as never);

    const result = await verified(log.database, log.store, log.publicKey);

    expect(result.problems).toEqual([
      expect.stringMatching(/^checkpoint line 3 .*: its signature is not one of the audit keys'$/),
      expect.stringMatching(/^checkpoint line 4 .*: its signature is not one of the audit keys'$/),
    ]);
  });
});
