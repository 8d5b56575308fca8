-- Up Migration
-- BHXH's records of insured people and its decisions after a death: the funeral allowance (mai táng
-- phí), the survivor allowance (tử tuất, lump sum or monthly) and the stop of a monthly pension or
-- allowance. Amounts are VND. Each grant is unique per deceased while in force.
CREATE TABLE sim_social_insurance.people (
  pin                         char(12) PRIMARY KEY,
  compulsory_months           integer NOT NULL CHECK (compulsory_months >= 0),
  voluntary_months            integer NOT NULL CHECK (voluntary_months >= 0),
  average_salary_vnd          bigint NOT NULL CHECK (average_salary_vnd >= 0),
  pensioner                   boolean NOT NULL,
  monthly_pension_vnd         bigint CHECK (monthly_pension_vnd > 0),
  retired_on                  date,
  monthly_insurance_allowance boolean NOT NULL,
  occupational_death          boolean NOT NULL,
  pension_status              text NOT NULL DEFAULT 'running' CHECK (pension_status IN ('running', 'stopped'))
);

CREATE SEQUENCE sim_social_insurance.decision_seq;

CREATE TABLE sim_social_insurance.funeral_decisions (
  claim_key            text PRIMARY KEY,
  decision_number      text NOT NULL UNIQUE,
  pin                  char(12) NOT NULL REFERENCES sim_social_insurance.people,
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
CREATE UNIQUE INDEX funeral_one_grant_per_deceased
  ON sim_social_insurance.funeral_decisions (pin) WHERE status = 'granted';

CREATE TABLE sim_social_insurance.survivor_decisions (
  claim_key            text PRIMARY KEY,
  decision_number      text NOT NULL UNIQUE,
  pin                  char(12) NOT NULL REFERENCES sim_social_insurance.people,
  death_extract_number text NOT NULL,
  date_of_death        date NOT NULL,
  kind                 text NOT NULL CHECK (kind IN ('lump_sum', 'monthly')),
  amount_vnd           bigint NOT NULL CHECK (amount_vnd > 0),
  payee_pin            char(12),
  monthly              jsonb,
  status               text NOT NULL CHECK (status IN ('granted', 'revoked')),
  decided_at           timestamptz NOT NULL DEFAULT now(),
  revoked_at           timestamptz,
  revocation_reason    text,
  CHECK ((status = 'revoked') = (revoked_at IS NOT NULL)),
  CHECK (
    (kind = 'lump_sum' AND payee_pin IS NOT NULL AND monthly IS NULL)
    OR (kind = 'monthly' AND payee_pin IS NULL AND jsonb_array_length(monthly) BETWEEN 1 AND 4)
  )
);
CREATE UNIQUE INDEX survivor_one_grant_per_deceased
  ON sim_social_insurance.survivor_decisions (pin) WHERE status = 'granted';

CREATE TABLE sim_social_insurance.pension_stops (
  decision_number      text PRIMARY KEY,
  stop_key             text NOT NULL UNIQUE,
  pin                  char(12) NOT NULL REFERENCES sim_social_insurance.people,
  death_extract_number text NOT NULL,
  date_of_death        date NOT NULL,
  status               text NOT NULL CHECK (status IN ('stopped', 'reinstated')),
  stopped_at           timestamptz NOT NULL DEFAULT now(),
  reinstated_at        timestamptz,
  reinstatement_reason text,
  CHECK ((status = 'reinstated') = (reinstated_at IS NOT NULL))
);
CREATE UNIQUE INDEX pension_one_stop_per_person
  ON sim_social_insurance.pension_stops (pin) WHERE status = 'stopped';

-- Down Migration
DROP TABLE sim_social_insurance.pension_stops;
DROP TABLE sim_social_insurance.survivor_decisions;
DROP TABLE sim_social_insurance.funeral_decisions;
DROP SEQUENCE sim_social_insurance.decision_seq;
DROP TABLE sim_social_insurance.people;
