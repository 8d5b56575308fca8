-- Up Migration
-- Annulment as maker–checker (issue 19): one civil-status officer records a court's ruling, which
-- only asks; a second, different one approves it (the compensation then starts) or rejects it.
-- Kept apart from the audit log, which records every call to these routes: this is the request's
-- own state. At most one request per case is pending or approved at a time; a rejected one leaves
-- room for a corrected ruling. The database itself refuses an approval by the maker.
CREATE TABLE annulment_requests (
  request_id    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id       text NOT NULL,
  ruling_number text NOT NULL,
  court         text NOT NULL,
  ruling_date   date NOT NULL,
  document      text NOT NULL,
  reason        text NOT NULL,
  state         text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'rejected')),
  recorded_by   text NOT NULL,
  recorded_at   timestamptz NOT NULL DEFAULT now(),
  decided_by    text,
  decided_at    timestamptz,
  decision_note text,
  CHECK ((state = 'pending') = (decided_by IS NULL)),
  CHECK (decided_by IS NULL OR decided_by <> recorded_by)
);
CREATE UNIQUE INDEX annulment_requests_one_open ON annulment_requests (case_id)
  WHERE state IN ('pending', 'approved');
CREATE INDEX annulment_requests_by_case ON annulment_requests (case_id, recorded_at DESC);

GRANT SELECT, INSERT, UPDATE ON annulment_requests TO lien_thong_app;

-- Down Migration
DROP TABLE annulment_requests;
