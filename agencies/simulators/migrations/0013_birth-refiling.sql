-- Up Migration
-- A birth certificate whose registration was rejected or cancelled (the application withdrawn) can be
-- filed again, as civil status accepts it at the desk: one registration per certificate that is
-- received or registered, as deaths already are per person (0006). The route's own check said so;
-- the table's constraint did not, and a second filing failed with a unique violation.
ALTER TABLE sim_civil_status.birth_registrations
  DROP CONSTRAINT birth_registrations_certificate_number_key;
CREATE UNIQUE INDEX birth_one_open_per_certificate ON sim_civil_status.birth_registrations (certificate_number)
  WHERE status IN ('received', 'registered');

-- Down Migration
DROP INDEX sim_civil_status.birth_one_open_per_certificate;
ALTER TABLE sim_civil_status.birth_registrations ADD UNIQUE (certificate_number);
