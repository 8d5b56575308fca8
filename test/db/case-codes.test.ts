import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignCaseCode } from '../../db/filings.repository';
import { createTestDatabase, type TestDatabase } from '../support/database';

describe('case code numbering', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  const series = { prefix: 'KS', commune: '00004', period: '2612' };

  it('when the same case id is given a code by two filings at once, then it keeps one, and the next case gets the next number (none lost)', async () => {
    const codes = await Promise.all(
      Array.from({ length: 4 }, () => assignCaseCode(database.appDb, 'case-A', series)),
    );
    expect(new Set(codes)).toEqual(new Set(['KS-00004-2612-000001']));
    expect(await assignCaseCode(database.appDb, 'case-B', series)).toBe('KS-00004-2612-000002');
    expect(await assignCaseCode(database.appDb, 'case-A', series)).toBe('KS-00004-2612-000001');
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
});
