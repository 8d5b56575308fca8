-- Up Migration
-- Append-only, hash-chained audit log: every action and every read of personal data. Each row's hash
-- covers its content and the previous row's hash, so editing or deleting a row breaks the chain from
-- there on (scripts/verify-audit.ts names the first broken row).
CREATE TABLE audit_log (
  seq        bigserial PRIMARY KEY,
  at         timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor      text NOT NULL,
  role       text NOT NULL,
  action     text NOT NULL,
  case_id    text,
  request_id text,
  outcome    integer NOT NULL,
  prev_hash  text NOT NULL,
  hash       text NOT NULL
);
CREATE INDEX audit_by_case ON audit_log (case_id, seq) WHERE case_id IS NOT NULL;

-- The text a row's hash covers; the verifier recomputes exactly this.
CREATE FUNCTION audit_row_text(r audit_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT concat_ws('|', r.seq, to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), r.actor,
                   r.role, r.action, coalesce(r.case_id, ''), coalesce(r.request_id, ''), r.outcome,
                   r.prev_hash)
$$;

CREATE FUNCTION audit_chain() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- One writer at a time extends the chain.
  PERFORM pg_advisory_xact_lock(hashtext('audit_log'));
  SELECT coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), 'genesis') INTO NEW.prev_hash;
  NEW.hash := encode(sha256(convert_to(audit_row_text(NEW), 'UTF8')), 'hex');
  RETURN NEW;
END $$;

CREATE TRIGGER audit_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_chain();

CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;

CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();

-- Down Migration
DROP TABLE audit_log;
DROP FUNCTION audit_append_only();
DROP FUNCTION audit_chain();
DROP FUNCTION audit_row_text(audit_log);
