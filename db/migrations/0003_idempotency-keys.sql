-- Up Migration
-- Replies to POST requests that carried an Idempotency-Key, per caller: the same key and body get the
-- first reply again; the same key with another body is refused (422).
CREATE TABLE idempotency_keys (
  subject      text NOT NULL,
  key          text NOT NULL,
  request_hash text NOT NULL,
  status       integer NOT NULL,
  headers      jsonb NOT NULL,
  body         jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (subject, key)
);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);

-- Down Migration
DROP TABLE idempotency_keys;
