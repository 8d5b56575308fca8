// Which database errors a projection retries and which it records as refused: a pure function over
// the error pg (or the socket under it) throws.
import { describe, expect, it } from 'vitest';
import { describeRefusal, permanentRefusal } from '../../db/pg-errors';

/** An error shaped as pg's DatabaseError: a message, a SQLSTATE and the schema names it knows. */
const pgError = (code: string, fields: Record<string, string> = {}) =>
  Object.assign(new Error(`server says ${code}`), { code, ...fields });

describe('permanentRefusal', () => {
  it.each([
    ['22P05', 'untranslatable_character', 'U+0000 in a JSON column'],
    ['22021', 'character_not_in_repertoire', 'U+0000 in a text column'],
    ['22P02', 'invalid_text_representation', 'a lone surrogate in a JSON column'],
    ['54000', 'program_limit_exceeded', 'a value past the server’s limits'],
    ['22001', 'string_data_right_truncation', 'a value too long for its column'],
    ['2200H', 'data_exception', 'a data exception without a name here'],
    ['23502', 'not_null_violation', 'a required column left empty'],
  ])('when PostgreSQL answers %s, then it is a permanent %s (%s)', (code, condition) => {
    expect(permanentRefusal(pgError(code))).toMatchObject({ sqlstate: code, condition });
  });

  it.each([
    ['57P01', 'the server shutting down (admin_shutdown)'],
    ['57P03', 'the server starting (cannot_connect_now)'],
    ['57014', 'a statement timeout'],
    ['08006', 'a connection failure'],
    ['40001', 'a serialization failure'],
    ['40P01', 'a deadlock'],
    ['53300', 'too many connections'],
    ['53100', 'a full disk'],
    ['42501', 'a missing grant (cured by deploying the migration)'],
    ['23505', 'a unique violation (depends on other rows)'],
    ['XX000', 'an internal error'],
  ])('when PostgreSQL answers %s, then a retry may cure it (%s)', (code) => {
    expect(permanentRefusal(pgError(code))).toBeUndefined();
  });

  it.each([
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    ],
    ['a lost connection', new Error('Connection terminated unexpectedly')],
    ['a pool timeout', new Error('timeout exceeded when trying to connect')],
    ['something not an error', 'boom'],
    ['nothing', undefined],
  ])('when the error is %s, then a retry may cure it', (_what, error) => {
    expect(permanentRefusal(error)).toBeUndefined();
  });
});

describe('describeRefusal', () => {
  it('when pg names the table and column, then the description keeps them and no value', () => {
    const error = pgError('22P05', {
      table: 'cases',
      column: 'view',
      detail: '\\u0000 cannot be converted to text.',
      where: 'JSON data, line 1: {"child":{"fullName":"Nguyễn\\u0000...',
    });
    const description = describeRefusal(permanentRefusal(error) ?? expect.fail('permanent'));
    expect(description).toBe(
      'PostgreSQL refused the data: untranslatable_character (SQLSTATE 22P05), table cases, column view',
    );
  });

  it('when a schema name pg reports is not an identifier of ours, then it is left out', () => {
    const refusal = permanentRefusal(pgError('23514', { constraint: 'Nguyễn Văn A' }));
    expect(refusal?.constraint).toBeUndefined();
    expect(describeRefusal(refusal ?? expect.fail('permanent'))).not.toContain('Nguyễn');
  });
});
