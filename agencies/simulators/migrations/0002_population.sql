-- Up Migration
-- The national population database (simulated): issues 12-digit personal ID numbers.
CREATE SCHEMA sim_population;

CREATE TABLE sim_population.requests (
  idempotency_key text PRIMARY KEY,
  fingerprint     text NOT NULL,
  status          integer NOT NULL,
  body            jsonb NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sim_population.citizens (
  pin           char(12) PRIMARY KEY,
  full_name     text NOT NULL,
  date_of_birth date NOT NULL,
  sex           text NOT NULL CHECK (sex IN ('male', 'female')),
  issued_at     timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP SCHEMA sim_population CASCADE;
