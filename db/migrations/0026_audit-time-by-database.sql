-- Up Migration
-- The time of an audit row is the database's (issue 24): whatever `at` a writer sends — the API, or
-- anyone holding the application's login — the chain's trigger sets it as it links the row, so no
-- row can be back-dated or dated ahead. The rest of the function is migration 0008's.
CREATE OR REPLACE FUNCTION audit_chain() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- One writer at a time extends the chain, and numbers and dates its row while it holds the turn.
  PERFORM pg_advisory_xact_lock(hashtext('audit_log'));
  NEW.seq := nextval(pg_get_serial_sequence('audit_log', 'seq'));
  NEW.at := clock_timestamp();
  SELECT coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), 'genesis') INTO NEW.prev_hash;
  NEW.hash := encode(sha256(convert_to(audit_row_text(NEW), 'UTF8')), 'hex');
  RETURN NEW;
END $$;

-- Down Migration
CREATE OR REPLACE FUNCTION audit_chain() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('audit_log'));
  NEW.seq := nextval(pg_get_serial_sequence('audit_log', 'seq'));
  SELECT coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), 'genesis') INTO NEW.prev_hash;
  NEW.hash := encode(sha256(convert_to(audit_row_text(NEW), 'UTF8')), 'hex');
  RETURN NEW;
END $$;
