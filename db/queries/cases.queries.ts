// Reads of the read model for lists, search, inboxes and access checks.
import { z } from 'zod';
import { FINAL_STATUSES } from '../../domain/procedures/case-status';
import { inTransaction, type Db } from '../pool';

const CaseRow = z.object({
  case_id: z.string(),
  procedure: z.string(),
  status: z.string(),
  commune: z.string(),
  party_pins: z.array(z.string()),
  received_at: z.string(),
  deadline: z.string(),
  /** The case workflow recorded its legal deadline's breach (issue 20; false before it was kept). */
  breached: z.boolean(),
  view: z.record(z.string(), z.unknown()),
  /** Whom the case is about (the child, the deceased), in lists; absent before it was kept. */
  main_name: z.string().nullish(),
});
export type CaseRow = z.infer<typeof CaseRow>;

export async function findCase(db: Db, caseId: string): Promise<CaseRow | undefined> {
  const { rows } = await db.query('SELECT * FROM cases WHERE case_id = $1', [caseId]);
  return rows[0] === undefined ? undefined : CaseRow.parse(rows[0]);
}

export async function casesOfParty(db: Db, pin: string): Promise<CaseRow[]> {
  const { rows } = await db.query(
    'SELECT * FROM cases WHERE party_pins @> ARRAY[$1]::text[] ORDER BY received_at DESC LIMIT 200',
    [pin],
  );
  return rows.map((row) => CaseRow.parse(row));
}

export interface CaseFilter {
  commune?: string | undefined;
  procedure?: string | undefined;
  status?: string | undefined;
  overdue?: boolean | undefined;
  breached?: boolean | undefined;
  receivedFrom?: string | undefined;
  receivedTo?: string | undefined;
  /** A case code (domain/case-code.ts), canonical. */
  code?: string | undefined;
  /** A PIN of anyone the case names. */
  pin?: string | undefined;
  /** Part of the name of anyone the case names, matched without accents or letter case. */
  name?: string | undefined;
  limit: number;
  offset: number;
}

export async function searchCases(
  db: Db,
  filter: CaseFilter,
): Promise<{ total: number; items: CaseRow[] }> {
  const where: string[] = [];
  const args: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    args.push(value);
    where.push(sql.replaceAll('?', `$${args.length}`));
  };
  if (filter.commune) add('commune = ?', filter.commune);
  if (filter.procedure) add('procedure = ?', filter.procedure);
  if (filter.status) add('status = ?', filter.status);
  if (filter.receivedFrom) add('received_at >= ?', filter.receivedFrom);
  if (filter.receivedTo) add('received_at < ?', filter.receivedTo);
  if (filter.overdue) add('deadline < now() AND NOT (status = ANY(?))', FINAL_STATUSES);
  if (filter.breached) where.push('breached');
  if (filter.code) add('case_id IN (SELECT case_id FROM case_codes WHERE code = ?)', filter.code);
  if (filter.pin)
    add(
      `case_id IN (SELECT case_id FROM case_people WHERE pin = ?
                   UNION SELECT case_id FROM cases WHERE party_pins @> ARRAY[?]::text[])`,
      filter.pin,
    );
  // LIKE's own characters are matched as themselves; the trigram index serves '%…%'.
  if (filter.name)
    add(
      `case_id IN (SELECT case_id FROM case_people
                    WHERE folded LIKE '%' || fold_name(?) || '%')`,
      filter.name.replace(/[\\%_]/g, (c) => `\\${c}`),
    );
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM cases ${clause}`,
    args,
  );
  const { rows } = await db.query(
    `SELECT *, (SELECT full_name FROM case_people p WHERE p.case_id = cases.case_id AND position = 0)
              AS main_name
       FROM cases ${clause} ORDER BY received_at DESC, case_id LIMIT $${args.length + 1} OFFSET $${args.length + 2}`,
    [...args, filter.limit, filter.offset],
  );
  return { total: total.rows[0]?.n ?? 0, items: rows.map((row) => CaseRow.parse(row)) };
}

const TaskRow = z.object({
  task_id: z.string(),
  case_id: z.string(),
  step: z.string(),
  agency: z.string(),
  jurisdiction: z.string(),
  state: z.string(),
  open: z.boolean(),
  deadline: z.string().nullable(),
  breached: z.boolean(),
  view: z.record(z.string(), z.unknown()),
  summary: z.record(z.string(), z.unknown()),
  /** The officer (`sub`) a supervisor gave the task to; null: the agency's inbox as a whole. */
  assignee: z.string().nullable(),
  assigned_by: z.string().nullable(),
  assigned_at: z.string().nullable(),
  /** The case's readable code (domain/case-code.ts), where the read joins it. */
  case_code: z.string().nullable().optional(),
});
export type TaskRow = z.infer<typeof TaskRow>;

/** Tasks with their case's code, for lists that show it instead of the long case id. */
const TASKS_WITH_CODES = 'tasks LEFT JOIN case_codes USING (case_id)';

export async function findTask(db: Db, taskId: string): Promise<TaskRow | undefined> {
  const { rows } = await db.query(
    `SELECT tasks.*, code AS case_code FROM ${TASKS_WITH_CODES} WHERE task_id = $1`,
    [taskId],
  );
  return rows[0] === undefined ? undefined : TaskRow.parse(rows[0]);
}

/** Which open tasks an inbox shows: the caller's communes (and agency, for officers), filtered. */
export interface InboxFilter {
  communes: readonly string[];
  agency?: string | undefined;
  /** Cases of this procedure only (the case id's prefix, e.g. `birth-residence-insurance`). */
  procedure?: string | undefined;
  /** Steps in this state only (`in_review`, `awaiting_supplement`, …). */
  state?: string | undefined;
  /** Only tasks whose deadline has passed. */
  overdue?: boolean | undefined;
  /** Only tasks assigned to this officer — or, in a commune named, to one they stand in for. */
  assignee?:
    { officer: string; standsInFor: readonly { delegator: string; commune: string }[] } | undefined;
}

function inboxWhere(filter: InboxFilter): { sql: string; values: unknown[] } {
  const values: unknown[] = [filter.communes];
  const clauses = ['open', 'jurisdiction = ANY ($1::text[])'];
  const add = (clause: (n: number) => string, value: unknown) => {
    values.push(value);
    clauses.push(clause(values.length));
  };
  // Each filter is its own clause, not `x = $n OR $n IS NULL`, so the agency's index is used.
  if (filter.agency !== undefined) add((n) => `agency = $${n}`, filter.agency);
  if (filter.procedure !== undefined)
    add((n) => `starts_with(case_id, $${n} || ':')`, filter.procedure);
  if (filter.state !== undefined) add((n) => `state = $${n}`, filter.state);
  const assignee = filter.assignee;
  if (assignee !== undefined) {
    const n = values.push(
      assignee.officer,
      assignee.standsInFor.map((d) => d.delegator),
      assignee.standsInFor.map((d) => d.commune),
    );
    clauses.push(
      `(assignee = $${n - 2} OR (assignee, jurisdiction) IN
         (SELECT * FROM unnest($${n - 1}::text[], $${n}::text[])))`,
    );
  }
  if (filter.overdue) clauses.push('deadline < now()');
  return { sql: clauses.join(' AND '), values };
}

/** One page of an inbox, soonest deadline first (a paused clock last), and how many in all. */
export async function inbox(
  db: Db,
  page: InboxFilter & { limit: number; offset: number },
): Promise<{ rows: TaskRow[]; total: number }> {
  const where = inboxWhere(page);
  const n = where.values.length;
  const [items, count] = await Promise.all([
    db.query(
      `SELECT tasks.*, code AS case_code FROM ${TASKS_WITH_CODES} WHERE ${where.sql}
        ORDER BY deadline NULLS LAST, task_id LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...where.values, page.limit, page.offset],
    ),
    db.query<{ total: number }>(
      `SELECT count(*)::int AS total FROM tasks WHERE ${where.sql}`,
      where.values,
    ),
  ]);
  return { rows: items.rows.map((row) => TaskRow.parse(row)), total: count.rows[0]?.total ?? 0 };
}

