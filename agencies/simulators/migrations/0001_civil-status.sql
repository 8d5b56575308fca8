-- Up Migration
-- The civil-status system (MOJ shared software, simulated): birth registrations and their extracts.
CREATE SCHEMA sim_civil_status;

CREATE TABLE sim_civil_status.requests (
  idempotency_key text PRIMARY KEY,
  fingerprint     text NOT NULL,
  status          integer NOT NULL,
  body            jsonb NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sim_civil_status.settings (
  commune text PRIMARY KEY,
  review  text NOT NULL CHECK (review IN ('automatic', 'officer'))
);

CREATE SEQUENCE sim_civil_status.extract_seq;

CREATE TABLE sim_civil_status.birth_registrations (
  registration_key   text PRIMARY KEY,
  certificate_number text NOT NULL UNIQUE,
  commune            text NOT NULL,
  status             text NOT NULL CHECK (status IN ('received', 'registered', 'rejected', 'cancelled')),
  extract_number     text UNIQUE,
  child              jsonb NOT NULL,
  parents            jsonb NOT NULL,
  reason             text,
  corrections        jsonb NOT NULL DEFAULT '[]',
  received_at        timestamptz NOT NULL DEFAULT now(),
  decided_at         timestamptz
);

-- Down Migration
DROP SCHEMA sim_civil_status CASCADE;
