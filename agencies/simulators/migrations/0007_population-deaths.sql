-- Up Migration
-- The population database's death flag, keyed by PIN. A court's annulment reverses it; the row stays.
CREATE TABLE sim_population.deaths (
  pin                  char(12) PRIMARY KEY,
  date_of_death        date NOT NULL,
  death_extract_number text NOT NULL,
  status               text NOT NULL CHECK (status IN ('deceased', 'reversed')),
  recorded_at          timestamptz NOT NULL DEFAULT now(),
  reversed_at          timestamptz,
  reversal_reason      text,
  CHECK ((status = 'reversed') = (reversed_at IS NOT NULL))
);

-- Down Migration
DROP TABLE sim_population.deaths;
