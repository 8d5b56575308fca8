// The application's database login (issue 24), through real connections: logged in as
// lien_thong_app, as the API and the workers are, nothing can become the owner, rewrite or empty the
// audit log, or switch off its triggers; and the time of an audit row is the database's.
import pino from 'pino';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAppLogin, excessPrivileges } from '../../db/app-login';
import { verifyAuditChain } from '../../db/audit.repository';
import { createTestDatabase, type TestDatabase } from '../support/database';

const INSUFFICIENT_PRIVILEGE = '42501';

describe('the application’s database login', () => {
  let database: TestDatabase;
  let app: pg.PoolClient;
  let owner: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    app = await database.appDb.connect();
    owner = (await database.db.query<{ u: string }>('SELECT current_user AS u')).rows[0]?.u ?? '';
    await database.db.query(
      `INSERT INTO audit_log (actor, role, action, outcome, prev_hash, hash)
       VALUES ('clerk-1', 'clerk', 'POST /v1/cases', 202, '', '')`,
    );
  });
  afterAll(async () => {
    app?.release();
    await database?.drop();
  });

  const refusal = (sql: string) =>
    app.query(sql).then(
      () => 'allowed',
      (error: { code?: string }) => error.code,
    );

  it('when it resets its role or asks to become the owner, then it stays itself', async () => {
    await app.query('RESET ROLE');
    const { rows } = await app.query<{ u: string }>('SELECT current_user AS u');

    expect(rows[0]?.u).toBe('lien_thong_app');
    expect(owner).not.toBe('lien_thong_app');
    expect(await refusal(`SET ROLE ${owner}`)).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await refusal(`SET SESSION AUTHORIZATION ${owner}`)).toBe(INSUFFICIENT_PRIVILEGE);
  });

  it('when it updates, deletes or truncates the audit log, then PostgreSQL refuses it the privilege', async () => {
    expect(await refusal(`UPDATE audit_log SET actor = 'someone else'`)).toBe(
      INSUFFICIENT_PRIVILEGE,
    );
    expect(await refusal('DELETE FROM audit_log')).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await refusal('TRUNCATE audit_log')).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await verifyAuditChain(database.db)).toEqual({ rows: 1 });
  });

  it('when it switches off the audit log’s triggers or drops them, then only the owner could', async () => {
    expect(await refusal('ALTER TABLE audit_log DISABLE TRIGGER audit_append_only')).toBe(
      INSUFFICIENT_PRIVILEGE,
    );
    expect(await refusal('ALTER TABLE audit_log DISABLE TRIGGER ALL')).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await refusal('DROP TRIGGER audit_chain ON audit_log')).toBe(INSUFFICIENT_PRIVILEGE);
    expect(
      await refusal(
        'CREATE OR REPLACE FUNCTION audit_chain() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$',
      ),
    ).toBe(INSUFFICIENT_PRIVILEGE);
  });

  it('when it sends an audit row dated years back, then the row carries the database’s time and the chain holds', async () => {
    const before = Date.now();
    const { rows } = await app.query<{ at: string }>(
      `INSERT INTO audit_log (actor, role, action, outcome, at, prev_hash, hash)
       VALUES ('clerk-1', 'clerk', 'GET /v1/cases', 200, '2001-01-01T00:00:00Z', '', '')
       RETURNING at`,
    );

    expect(Date.parse(rows[0]?.at ?? '')).toBeGreaterThanOrEqual(before - 1_000);
    expect(await verifyAuditChain(database.db)).toEqual({ rows: 2 });
  });

  it('when a process starts with a login wider than the application’s, then production refuses it and development is told why', async () => {
    const warned: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => void warned.push(line) });

    expect(await excessPrivileges(database.appDb)).toEqual([]);
    expect(await excessPrivileges(database.db)).toEqual([
      `${owner} is a superuser`,
      `${owner} may update, delete or truncate the audit log`,
      `${owner} may act as the audit log's owner`,
    ]);
    await expect(checkAppLogin(database.db, { production: true, log })).rejects.toThrow(
      /DATABASE_URL is not the application's login/,
    );
    await checkAppLogin(database.db, { production: false, log });
    await checkAppLogin(database.appDb, { production: true, log });
    expect(warned).toHaveLength(1);
  });
});
