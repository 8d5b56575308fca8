-- Up Migration
-- What the population database holds of a citizen beyond the PIN's facts (simulated, issue 22 item
-- 4): ethnicity (its code in the Danh mục các dân tộc Việt Nam, domain/ethnic-groups.ts), nationality
-- (ISO 3166-1 alpha-2) and the permanent residence — what a one-stop desk reads to fill in a form.
-- Citizens issued a PIN before this migration have none of them: a lookup shows what there is.
ALTER TABLE sim_population.citizens
  ADD COLUMN ethnicity_code char(2),
  ADD COLUMN nationality char(2),
  ADD COLUMN residence_commune char(5),
  ADD COLUMN residence_line text;

-- Down Migration
ALTER TABLE sim_population.citizens
  DROP COLUMN residence_line,
  DROP COLUMN residence_commune,
  DROP COLUMN nationality,
  DROP COLUMN ethnicity_code;
