-- Up Migration
-- What the stuck-case scan (api/stuck-scan.ts) found in Temporal: workflows of a case whose pending
-- workflow task has failed more than STUCK_TASK_ATTEMPTS times. Kept here rather than in one API
-- process's memory, so every API instance lists the same stuck cases and /metrics costs a query.
-- A workflow leaves the table when a later scan finds its task going again.
CREATE TABLE workflow_task_failures (
  workflow_id text PRIMARY KEY,
  case_id     text NOT NULL,
  attempt     integer NOT NULL,
  -- When a scan first found it failing.
  since       timestamptz NOT NULL DEFAULT now(),
  checked_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX workflow_task_failures_by_case ON workflow_task_failures (case_id);

-- Open cases by deadline: the overdue ones without a scan of every case, and the scan's rotation
-- through the quiet ones. The predicate is the one db/queries/stuck-cases.queries.ts writes.
CREATE INDEX cases_open_by_deadline ON cases (deadline, case_id)
  WHERE status NOT IN ('completed', 'partially_completed', 'rejected', 'withdrawn', 'annulled');

GRANT SELECT, INSERT, UPDATE, DELETE ON workflow_task_failures TO lien_thong_app;

-- Down Migration
DROP INDEX cases_open_by_deadline;
DROP TABLE workflow_task_failures;
