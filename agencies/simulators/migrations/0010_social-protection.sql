-- Up Migration
-- The commune's social-protection side (labour–social affairs, simulated): people on monthly social
-- assistance and the funeral support (hỗ trợ mai táng) a commune officer decides for them.
CREATE SCHEMA sim_social_protection;

CREATE TABLE sim_social_protection.requests (
  idempotency_key text PRIMARY KEY,
  fingerprint     text NOT NULL,
  status          integer NOT NULL,
  body            jsonb NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sim_social_protection.recipients (
  pin                char(12) PRIMARY KEY,
  monthly_assistance boolean NOT NULL,
  since              date NOT NULL
);

CREATE SEQUENCE sim_social_protection.decision_seq;

CREATE TABLE sim_social_protection.funeral_supports (
  claim_key            text PRIMARY KEY,
  pin                  char(12) NOT NULL REFERENCES sim_social_protection.recipients,
  death_extract_number text NOT NULL,
  date_of_death        date NOT NULL,
  amount_vnd           bigint NOT NULL CHECK (amount_vnd > 0),
  claimant             jsonb NOT NULL,
  status               text NOT NULL
    CHECK (status IN ('received', 'granted', 'rejected', 'cancelled', 'revoked')),
  decision_number      text UNIQUE,
  reason               text,
  received_at          timestamptz NOT NULL DEFAULT now(),
  decided_at           timestamptz,
  revoked_at           timestamptz,
  revocation_reason    text,
  CHECK ((status IN ('granted', 'revoked')) = (decision_number IS NOT NULL)),
  CHECK ((status = 'revoked') = (revoked_at IS NOT NULL))
);
-- One open claim or grant per deceased.
CREATE UNIQUE INDEX funeral_support_one_per_deceased
  ON sim_social_protection.funeral_supports (pin) WHERE status IN ('received', 'granted');

-- Down Migration
DROP SCHEMA sim_social_protection CASCADE;
