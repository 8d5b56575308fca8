// Which PostgreSQL errors a retry can cure. Our writes are idempotent, so the default is to retry:
// a server restarting, a dropped connection, a serialization failure, a full disk or a missing grant
// all pass (the last two once an operator acts). Only a refusal of the data itself is permanent —
// text the server cannot store (U+0000, a lone surrogate in JSON), a value past a type's or the
// server's limits — since the same write is refused the same way however often it is sent.
//
// A refusal is described from its SQLSTATE and the schema names pg reports (table, column,
// constraint), never from the server's message: its detail and context quote the refused value,
// which is personal data (`JSON data, line 1: {"child":{"fullName":…`).

/** SQLSTATE classes whose errors say the data was refused (PostgreSQL, Appendix A). */
const PERMANENT_CLASSES: Readonly<Record<string, string>> = {
  '22': 'data_exception',
  '54': 'program_limit_exceeded',
};

/** Integrity violations that depend on the row alone; the others (unique, foreign key) on others. */
const PERMANENT_INTEGRITY: Readonly<Record<string, string>> = {
  '23502': 'not_null_violation',
  '23514': 'check_violation',
};

/** The conditions met in practice, by name (the rest are named by their class). */
const CONDITIONS: Readonly<Record<string, string>> = {
  '22001': 'string_data_right_truncation',
  '22003': 'numeric_value_out_of_range',
  '22007': 'invalid_datetime_format',
  '22008': 'datetime_field_overflow',
  '22021': 'character_not_in_repertoire',
  '22023': 'invalid_parameter_value',
  '22P02': 'invalid_text_representation',
  '22P05': 'untranslatable_character',
  '22032': 'invalid_json_text',
  '54000': 'program_limit_exceeded',
  '54001': 'statement_too_complex',
  '54023': 'too_many_arguments',
  ...PERMANENT_INTEGRITY,
};

export interface Refusal {
  /** The five-character SQLSTATE. */
  sqlstate: string;
  /** Its condition name: `untranslatable_character`. */
  condition: string;
  /** What pg names of our schema, when it names it (never a value). */
  table?: string | undefined;
  column?: string | undefined;
  constraint?: string | undefined;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;
/** Identifiers of our own schema only: anything else is dropped rather than trusted. */
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

const identifier = (value: unknown): string | undefined =>
  typeof value === 'string' && IDENTIFIER.test(value) ? value : undefined;

/**
 * The permanent refusal `error` is, or undefined when retrying may cure it: every error that is not
 * a PostgreSQL data refusal — no SQLSTATE (a socket error, a pool timeout), a connection, resource,
 * shutdown or serialization error, a privilege or schema error.
 */
export function permanentRefusal(error: unknown): Refusal | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, table, column, constraint } = error as Record<string, unknown>;
  if (typeof code !== 'string' || !SQLSTATE.test(code)) return undefined;
  const byClass = PERMANENT_CLASSES[code.slice(0, 2)];
  if (byClass === undefined && PERMANENT_INTEGRITY[code] === undefined) return undefined;
  return {
    sqlstate: code,
    condition: CONDITIONS[code] ?? byClass ?? code,
    table: identifier(table),
    column: identifier(column),
    constraint: identifier(constraint),
  };
}

/** A description of `refusal` for logs, failures and operators: codes and schema names only. */
export function describeRefusal(refusal: Refusal): string {
  const where = [
    refusal.table && `table ${refusal.table}`,
    refusal.column && `column ${refusal.column}`,
    refusal.constraint && `constraint ${refusal.constraint}`,
  ].filter(Boolean);
  return `PostgreSQL refused the data: ${refusal.condition} (SQLSTATE ${refusal.sqlstate})${
    where.length ? `, ${where.join(', ')}` : ''
  }`;
}
