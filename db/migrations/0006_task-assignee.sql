-- Up Migration
-- Who a supervisor gave an open task to (DESIGN.md §3: reassignment). Kept beside the projection:
-- the projection's upserts never touch these columns, so a step's later changes keep its assignee.
-- lien_thong_app's table-wide SELECT and UPDATE on tasks (0005) cover the new columns.
ALTER TABLE tasks
  ADD COLUMN assignee    text,
  ADD COLUMN assigned_by text,
  ADD COLUMN assigned_at timestamptz;

-- Down Migration
ALTER TABLE tasks
  DROP COLUMN assigned_at,
  DROP COLUMN assigned_by,
  DROP COLUMN assignee;
