-- Up Migration
-- Death registrations (khai tử) in the civil-status system, with their extracts. A registered death is a
-- legal fact: never cancelled, only annulled by a court, and the annulled record is kept.
CREATE SEQUENCE sim_civil_status.death_extract_seq;

CREATE TABLE sim_civil_status.death_registrations (
  registration_key text PRIMARY KEY,
  commune          text NOT NULL,
  deceased_pin     char(12) NOT NULL,
  notice_kind      text NOT NULL
    CHECK (notice_kind IN ('death_notice', 'execution_record', 'court_ruling', 'police_confirmation')),
  status           text NOT NULL
    CHECK (status IN ('received', 'registered', 'rejected', 'cancelled', 'annulled')),
  extract_number   text UNIQUE,
  deceased         jsonb NOT NULL,
  death            jsonb NOT NULL,
  notice           jsonb NOT NULL,
  declarant        jsonb NOT NULL,
  reason           text,
  annulment        jsonb,
  received_at      timestamptz NOT NULL DEFAULT now(),
  decided_at       timestamptz,
  annulled_at      timestamptz,
  CHECK ((status IN ('registered', 'annulled')) = (extract_number IS NOT NULL)),
  CHECK ((status = 'annulled') = (annulment IS NOT NULL))
);
-- One death per person: at most one registration received or registered for a deceased PIN.
CREATE UNIQUE INDEX death_one_per_person
  ON sim_civil_status.death_registrations (deceased_pin) WHERE status IN ('received', 'registered');

-- Down Migration
DROP TABLE sim_civil_status.death_registrations;
DROP SEQUENCE sim_civil_status.death_extract_seq;
