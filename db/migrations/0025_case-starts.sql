-- Up Migration
-- The filing outbox (issue 23, filing p99; issue 22, read-your-writes): a filing is kept in ONE
-- transaction with its receipt, application, people and the case's first read-model row, and its
-- workflow is started from this row — at once by the API that filed it, and by the relay of every
-- API process (api/case-starts.ts) should that API die or Temporal be unreachable. The row's primary
-- key decides which filing of a case id is the case (a second one is a duplicate or a retry of the
-- same request), as REJECT_DUPLICATE on the workflow id did before.
CREATE TABLE case_starts (
  case_id         text PRIMARY KEY,
  -- Put in the workflow's memo: a start answered "already started" was this filing's own if the
  -- memo names it (its first reply lost), not another's.
  filing_id       uuid NOT NULL,
  -- The filing request's Idempotency-Key: its retry gets the same answer.
  request_id      text,
  workflow_type   text NOT NULL,
  -- The workflow's input until it started (personal data, as filed_applications holds it); then null.
  input           jsonb,
  filed_at        timestamptz NOT NULL DEFAULT now(),
  started_at      timestamptz,
  -- Temporal refused the start for good (an invalid request): the case ended with a reason.
  refused_at      timestamptz,
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error      text,
  -- False for the cases the migration found filed (below): those started before it, some before
  -- patch `recorded-outcomes` (api/action-requests.ts asks).
  through_outbox  boolean NOT NULL DEFAULT true,
  CHECK (started_at IS NULL OR refused_at IS NULL)
);
CREATE INDEX case_starts_pending ON case_starts (next_attempt_at)
  WHERE started_at IS NULL AND refused_at IS NULL;

-- Every case filed before this migration started its workflow when it was filed (its receipt is
-- kept once its start succeeded; its read-model row once its workflow ran).
INSERT INTO case_starts (case_id, filing_id, workflow_type, filed_at, started_at, through_outbox)
SELECT f.case_id, gen_random_uuid(),
       CASE a.application->>'procedure' WHEN 'birth-residence-insurance'
            THEN 'birthResidenceInsurance' ELSE 'deathResidenceFuneral' END,
       f.recorded_at, f.recorded_at, false
  FROM filing_receipts f JOIN filed_applications a USING (case_id)
ON CONFLICT DO NOTHING;
INSERT INTO case_starts (case_id, filing_id, workflow_type, filed_at, started_at, through_outbox)
SELECT c.case_id, gen_random_uuid(),
       CASE c.procedure WHEN 'birth-residence-insurance'
            THEN 'birthResidenceInsurance' ELSE 'deathResidenceFuneral' END,
       c.received_at, c.received_at, false
  FROM cases c
ON CONFLICT DO NOTHING;

GRANT SELECT, INSERT, UPDATE ON case_starts TO lien_thong_app;

-- Down Migration
DROP TABLE case_starts;
