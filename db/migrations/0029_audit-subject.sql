-- Up Migration
-- Whose personal data a call read, when the call names a person rather than a case (issue 22, item
-- 4: a desk looking a citizen up in the population database): their PIN keyed (HMAC-SHA-256 with the
-- case-id secret, api/filing.ts `pinKey`), so the log answers "who looked this person up" for anyone
-- who holds the key, without holding PINs in clear. Rows without one hash as before: concat_ws
-- leaves NULLs out, and the prefix keeps a subject from passing for another column's value.
ALTER TABLE audit_log ADD COLUMN subject text;

CREATE OR REPLACE FUNCTION audit_row_text(r audit_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT concat_ws('|', r.seq, to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), r.actor,
                   r.role, r.action, coalesce(r.case_id, ''), coalesce(r.request_id, ''), r.outcome,
                   r.prev_hash, r.sha256, 'subject:' || r.subject)
$$;
CREATE INDEX audit_by_subject ON audit_log (subject, seq) WHERE subject IS NOT NULL;

-- Down Migration
DROP INDEX audit_by_subject;
CREATE OR REPLACE FUNCTION audit_row_text(r audit_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT concat_ws('|', r.seq, to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), r.actor,
                   r.role, r.action, coalesce(r.case_id, ''), coalesce(r.request_id, ''), r.outcome,
                   r.prev_hash, r.sha256)
$$;
ALTER TABLE audit_log DROP COLUMN subject;
