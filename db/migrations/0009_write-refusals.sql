-- Up Migration
-- Writes PostgreSQL refused for good — a read-model projection, an audit row — recorded once per
-- target and counted, where they were retried without end before. Operators see refused
-- projections as stuck cases (GET /v1/ops/stuck-cases, PROJECTION_REFUSED). Nothing of the refused
-- row is kept: `message` is built from the SQLSTATE and schema names (db/pg-errors.ts), since the
-- server's own message quotes the refused value, personal data.
CREATE TABLE write_refusals (
  -- projectCase · projectStep · audit
  kind        text NOT NULL,
  -- What was written: the projected workflow (a case's, or a step's = its task id); for audit rows,
  -- the API operation.
  target      text NOT NULL,
  case_id     text,
  procedure   text,
  -- The case's commune when the refused write named it (projectCase), for supervisors' lists.
  commune     text,
  -- The projected view's version refused last: once a later version lands the read model is whole
  -- again and the refusal is history, not a stuck case.
  version     integer,
  sqlstate    char(5) NOT NULL,
  message     text NOT NULL,
  first_seen  timestamptz NOT NULL DEFAULT now(),
  last_seen   timestamptz NOT NULL DEFAULT now(),
  count       integer NOT NULL DEFAULT 1,
  PRIMARY KEY (kind, target)
);
CREATE INDEX write_refusals_by_case ON write_refusals (case_id) WHERE case_id IS NOT NULL;

-- Recorded by the workers and the API (as lien_thong_app, see 0005); cleared by operators only.
GRANT SELECT, INSERT, UPDATE ON write_refusals TO lien_thong_app;

-- Down Migration
DROP TABLE write_refusals;
