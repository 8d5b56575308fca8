-- Up Migration
-- Issue 20: the paying bodies decide. Each computes the amount from its own records and the law of the
-- date of death, and a refusal is a written decision with its number and reasons (status 'refused'),
-- never a bare error. BHXH's insurance history says how many contribution months fell before 2014
-- (1.5 months a year before, 2 from 2014: DOMAIN.md §5). The population database keeps the records a
-- survivor's eligibility rests on: work-capacity assessments and whether someone has a direct carer.
ALTER TABLE sim_social_insurance.people
  ADD COLUMN months_before_2014 integer NOT NULL DEFAULT 0 CHECK (months_before_2014 >= 0);

ALTER TABLE sim_social_insurance.funeral_decisions
  DROP CONSTRAINT funeral_decisions_status_check,
  ADD CONSTRAINT funeral_decisions_status_check CHECK (status IN ('granted', 'revoked', 'refused')),
  ADD COLUMN reasons jsonb,
  ADD COLUMN claimed_vnd bigint,
  ADD COLUMN filed_on date,
  ADD CONSTRAINT funeral_refusal_has_reasons CHECK ((status = 'refused') = (reasons IS NOT NULL)),
  -- A refusal may name no amount (nothing is due); a grant always does.
  ALTER COLUMN amount_vnd DROP NOT NULL,
  ADD CONSTRAINT funeral_refusal_amount CHECK (status = 'refused' OR amount_vnd IS NOT NULL);

ALTER TABLE sim_social_insurance.survivor_decisions
  DROP CONSTRAINT survivor_decisions_status_check,
  ADD CONSTRAINT survivor_decisions_status_check CHECK (status IN ('granted', 'revoked', 'refused')),
  ADD COLUMN reasons jsonb,
  ADD CONSTRAINT survivor_refusal_has_reasons CHECK ((status = 'refused') = (reasons IS NOT NULL)),
  -- A refusal may name no amount (nothing is due); a grant always does.
  ALTER COLUMN amount_vnd DROP NOT NULL,
  ADD CONSTRAINT survivor_refusal_amount CHECK (status = 'refused' OR amount_vnd IS NOT NULL);

ALTER TABLE sim_merit_services.funeral_allowances
  DROP CONSTRAINT funeral_allowances_status_check,
  ADD CONSTRAINT funeral_allowances_status_check CHECK (status IN ('granted', 'revoked', 'refused')),
  ADD COLUMN reasons jsonb,
  ADD COLUMN claimed_vnd bigint,
  ADD CONSTRAINT merit_refusal_has_reasons CHECK ((status = 'refused') = (reasons IS NOT NULL)),
  -- A refusal may name no amount (nothing is due); a grant always does.
  ALTER COLUMN amount_vnd DROP NOT NULL,
  ADD CONSTRAINT merit_refusal_amount CHECK (status = 'refused' OR amount_vnd IS NOT NULL);

-- Social protection: the officer's rejection is a decision with a number too.
ALTER TABLE sim_social_protection.funeral_supports
  DROP CONSTRAINT funeral_supports_check,
  ADD CONSTRAINT funeral_supports_decided_has_number
    CHECK (status NOT IN ('granted', 'revoked') OR decision_number IS NOT NULL),
  ADD COLUMN claimed_vnd bigint;

-- A medical assessment council's record of lost work capacity (the latest one counts).
CREATE TABLE sim_population.capacity_assessments (
  pin          char(12) NOT NULL REFERENCES sim_population.citizens (pin),
  loss_percent integer NOT NULL CHECK (loss_percent BETWEEN 0 AND 100),
  assessed_on  date NOT NULL,
  PRIMARY KEY (pin, assessed_on)
);

-- Whether someone has a person who directly supports them (the survivor share is 70 % without).
CREATE TABLE sim_population.care_records (
  pin              char(12) PRIMARY KEY REFERENCES sim_population.citizens (pin),
  has_direct_carer boolean NOT NULL,
  recorded_on      date NOT NULL
);

-- Down Migration
DROP TABLE sim_population.care_records;
DROP TABLE sim_population.capacity_assessments;
UPDATE sim_social_protection.funeral_supports SET decision_number = NULL WHERE status = 'rejected';
ALTER TABLE sim_social_protection.funeral_supports
  DROP COLUMN claimed_vnd,
  DROP CONSTRAINT funeral_supports_decided_has_number,
  ADD CONSTRAINT funeral_supports_check
    CHECK ((status IN ('granted', 'revoked')) = (decision_number IS NOT NULL));
DELETE FROM sim_merit_services.funeral_allowances WHERE status = 'refused';
ALTER TABLE sim_merit_services.funeral_allowances
  DROP CONSTRAINT merit_refusal_has_reasons,
  DROP CONSTRAINT merit_refusal_amount,
  ALTER COLUMN amount_vnd SET NOT NULL,
  DROP COLUMN claimed_vnd,
  DROP COLUMN reasons,
  DROP CONSTRAINT funeral_allowances_status_check,
  ADD CONSTRAINT funeral_allowances_status_check CHECK (status IN ('granted', 'revoked'));
DELETE FROM sim_social_insurance.survivor_decisions WHERE status = 'refused';
ALTER TABLE sim_social_insurance.survivor_decisions
  DROP CONSTRAINT survivor_refusal_has_reasons,
  DROP CONSTRAINT survivor_refusal_amount,
  ALTER COLUMN amount_vnd SET NOT NULL,
  DROP COLUMN reasons,
  DROP CONSTRAINT survivor_decisions_status_check,
  ADD CONSTRAINT survivor_decisions_status_check CHECK (status IN ('granted', 'revoked'));
DELETE FROM sim_social_insurance.funeral_decisions WHERE status = 'refused';
ALTER TABLE sim_social_insurance.funeral_decisions
  DROP CONSTRAINT funeral_refusal_has_reasons,
  DROP CONSTRAINT funeral_refusal_amount,
  ALTER COLUMN amount_vnd SET NOT NULL,
  DROP COLUMN filed_on,
  DROP COLUMN claimed_vnd,
  DROP COLUMN reasons,
  DROP CONSTRAINT funeral_decisions_status_check,
  ADD CONSTRAINT funeral_decisions_status_check CHECK (status IN ('granted', 'revoked'));
ALTER TABLE sim_social_insurance.people DROP COLUMN months_before_2014;
