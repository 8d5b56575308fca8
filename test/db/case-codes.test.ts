import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignCaseCode } from '../../db/filings.repository';
import { formatCaseCode } from '../../domain/case-code';
import { createTestDatabase, type TestDatabase } from '../support/database';

describe('case code numbering', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  const series = { prefix: 'KS', commune: '00004', period: '2612' };

  /** Until `count` sessions of the test's login wait for a lock. */
  async function waitUntilWaiting(count: number): Promise<void> {
    for (let tries = 0; tries < 100; tries += 1) {
      const { rows } = await database.db.query<{ waiting: number }>(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      if ((rows[0]?.waiting ?? 0) >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`fewer than ${count} sessions came to wait`);
  }

  it('when the same case id is given a code by two filings at once, then it keeps one, and the next case gets the next number (none lost)', async () => {
    const codes = await Promise.all(
      Array.from({ length: 4 }, () => assignCaseCode(database.appDb, 'case-A', series)),
    );
    expect(new Set(codes)).toEqual(new Set(['KS-00004-2612-000001']));
    expect(await assignCaseCode(database.appDb, 'case-B', series)).toBe('KS-00004-2612-000002');
    expect(await assignCaseCode(database.appDb, 'case-A', series)).toBe('KS-00004-2612-000001');
  });

  it('when two filings of one case id both wait for the series’ counter, then the later takes the code the first gave and no number is skipped', async () => {
    // Arrange: another filing of the series holds the counter's row, so both calls get past their
    // first look for a code before either can count.
    const july = { ...series, period: '2607' };
    const holder = await database.db.connect();
    await holder.query('BEGIN');
    await holder.query(
      `INSERT INTO case_code_counters (prefix, commune, period, last) VALUES ($1, $2, $3, 0)`,
      [july.prefix, july.commune, july.period],
    );
    const both = Promise.all([
      assignCaseCode(database.appDb, 'case-H', july),
      assignCaseCode(database.appDb, 'case-H', july),
    ]);
    await waitUntilWaiting(2);

    // Act
    await holder.query('COMMIT');
    holder.release();

    // Assert
    expect(await both).toEqual(['KS-00004-2607-000001', 'KS-00004-2607-000001']);
    expect(await assignCaseCode(database.appDb, 'case-I', july)).toBe('KS-00004-2607-000002');
  });

  it('when cases of another commune, group or month are numbered, then each series counts from 1', async () => {
    expect(await assignCaseCode(database.appDb, 'case-C', { ...series, commune: '00007' })).toBe(
      'KS-00007-2612-000001',
    );
    expect(await assignCaseCode(database.appDb, 'case-D', { ...series, prefix: 'KT' })).toBe(
      'KT-00004-2612-000001',
    );
    expect(await assignCaseCode(database.appDb, 'case-E', { ...series, period: '2701' })).toBe(
      'KS-00004-2701-000001',
    );
  });

  it('when a series passes its millionth case, then the database writes the code as the domain does, the number whole', async () => {
    const june = { ...series, period: '2606' };
    await database.appDb.query(
      `INSERT INTO case_code_counters (prefix, commune, period, last) VALUES ($1, $2, $3, 999998)`,
      [june.prefix, june.commune, june.period],
    );
    const codes = [
      await assignCaseCode(database.appDb, 'case-F', june),
      await assignCaseCode(database.appDb, 'case-G', june),
    ];
    expect(codes).toEqual([formatCaseCode(june, 999_999), formatCaseCode(june, 1_000_000)]);
    expect(codes[1]).toBe('KS-00004-2606-1000000');
  });
});
