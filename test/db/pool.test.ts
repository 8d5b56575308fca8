// The pool survives PostgreSQL going away under it: a connection lost while idle or while a request
// holds it (PostgreSQL restarted mid-transaction) fails that request, never the process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Db } from '../../db/pool';
import { createTestDatabase, type TestDatabase } from '../support/database';

let database: TestDatabase;
let pool: Db;
const reported: Error[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
  pool = createPool(database.url, { max: 2, onError: (error) => reported.push(error) });
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

const backendPid = async (query: Db['query']) =>
  (await query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;

/** Ends a connection from the server's side, as a PostgreSQL shutdown or restart does. */
const terminate = async (pid: number | undefined) => {
  await database.db.query('SELECT pg_terminate_backend($1)', [pid]);
  // The client learns of it on its socket a moment later.
  await new Promise((done) => setTimeout(done, 200));
};

describe('database pool', () => {
  it('when a connection held by a request loses its server between two queries, then only that request fails and the pool goes on', async () => {
    const client = await pool.connect();
    await client.query('BEGIN');
    await terminate(await backendPid(client.query.bind(client)));

    await expect(client.query('SELECT 1')).rejects.toThrow();
    client.release();
    expect((await pool.query<{ ok: number }>('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
  });

  it('when an idle connection loses its server, then the loss is reported without its client and the next query reconnects', async () => {
    const client = await pool.connect();
    const pid = await backendPid(client.query.bind(client));
    client.release();
    reported.length = 0;
    await terminate(pid);

    expect(reported[0]).toMatchObject({ code: '57P01' });
    expect(Object.keys(reported[0] ?? {})).not.toContain('client');
    expect((await pool.query<{ ok: number }>('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
  });
});
