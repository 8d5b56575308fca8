-- Up Migration
-- Delegation of an officer's inbox for a period (issue 22, item 8): while an officer is away, the
-- commune's supervisor lets another officer of the same agency decide the tasks given to them. Days
-- are Vietnam's, both counted; a delegation revoked early keeps its row (who, when) for the record.
CREATE TABLE delegations (
  delegation_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The supervisor's commune: only tasks of it are delegated.
  commune       text NOT NULL,
  delegator     text NOT NULL REFERENCES officers (sub),
  delegate      text NOT NULL REFERENCES officers (sub),
  starts_on     date NOT NULL,
  ends_on       date NOT NULL,
  created_by    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  revoked_by    text,
  revoked_at    timestamptz,
  CHECK (delegator <> delegate),
  CHECK (starts_on <= ends_on),
  CHECK ((revoked_by IS NULL) = (revoked_at IS NULL))
);
CREATE INDEX delegations_by_delegate ON delegations (delegate, commune) WHERE revoked_at IS NULL;
CREATE INDEX delegations_by_commune ON delegations (commune, ends_on DESC);

GRANT SELECT, INSERT, UPDATE ON delegations TO lien_thong_app;

-- Down Migration
DROP TABLE delegations;
