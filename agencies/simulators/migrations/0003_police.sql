-- Up Migration
-- The residence management system of the commune police (simulated): households at addresses and
-- permanent-residence registrations.
CREATE SCHEMA sim_police;

CREATE TABLE sim_police.requests (
  idempotency_key text PRIMARY KEY,
  fingerprint     text NOT NULL,
  status          integer NOT NULL,
  body            jsonb NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sim_police.households (
  household_id  text PRIMARY KEY,
  commune       text NOT NULL,
  address_line  text NOT NULL,
  head_pin      char(12) NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('family', 'collective')),
  needs_verification boolean NOT NULL DEFAULT false,
  UNIQUE (commune, address_line)
);

CREATE TABLE sim_police.residence_registrations (
  registration_key text PRIMARY KEY,
  residence_ref    text UNIQUE,
  pin              char(12) NOT NULL,
  household_id     text REFERENCES sim_police.households,
  status           text NOT NULL CHECK (status IN ('verification', 'registered', 'rejected', 'cancelled', 'removed')),
  reason           text,
  received_at      timestamptz NOT NULL DEFAULT now(),
  decided_at       timestamptz
);
CREATE UNIQUE INDEX residence_one_active_per_person
  ON sim_police.residence_registrations (pin) WHERE status = 'registered';

CREATE SEQUENCE sim_police.residence_seq;

-- Down Migration
DROP SCHEMA sim_police CASCADE;
