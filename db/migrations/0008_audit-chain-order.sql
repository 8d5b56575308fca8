-- Up Migration
-- A row's number was drawn by the column default before its writer waited for its turn to extend
-- the chain, so two concurrent writers could number their rows in one order and chain them in the
-- other: the verifier, reading in number order, then found a broken link (make chaos found it). The
-- number is now drawn inside the turn, so number order is chain order. NOT NULL is checked after
-- BEFORE triggers, so the column needs no default.
ALTER TABLE audit_log ALTER COLUMN seq DROP DEFAULT;

CREATE OR REPLACE FUNCTION audit_chain() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- One writer at a time extends the chain, and numbers its row while it holds the turn.
  PERFORM pg_advisory_xact_lock(hashtext('audit_log'));
  NEW.seq := nextval(pg_get_serial_sequence('audit_log', 'seq'));
  SELECT coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), 'genesis') INTO NEW.prev_hash;
  NEW.hash := encode(sha256(convert_to(audit_row_text(NEW), 'UTF8')), 'hex');
  RETURN NEW;
END $$;

-- Down Migration
CREATE OR REPLACE FUNCTION audit_chain() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('audit_log'));
  SELECT coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), 'genesis') INTO NEW.prev_hash;
  NEW.hash := encode(sha256(convert_to(audit_row_text(NEW), 'UTF8')), 'hex');
  RETURN NEW;
END $$;

ALTER TABLE audit_log ALTER COLUMN seq SET DEFAULT nextval('audit_log_seq_seq'::regclass);
