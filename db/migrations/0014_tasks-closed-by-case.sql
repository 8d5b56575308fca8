-- Up Migration
-- A step's workflow that failed or was stopped cannot close its own task: its case does (issue 18).
-- The case cannot know the last version the step wrote (the step projects before it tells its case,
-- and may be stopped in between), so its write is final instead of newer: it replaces whatever the
-- step wrote, and nothing the step still had in flight replaces it.
ALTER TABLE tasks ADD COLUMN final boolean NOT NULL DEFAULT false;

-- Down Migration
ALTER TABLE tasks DROP COLUMN final;
