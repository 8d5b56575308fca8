-- Up Migration
-- Removal of a deceased person's permanent residence (xóa đăng ký thường trú), and its restoration when
-- a court annuls the death. The removed registration keeps its reference and comes back with it.
ALTER TABLE sim_police.residence_registrations ADD COLUMN full_name text;

CREATE TABLE sim_police.residence_removals (
  removal_key          text PRIMARY KEY,
  residence_ref        text NOT NULL REFERENCES sim_police.residence_registrations (residence_ref),
  pin                  char(12) NOT NULL,
  death_extract_number text NOT NULL,
  date_of_death        date NOT NULL,
  removed_at           timestamptz NOT NULL DEFAULT now(),
  restored_at          timestamptz,
  restore_reason       text,
  CHECK ((restored_at IS NULL) = (restore_reason IS NULL))
);
-- A registration is removed at most once at a time.
CREATE UNIQUE INDEX removal_one_open_per_residence
  ON sim_police.residence_removals (residence_ref) WHERE restored_at IS NULL;
CREATE INDEX removals_by_pin ON sim_police.residence_removals (pin);

-- Down Migration
DROP TABLE sim_police.residence_removals;
ALTER TABLE sim_police.residence_registrations DROP COLUMN full_name;
