-- Up Migration
-- Attachments (issue 21, item 1): scans a citizen or a clerk uploads (POST /v1/uploads), then names
-- in a filing or a supplement answer. The bytes live in the configured store (api/uploads/storage.ts:
-- this database's `stored_files`, a directory, or an S3-compatible bucket) under `storage_key`; the
-- rows here say whose they are, what they are and which case and dossier item they answer. Nothing
-- here reaches a workflow: the officer reads them beside the step, keyed by case and step.

-- An upload belongs to whoever sent it until a filing or a supplement of theirs names it; one never
-- named expires (`expires_at`) and the purge deletes its row and its bytes.
CREATE TABLE uploads (
  upload_id     uuid PRIMARY KEY,
  owner_sub     text NOT NULL,
  owner_role    text NOT NULL CHECK (owner_role IN ('citizen', 'clerk')),
  -- A clerk's commune: another clerk of the same desk may file with it.
  owner_commune text,
  -- The dossier item it answers, as the uploader named it (safe text, domain/safe-text.ts).
  item          text NOT NULL,
  media_type    text NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  size          integer NOT NULL CHECK (size > 0),
  sha256        char(64) NOT NULL,
  storage_key   text NOT NULL UNIQUE,
  -- `clean`: a malware scanner passed it; `not_scanned`: none is configured (development).
  scan          text NOT NULL CHECK (scan IN ('clean', 'not_scanned')),
  uploaded_at   timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL
);
CREATE INDEX uploads_unreferenced_by_expiry ON uploads (expires_at);

-- An upload named by a case. `upload_id` is unique: one upload answers one case once, so two
-- filings naming the same upload at the same moment cannot both take it (the database refuses the
-- second). `step` is null for the filing's own dossier, else the step whose request for supplement
-- the answer `answer_id` replied to.
CREATE TABLE case_attachments (
  attachment_id uuid PRIMARY KEY,
  upload_id     uuid NOT NULL UNIQUE REFERENCES uploads (upload_id),
  case_id       text NOT NULL,
  step          text,
  answer_id     uuid,
  attached_by   text NOT NULL,
  attached_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_attachments_by_case ON case_attachments (case_id, attached_at);

-- A citizen's (or the desk's) answer to a request for supplement, as the officer reads it: the
-- documents it names in words, beside the files attached with it (case_attachments.answer_id).
-- `request_id` is the request's Idempotency-Key (hashed, RouteContext.requestId): a retry finds
-- the answer it sent. `accepted_at` is set once the step took the answer.
CREATE TABLE supplement_answers (
  answer_id   uuid PRIMARY KEY,
  case_id     text NOT NULL,
  step        text NOT NULL,
  request_id  text NOT NULL UNIQUE,
  documents   jsonb NOT NULL,
  answered_by text NOT NULL,
  answered_at timestamptz NOT NULL DEFAULT now(),
  accepted_at timestamptz
);
CREATE INDEX supplement_answers_by_case ON supplement_answers (case_id, answered_at);

-- The embedded store (FILE_STORAGE=postgres): the bytes themselves, one row per key. bytea rather
-- than large objects: a file is at most 10 MiB, and large objects escape table privileges and
-- need their own clean-up (vacuumlo); bytea rows go with their row.
CREATE TABLE stored_files (
  key        text PRIMARY KEY,
  bytes      bytea NOT NULL,
  stored_at  timestamptz NOT NULL DEFAULT now()
);

-- The audit log names the SHA-256 of the files an upload, an attachment or a read concerned, so
-- the bytes anyone handled can be proved later. Covered by the row's hash: concat_ws skips NULL, so
-- rows without digests (every row before this migration) hash as they did and the chain verifies.
ALTER TABLE audit_log ADD COLUMN sha256 text;

CREATE OR REPLACE FUNCTION audit_row_text(r audit_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT concat_ws('|', r.seq, to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), r.actor,
                   r.role, r.action, coalesce(r.case_id, ''), coalesce(r.request_id, ''), r.outcome,
                   r.prev_hash, r.sha256)
$$;

-- Written and read by the API (as lien_thong_app, see 0005); the purge deletes expired uploads.
GRANT SELECT, INSERT, UPDATE, DELETE ON uploads, case_attachments, supplement_answers, stored_files
  TO lien_thong_app;

-- Down Migration
CREATE OR REPLACE FUNCTION audit_row_text(r audit_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT concat_ws('|', r.seq, to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), r.actor,
                   r.role, r.action, coalesce(r.case_id, ''), coalesce(r.request_id, ''), r.outcome,
                   r.prev_hash)
$$;
ALTER TABLE audit_log DROP COLUMN sha256;
DROP TABLE stored_files;
DROP TABLE supplement_answers;
DROP TABLE case_attachments;
DROP TABLE uploads;
