-- Up Migration
-- The read model: a projection of each case and each agency step, written by activities with
-- idempotent, version-guarded upserts (a replayed or late write never overwrites a newer one).
CREATE TABLE communes (
  code          text PRIMARY KEY,
  name          text NOT NULL,
  province      text NOT NULL,
  province_code char(3) NOT NULL
);

CREATE TABLE cases (
  case_id      text PRIMARY KEY,
  procedure    text NOT NULL,
  business_key text NOT NULL,
  status       text NOT NULL,
  commune      text NOT NULL,
  -- PINs of the people who may follow the case as citizens (applicant, parents, named relatives).
  party_pins   text[] NOT NULL,
  received_at  timestamptz NOT NULL,
  deadline     timestamptz NOT NULL,
  view         jsonb NOT NULL,
  version      integer NOT NULL,
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cases_by_commune ON cases (commune, received_at DESC);
CREATE INDEX cases_by_status ON cases (status, received_at DESC);
CREATE INDEX cases_by_party ON cases USING gin (party_pins);

-- One row per agency step: the officers' inbox is its open rows.
CREATE TABLE tasks (
  task_id      text PRIMARY KEY,
  case_id      text NOT NULL,
  step         text NOT NULL,
  agency       text NOT NULL,
  jurisdiction text NOT NULL,
  state        text NOT NULL,
  open         boolean NOT NULL,
  deadline     timestamptz,
  breached     boolean NOT NULL DEFAULT false,
  view         jsonb NOT NULL,
  summary      jsonb NOT NULL,
  version      integer NOT NULL,
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tasks_inbox ON tasks (agency, jurisdiction, deadline) WHERE open;
CREATE INDEX tasks_by_case ON tasks (case_id);

-- Down Migration
DROP TABLE tasks;
DROP TABLE cases;
DROP TABLE communes;
