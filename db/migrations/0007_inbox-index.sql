-- Up Migration
-- The inbox's first page in index order: one agency's open tasks of one commune (officers), or all
-- of a commune's (supervisors), soonest deadline first, without sorting every open task.
CREATE INDEX tasks_inbox_page ON tasks (jurisdiction, agency, deadline, task_id) WHERE open;
CREATE INDEX tasks_commune_page ON tasks (jurisdiction, deadline, task_id) WHERE open;
DROP INDEX tasks_inbox;

-- Down Migration
CREATE INDEX tasks_inbox ON tasks (agency, jurisdiction, deadline) WHERE open;
DROP INDEX tasks_commune_page;
DROP INDEX tasks_inbox_page;
