-- Up Migration
-- Vietnam Social Security (BHXH, simulated): social-insurance numbers and health-insurance cards.
CREATE SCHEMA sim_social_insurance;

CREATE TABLE sim_social_insurance.requests (
  idempotency_key text PRIMARY KEY,
  fingerprint     text NOT NULL,
  status          integer NOT NULL,
  body            jsonb NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sim_social_insurance.health_facilities (
  code    text PRIMARY KEY,
  name    text NOT NULL,
  commune text NOT NULL
);

CREATE TABLE sim_social_insurance.cards (
  insurance_number char(10) PRIMARY KEY,
  pin              char(12) NOT NULL UNIQUE,
  full_name        text NOT NULL,
  valid_from       date NOT NULL,
  valid_to         date NOT NULL,
  facility_code    text NOT NULL REFERENCES sim_social_insurance.health_facilities,
  issued_at        timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP SCHEMA sim_social_insurance CASCADE;
