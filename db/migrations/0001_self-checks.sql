-- Up Migration
-- Round trips of the self-check workflow: written by an activity on the worker, read by the API.
-- Operators use them to prove the whole chain (API → Temporal → worker → PostgreSQL → API) works.
CREATE TABLE self_checks (
  check_id     uuid PRIMARY KEY,
  workflow_id  text NOT NULL UNIQUE,
  requested_by text NOT NULL,
  requested_at timestamptz NOT NULL,
  recorded_at  timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE self_checks;
