// Reads for stuck cases (domain/stuck-cases.ts): the operators' list, the gauge's counts, and the
// scan's next cases to ask Temporal about. Each reason is a cheap indexed read: overdue open cases
// by the partial index of migration 0010, refusals and failing workflow tasks from their own small
// tables (migrations 0009, 0010).
import { z } from 'zod';
import { FINAL_STATUSES } from '../../domain/procedures/case-status';
import { StuckReason, STUCK_REASONS } from '../../domain/stuck-cases';
import type { Db } from '../pool';

/** Minutes a filed case's workflow may take to start before the case counts as stuck. */
export const NOT_STARTED_MINUTES = 5;

/** A case still open; the same text as the predicate of the index cases_open_by_deadline. */
export const OPEN_CASE = `status NOT IN (${FINAL_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/**
 * One row per reason a case is stuck, with `facts` to describe it by (ids, codes, times: nothing
 * typed by people). $1: hours past the deadline before an idle case counts as stuck.
 */
const SOURCES = `
  SELECT c.case_id, '${StuckReason.OVERDUE_NO_PROGRESS}' AS reason, c.deadline AS since,
         c.procedure, c.commune,
         jsonb_build_object('deadline', c.deadline,
                            'lastProgress', greatest(c.updated_at, t.last_progress)) AS facts
    FROM cases c
    LEFT JOIN LATERAL (SELECT max(updated_at) AS last_progress FROM tasks
                        WHERE tasks.case_id = c.case_id) t ON true
   WHERE c.${OPEN_CASE} AND c.deadline < now() - $1 * interval '1 hour'
     AND greatest(c.updated_at, t.last_progress) < c.deadline
  UNION ALL
  -- A refusal is over once a later version of the same projection landed.
  SELECT r.case_id, '${StuckReason.PROJECTION_REFUSED}', r.first_seen, r.procedure, r.commune,
         jsonb_build_object('kind', r.kind, 'workflowId', r.target, 'sqlstate', r.sqlstate,
                            'count', r.count, 'lastSeen', r.last_seen)
    FROM write_refusals r
   WHERE r.kind IN ('projectCase', 'projectStep') AND r.case_id IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM cases c WHERE r.kind = 'projectCase'
                        AND c.case_id = r.target AND c.version >= r.version)
     AND NOT EXISTS (SELECT 1 FROM tasks t WHERE r.kind = 'projectStep'
                        AND t.task_id = r.target AND t.version >= r.version)
  UNION ALL
  SELECT f.case_id, '${StuckReason.TASK_FAILING}', f.since, NULL, NULL,
         jsonb_build_object('workflowId', f.workflow_id, 'attempt', f.attempt,
                            'checkedAt', f.checked_at)
    FROM workflow_task_failures f
  UNION ALL
  SELECT s.case_id, '${StuckReason.NOT_STARTED}', s.filed_at, NULL, NULL,
         jsonb_build_object('attempts', s.attempts, 'nextAttempt', s.next_attempt_at)
    FROM case_starts s
   WHERE s.started_at IS NULL AND s.refused_at IS NULL
     AND s.filed_at < now() - interval '${NOT_STARTED_MINUTES} minutes'`;

/** Timestamps inside JSON arrive in PostgreSQL's text form; the API speaks ISO 8601 (UTC). */
const Instant = z.string().transform((value) => new Date(value).toISOString());

export const StuckRow = z.object({
  case_id: z.string(),
  procedure: z.string().nullable(),
  commune: z.string().nullable(),
  /** Null when no projection of the case ever landed. */
  status: z.string().nullable(),
  since: Instant,
  reasons: z.array(
    z.object({
      reason: z.enum(STUCK_REASONS),
      since: Instant,
      facts: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
    }),
  ),
});
export type StuckRow = z.infer<typeof StuckRow>;

/** Stuck cases, longest stuck first, of one commune (or all); one page and the total. */
export async function stuckCases(
  db: Db,
  page: {
    deadlineMarginHours: number;
    commune?: string | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ total: number; items: StuckRow[] }> {
  const { rows } = await db.query<{ total: number; items: unknown }>(
    `WITH sources AS (${SOURCES}),
     stuck AS (
       SELECT s.case_id,
              coalesce(max(c.procedure), max(s.procedure)) AS procedure,
              coalesce(max(c.commune), max(s.commune)) AS commune,
              max(c.status) AS status, min(s.since) AS since,
              jsonb_agg(jsonb_build_object('reason', s.reason, 'since', s.since, 'facts', s.facts)
                        ORDER BY s.since, s.reason) AS reasons
         FROM sources s LEFT JOIN cases c ON c.case_id = s.case_id
        GROUP BY s.case_id
       HAVING $2::text IS NULL OR coalesce(max(c.commune), max(s.commune)) = $2
     )
     SELECT (SELECT count(*)::int FROM stuck) AS total,
            (SELECT coalesce(jsonb_agg(p ORDER BY p.since, p.case_id), '[]')
               FROM (SELECT * FROM stuck ORDER BY since, case_id LIMIT $3 OFFSET $4) p) AS items`,
    [page.deadlineMarginHours, page.commune ?? null, page.limit, page.offset],
  );
  const [row] = rows;
  return { total: row?.total ?? 0, items: z.array(StuckRow).parse(row?.items ?? []) };
}

/** How many cases are stuck for each reason (a case with two reasons counts under both). */
export async function stuckCaseCounts(
  db: Db,
  deadlineMarginHours: number,
): Promise<Record<StuckReason, number>> {
  const { rows } = await db.query<{ reason: StuckReason; n: number }>(
    `WITH sources AS (${SOURCES})
     SELECT reason, count(DISTINCT case_id)::int AS n FROM sources GROUP BY reason`,
    [deadlineMarginHours],
  );
  const counts = Object.fromEntries(STUCK_REASONS.map((r) => [r, 0])) as Record<
    StuckReason,
    number
  >;
  for (const { reason, n } of rows) counts[reason] = n;
  return counts;
}

/** Where the scan stopped: cases are visited in (deadline, case id) order, then from the start. */
export interface ScanCursor {
  deadline: string;
  caseId: string;
}

const QuietCase = z.object({
  case_id: z.string(),
  deadline: z.string(),
  steps: z.array(z.object({ workflowId: z.string(), status: z.string() })).nullable(),
});

const FINAL_STEP_STATUSES = ['completed', 'rejected', 'cancelled', 'skipped', 'compensated'];

/**
 * Open cases with no progress in the read model for `quietMinutes`, after `after`: the ones whose
 * workflows may be failing (a case moving along is not). With the workflows to ask about: the
 * case's own and its steps' still open.
 */
export async function quietOpenCases(
  db: Db,
  scan: { after?: ScanCursor | undefined; quietMinutes: number; limit: number },
): Promise<{ caseId: string; workflowIds: string[]; cursor: ScanCursor }[]> {
  const { rows } = await db.query(
    // The deadline as PostgreSQL's text: microseconds kept, so the cursor moves past this case
    // (the ISO form the pool parses timestamps into stops at milliseconds).
    `SELECT c.case_id, c.deadline::text AS deadline, c.view->'steps' AS steps
       FROM cases c
      WHERE c.${OPEN_CASE} AND (c.deadline, c.case_id) > ($1::timestamptz, $2::text)
        AND c.updated_at < now() - $3 * interval '1 minute'
        AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = c.case_id
                           AND t.updated_at >= now() - $3 * interval '1 minute')
      ORDER BY c.deadline, c.case_id
      LIMIT $4`,
    [scan.after?.deadline ?? '-infinity', scan.after?.caseId ?? '', scan.quietMinutes, scan.limit],
  );
  return rows.map((raw) => {
    const row = QuietCase.parse(raw);
    const steps = (row.steps ?? []).filter((s) => !FINAL_STEP_STATUSES.includes(s.status));
    return {
      caseId: row.case_id,
      workflowIds: [row.case_id, ...steps.map((s) => s.workflowId)],
      cursor: { deadline: row.deadline, caseId: row.case_id },
    };
  });
}

/** Workflows an earlier scan found failing, to ask about again (fixed ones then leave the list). */
export async function knownTaskFailures(
  db: Db,
  limit: number,
): Promise<{ workflowId: string; caseId: string }[]> {
  const { rows } = await db.query<{ workflow_id: string; case_id: string }>(
    'SELECT workflow_id, case_id FROM workflow_task_failures ORDER BY checked_at LIMIT $1',
    [limit],
  );
  return rows.map((r) => ({ workflowId: r.workflow_id, caseId: r.case_id }));
}
