-- Up Migration
-- The officer directory (DESIGN.md §3): who serves which agency in which jurisdiction. Tasks are
-- assigned only to an active officer of the task's own agency and jurisdiction, and a court's
-- annulment is recorded and approved only by civil-status officers listed here. Admins keep it
-- through the API (list, add, deactivate); a deactivated officer keeps their row, so the audit log
-- and earlier assignments still name someone who existed. One post per officer, as their token says.
CREATE TABLE officers (
  sub            text PRIMARY KEY,
  name           text NOT NULL,
  agency         text NOT NULL,
  jurisdiction   text NOT NULL,
  active         boolean NOT NULL DEFAULT true,
  added_by       text NOT NULL,
  added_at       timestamptz NOT NULL DEFAULT now(),
  deactivated_by text,
  deactivated_at timestamptz,
  CHECK (active = (deactivated_at IS NULL))
);
CREATE INDEX officers_by_post ON officers (agency, jurisdiction, sub) WHERE active;

GRANT SELECT, INSERT, UPDATE ON officers TO lien_thong_app;

-- Down Migration
DROP TABLE officers;
