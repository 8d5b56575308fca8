-- Up Migration
-- The population database's family records (simulated): who is whose relative, and in what relation.
-- A relative's date of birth is the one in `citizens` (the registry's, never what an applicant typed).
-- Read by the API when a death is filed (is the filer a relative? which relatives are adults?) and by
-- the payment activities (is the payee a relative?).
CREATE TABLE sim_population.relatives (
  pin          char(12) NOT NULL,
  relative_pin char(12) NOT NULL REFERENCES sim_population.citizens (pin),
  relationship text NOT NULL CHECK (relationship IN
    ('spouse', 'child', 'parent', 'parent_in_law', 'sibling', 'grandchild', 'other')),
  PRIMARY KEY (pin, relative_pin),
  CHECK (pin <> relative_pin)
);

-- Down Migration
DROP TABLE sim_population.relatives;