/**
 * Gives an open task of `jurisdiction` to `officer`; undefined when there is no such open task. The
 * assignee is inbox routing kept beside the projection (migration 0006), not procedure state: the
 * step's workflow and its projected view are untouched.
 */
export async function assignTask(
  db: Db,
  assignment: { taskId: string; jurisdiction: string; officer: string; by: string },
): Promise<TaskRow | undefined> {
  const { rows } = await db.query(
    `UPDATE tasks SET assignee = $3, assigned_by = $4, assigned_at = now()
      WHERE task_id = $1 AND jurisdiction = $2 AND open
      RETURNING *`,
    [assignment.taskId, assignment.jurisdiction, assignment.officer, assignment.by],
  );
  return rows[0] === undefined ? undefined : TaskRow.parse(rows[0]);
}

/** The tasks of these ids that exist, in no particular order. */
export async function findTasks(db: Db, taskIds: readonly string[]): Promise<TaskRow[]> {
  const { rows } = await db.query('SELECT * FROM tasks WHERE task_id = ANY ($1::text[])', [
    taskIds,
  ]);
  return rows.map((row) => TaskRow.parse(row));
}

/**
 * Gives every one of these open tasks of `jurisdiction` to `officer` at once, or none: undefined
 * when any of them is not (or no longer) an open task there.
 */
export async function assignTasks(
  db: Db,
  assignment: { taskIds: readonly string[]; jurisdiction: string; officer: string; by: string },
): Promise<TaskRow[] | undefined> {
  try {
    return await inTransaction(db, async (client) => {
      const { rows } = await client.query(
        `UPDATE tasks SET assignee = $3, assigned_by = $4, assigned_at = now()
          WHERE task_id = ANY ($1::text[]) AND jurisdiction = $2 AND open
          RETURNING *`,
        [assignment.taskIds, assignment.jurisdiction, assignment.officer, assignment.by],
      );
      if (rows.length !== new Set(assignment.taskIds).size) throw new NotAllAssigned();
      return rows.map((row) => TaskRow.parse(row));
    });
  } catch (error) {
    if (error instanceof NotAllAssigned) return undefined;
    throw error;
  }
}

/** One of the tasks was not an open task of the jurisdiction: the others are not assigned either. */
class NotAllAssigned extends Error {}

/** The agency steps of one case, as (agency, jurisdiction) pairs: who is involved in it. */
export async function caseAgencies(
  db: Db,
  caseId: string,
): Promise<{ agency: string; jurisdiction: string }[]> {
  const { rows } = await db.query<{ agency: string; jurisdiction: string }>(
    'SELECT DISTINCT agency, jurisdiction FROM tasks WHERE case_id = $1',
    [caseId],
  );
  return rows;
}

/** The code on the case's receipt (KS-…), if it has one (cases filed before codes have none). */
export async function caseCodeOf(db: Db, caseId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ code: string }>(
    'SELECT code FROM case_codes WHERE case_id = $1',
    [caseId],
  );
  return rows[0]?.code;
}
