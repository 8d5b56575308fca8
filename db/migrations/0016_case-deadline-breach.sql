-- Up Migration
-- A case's legal deadline is kept (issue 20): its breach, once recorded by the case workflow, stays on
-- the case in the read model — also after the case ends, when "overdue" (an open case past its
-- deadline) no longer says so — for the supervisor's list and reports (GET /v1/cases?breached=true).
ALTER TABLE cases ADD COLUMN breached boolean NOT NULL DEFAULT false;
CREATE INDEX cases_breached ON cases (commune, received_at DESC) WHERE breached;

-- Down Migration
DROP INDEX cases_breached;
ALTER TABLE cases DROP COLUMN breached;
