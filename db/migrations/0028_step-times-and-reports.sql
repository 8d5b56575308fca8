-- Up Migration
-- Supervisors' figures computed in PostgreSQL for any period (issue 22, item 8): when each step began
-- and ended (workflow time, carried by the step's view), so on-time rates, time per step and the
-- steps open at a period's end are read from the tasks, not rebuilt in the browser from a sample.
ALTER TABLE tasks
  ADD COLUMN started_at timestamptz,
  ADD COLUMN ended_at timestamptz;

-- Steps projected before their views carried the times: their case's timeline has them (the first
-- entry naming the step, and the first that ended it).
UPDATE tasks t
   SET started_at = s.started, ended_at = s.ended
  FROM (SELECT c.case_id, e->>'step' AS step,
               min((e->>'at')::timestamptz) AS started,
               min((e->>'at')::timestamptz) FILTER (
                 WHERE e->>'event' IN ('completed', 'rejected', 'cancelled', 'skipped', 'compensated')
               ) AS ended
          FROM cases c, jsonb_array_elements(c.view->'timeline') e
         WHERE e ? 'step'
         GROUP BY 1, 2) s
 WHERE s.case_id = t.case_id AND s.step = t.step;

-- Steps ended in a period, per commune; steps begun by a period's end, per commune (open then).
CREATE INDEX tasks_ended ON tasks (jurisdiction, ended_at) WHERE ended_at IS NOT NULL;
CREATE INDEX tasks_started ON tasks (jurisdiction, started_at);

-- The monthly compliance report, produced by a Temporal Schedule (workflows/compliance-report) on the
-- first of each month for the month before, for every commune; kept for download.
CREATE TABLE compliance_reports (
  month       text PRIMARY KEY CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  produced_at timestamptz NOT NULL DEFAULT now(),
  rows        jsonb NOT NULL
);
GRANT SELECT, INSERT, UPDATE ON compliance_reports TO lien_thong_app;

-- Down Migration
DROP TABLE compliance_reports;
DROP INDEX tasks_started;
DROP INDEX tasks_ended;
ALTER TABLE tasks DROP COLUMN ended_at, DROP COLUMN started_at;
