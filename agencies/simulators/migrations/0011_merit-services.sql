-- Up Migration
-- Merit services (người có công, simulated): people with meritorious service and their funeral allowance.
CREATE SCHEMA sim_merit_services;

CREATE TABLE sim_merit_services.requests (
  idempotency_key text PRIMARY KEY,
  fingerprint     text NOT NULL,
  status          integer NOT NULL,
  body            jsonb NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sim_merit_services.people (
  pin      char(12) PRIMARY KEY,
  category text NOT NULL
);

CREATE SEQUENCE sim_merit_services.decision_seq;

CREATE TABLE sim_merit_services.funeral_allowances (
  claim_key            text PRIMARY KEY,
  decision_number      text NOT NULL UNIQUE,
  pin                  char(12) NOT NULL REFERENCES sim_merit_services.people,
  death_extract_number text NOT NULL,
  date_of_death        date NOT NULL,
  amount_vnd           bigint NOT NULL CHECK (amount_vnd > 0),
  claimant             jsonb NOT NULL,
  status               text NOT NULL CHECK (status IN ('granted', 'revoked')),
  decided_at           timestamptz NOT NULL DEFAULT now(),
  revoked_at           timestamptz,
  revocation_reason    text,
  CHECK ((status = 'revoked') = (revoked_at IS NOT NULL))
);
CREATE UNIQUE INDEX merit_funeral_one_grant_per_deceased
  ON sim_merit_services.funeral_allowances (pin) WHERE status = 'granted';

-- Down Migration
DROP SCHEMA sim_merit_services CASCADE;
