-- Up Migration
-- The documents a case hands out (issue 21; domain/documents.ts).
--
-- The application as filed, kept by the API at filing: the documents print what it says (the
-- child's, the deceased's particulars). Personal data: read by the document issuer and, through the
-- case routes, by who may read the case (audited).
CREATE TABLE filed_applications (
  case_id     text PRIMARY KEY,
  application jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);

-- One row per document: asked for when its step completes (the case projection writes the request,
-- so a completion seen is a document asked, once), issued by the worker's issuer (documents/
-- issuer.ts) which renders and signs it, served as stored — the bytes whose SHA-256 the public
-- verification states. The desk receipt is a document too (its step is null; rendered by the API
-- the first time it is printed, not signed). A code is given when the document is asked for, so
-- the QR code printed on it is known before it is rendered. `issue` counts the corrections of the
-- step's record (a birth corrected after a later agency returned its step): each correction issues
-- the document again and the earlier issue is superseded by it — verified as such, never valid.
CREATE TABLE documents (
  document_id     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id         text NOT NULL,
  step            text,
  kind            text NOT NULL,
  issue           integer NOT NULL DEFAULT 0 CHECK (issue >= 0),
  issuer          text NOT NULL,
  number          text NOT NULL,
  template        text NOT NULL,
  verify_code     char(12) NOT NULL UNIQUE,
  state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'issued', 'failed')),
  requested_at    timestamptz NOT NULL DEFAULT now(),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error      text,
  pdf             bytea,
  sha256          char(64),
  issued_at       timestamptz,
  revoked_at      timestamptz,
  revoked_reason  text,
  superseded_by   uuid REFERENCES documents (document_id),
  superseded_at   timestamptz,
  UNIQUE (case_id, kind, issue),
  CHECK ((superseded_by IS NULL) = (superseded_at IS NULL)),
  CHECK ((state = 'issued') = (pdf IS NOT NULL AND sha256 IS NOT NULL AND issued_at IS NOT NULL))
);
CREATE INDEX documents_to_issue ON documents (next_attempt_at) WHERE state = 'pending';

-- The API records applications and receipts, lists and serves documents, and verifies codes; the
-- worker asks for, issues and revokes them (both as lien_thong_app, see 0005).
GRANT SELECT, INSERT ON filed_applications TO lien_thong_app;
GRANT SELECT, INSERT, UPDATE ON documents TO lien_thong_app;

-- Down Migration
DROP TABLE documents;
DROP TABLE filed_applications;
