-- Up Migration
-- A case's code given in one call (db/filings.repository.ts assignCaseCode). Every filing of a
-- commune's group in a month takes the same counter row: in a transaction the API drove statement by
-- statement, the row stayed locked while the API — short of CPU under load — sent the next one, and
-- filings queued behind each other (the latency benchmark on the production profile: a filing
-- waiting on that lock at every moment). Here the lock is held only while the server runs the
-- function and commits. Filings of the same case id at once wait for each other (the advisory
-- lock), so the later finds the code the first gave and no number is skipped. The code is written as
-- domain/case-code.ts formatCaseCode writes it (test/db/case-codes.test.ts checks they agree).
CREATE FUNCTION assign_case_code(p_case_id text, p_prefix text, p_commune text, p_period text)
RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  given text;
  number integer;
BEGIN
  SELECT code INTO given FROM case_codes WHERE case_id = p_case_id;
  IF FOUND THEN RETURN given; END IF;
  PERFORM pg_advisory_xact_lock(hashtext('case-code:' || p_case_id));
  -- A new snapshot (read committed): a filing of this case id that held the lock has committed.
  SELECT code INTO given FROM case_codes WHERE case_id = p_case_id;
  IF FOUND THEN RETURN given; END IF;
  INSERT INTO case_code_counters (prefix, commune, period, last) VALUES (p_prefix, p_commune, p_period, 1)
  ON CONFLICT (prefix, commune, period) DO UPDATE SET last = case_code_counters.last + 1
  RETURNING last INTO number;
  given := concat_ws('-', p_prefix, p_commune, p_period,
                     CASE WHEN number < 1000000 THEN lpad(number::text, 6, '0') ELSE number::text END);
  INSERT INTO case_codes (case_id, code) VALUES (p_case_id, given);
  RETURN given;
END
$$;
GRANT EXECUTE ON FUNCTION assign_case_code(text, text, text, text) TO lien_thong_app;

-- Down Migration
DROP FUNCTION assign_case_code(text, text, text, text);
