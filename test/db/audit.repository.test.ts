// The audit log is append-only and hash-chained: editing a row, even as the database owner with the
// guard switched off, is detected and located by the verifier.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appendAudit,
  AuditRefusedError,
  AuditWriter,
  verifyAuditChain,
} from '../../db/audit.repository';
import type { Db } from '../../db/pool';
import { createTestDatabase, type TestDatabase } from '../support/database';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  for (const action of ['fileCase', 'getCase', 'decideTask', 'getCase']) {
    await appendAudit(database.db, {
      actor: 'clerk-1',
      role: 'clerk',
      action,
      caseId: 'case-1',
      outcome: 200,
    });
  }
});
afterAll(async () => {
  await database?.drop();
});

describe('audit log', () => {
  it('when nothing was touched, then the chain verifies', async () => {
    expect(await verifyAuditChain(database.db)).toEqual({ rows: 4 });
  });

  it('when the application role tries to edit or delete a row, then it has no privilege to', async () => {
    await expect(
      database.appDb.query(`UPDATE audit_log SET actor = 'x' WHERE seq = 1`),
    ).rejects.toThrow(/permission denied for table audit_log/);
    await expect(database.appDb.query('DELETE FROM audit_log')).rejects.toThrow(
      /permission denied for table audit_log/,
    );
    await expect(database.appDb.query('TRUNCATE audit_log')).rejects.toThrow(/permission denied/);
    const { rows } = await database.appDb.query<{ role: string }>('SELECT current_user AS role');
    expect(rows).toEqual([{ role: 'lien_thong_app' }]);
  });

  it('when the application role appends, then the row joins the chain', async () => {
    await appendAudit(database.appDb, {
      actor: 'x',
      role: 'admin',
      action: 'getCase',
      outcome: 200,
    });
    expect(await verifyAuditChain(database.appDb)).toEqual({ rows: 5 });
  });

  it('when even the owner tries to edit or delete a row, then the guard refuses', async () => {
    await expect(
      database.db.query(`UPDATE audit_log SET actor = 'x' WHERE seq = 1`),
    ).rejects.toThrow(/append-only/);
    await expect(database.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
  });

  it('when the owner switches the guard off and edits row 3, then verification fails at row 3', async () => {
    const { rows } = await database.db.query<{ seq: string }>(
      'SELECT seq FROM audit_log ORDER BY seq',
    );
    const third = Number(rows[2]?.seq);
    await database.db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_append_only');
    await database.db.query(`UPDATE audit_log SET action = 'getCase' WHERE seq = $1`, [third]);
    await database.db.query('ALTER TABLE audit_log ENABLE TRIGGER audit_append_only');

    expect(await verifyAuditChain(database.db)).toEqual({ rows: 5, firstBroken: third });
    const command = spawnSync(
      join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx'),
      [join(__dirname, '..', '..', 'scripts', 'verify-audit.ts')],
      {
        env: { PATH: process.env.PATH, DATABASE_URL: database.url },
        encoding: 'utf8',
      },
    );
    expect(command.status).toBe(1);
    expect(command.stderr).toContain(`BROKEN at row seq=${third}`);
  });
});

const entry = (actor: string) => ({ actor, role: 'clerk', action: 'getCase', outcome: 200 });

/** A database of the test's own (the chain must start empty), dropped afterwards. */
async function withOwnDatabase(test: (own: TestDatabase) => Promise<void>): Promise<void> {
  const own = await createTestDatabase();
  try {
    await test(own);
  } finally {
    await own.drop();
  }
}

describe('audit log under concurrent writers', () => {
  it('when many requests append at once, then the rows chain in the order they are numbered', async () => {
    await withOwnDatabase(async (own) => {
      // Ten connections at a time: numbers drawn and turns taken can interleave.
      await Promise.all(
        Array.from({ length: 400 }, (_, i) => appendAudit(own.appDb, entry(`a-${i}`))),
      );
      expect(await verifyAuditChain(own.db)).toEqual({ rows: 400 });
    });
  });
});

describe('audit group commit', () => {
  /** The pool, counting the statements sent through it; `failFirst` makes the first one fail. */
  const counting = (db: Db, failFirst = false) => {
    const counted = { statements: 0 };
    const proxy = {
      query: (...args: Parameters<Db['query']>) => {
        counted.statements += 1;
        if (failFirst && counted.statements === 1)
          return Promise.reject(new Error('connection lost'));
        return (db.query as (...a: unknown[]) => unknown)(...args);
      },
    } as unknown as Db;
    return { proxy, counted };
  };

  it('when many requests are audited at once, then their rows share statements, keep their order and chain', async () => {
    await withOwnDatabase(async (own) => {
      const { proxy, counted } = counting(own.appDb);
      const writer = new AuditWriter(proxy);
      await Promise.all(Array.from({ length: 300 }, (_, i) => writer.append(entry(`a-${i}`))));

      expect(counted.statements).toBeLessThan(300);
      const { rows } = await own.db.query<{ actor: string }>(
        'SELECT actor FROM audit_log ORDER BY seq',
      );
      expect(rows.map((r) => r.actor)).toEqual(Array.from({ length: 300 }, (_, i) => `a-${i}`));
      expect(await verifyAuditChain(own.db)).toEqual({ rows: 300 });
    });
  });

  it('when two processes write groups at once, then the chain still verifies', async () => {
    await withOwnDatabase(async (own) => {
      const [first, second] = [new AuditWriter(own.appDb), new AuditWriter(own.db)];
      await Promise.all(
        Array.from({ length: 400 }, (_, i) => (i % 2 ? second : first).append(entry(`b-${i}`))),
      );
      expect(await verifyAuditChain(own.db)).toEqual({ rows: 400 });
    });
  });

  it('when a group cannot be written, then each of its requests gets the error and the next group is written', async () => {
    await withOwnDatabase(async (own) => {
      const writer = new AuditWriter(counting(own.appDb, true).proxy);
      const first = writer.append(entry('lost'));
      const second = writer.append(entry('waited'));
      await expect(first).rejects.toThrow('connection lost');
      await expect(second).resolves.toBeUndefined();
      const { rows } = await own.db.query<{ actor: string }>('SELECT actor FROM audit_log');
      expect(rows).toEqual([{ actor: 'waited' }]);
    });
  });

  it('when the database refuses one row of a group for good, then the others are kept and only its request gets the refusal, recorded once', async () => {
    await withOwnDatabase(async (own) => {
      // Arrange
      const writer = new AuditWriter(own.appDb);
      const refused = { ...entry('c'), action: 'getCase', caseId: 'ab\u0000cd' };

      // Act
      const appended = await Promise.allSettled([
        writer.append(entry('before')),
        writer.append(refused),
        writer.append(entry('after')),
      ]);

      // Assert
      expect(appended.map((a) => a.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      const reason = (appended[1] as PromiseRejectedResult).reason as unknown;
      expect(reason).toBeInstanceOf(AuditRefusedError);
      expect((reason as AuditRefusedError).refusal.sqlstate).toBe('22021');
      const { rows } = await own.db.query<{ actor: string }>(
        'SELECT actor FROM audit_log ORDER BY seq',
      );
      expect(rows.map((r) => r.actor)).toEqual(['before', 'after']);
      expect(await verifyAuditChain(own.db)).toEqual({ rows: 2 });
      const recorded = await own.db.query(
        'SELECT kind, target, case_id, sqlstate, count FROM write_refusals',
      );
      expect(recorded.rows).toEqual([
        { kind: 'audit', target: 'getCase', case_id: null, sqlstate: '22021', count: 1 },
      ]);
    });
  });
});
