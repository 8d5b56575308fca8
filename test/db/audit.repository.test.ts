// The audit log is append-only and hash-chained: editing a row, even as the database owner with the
// guard switched off, is detected and located by the verifier.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../db/audit.repository';
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

describe('audit log under concurrent writers', () => {
  it('when many requests append at once, then the rows chain in the order they are numbered', async () => {
    const own = await createTestDatabase();
    try {
      // Ten connections at a time: numbers drawn and turns taken can interleave.
      await Promise.all(
        Array.from({ length: 400 }, (_, i) =>
          appendAudit(own.appDb, {
            actor: `a-${i}`,
            role: 'clerk',
            action: 'getCase',
            outcome: 200,
          }),
        ),
      );
      expect(await verifyAuditChain(own.db)).toEqual({ rows: 400 });
    } finally {
      await own.drop();
    }
  });
});
