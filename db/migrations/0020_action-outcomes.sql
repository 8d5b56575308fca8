-- Up Migration
-- People's requests to a case's or a step's workflow (an officer's decision, a supplement, a
-- withdrawal, a payee's confirmation) and their outcomes. The API writes the request, `sent`, before
-- it signals the workflow; the workflow writes the outcome once it has carried the request out or
-- refused it (workflows/action-requests.ts). The API reads it here instead of querying the running
-- workflow: such a query, answered by a worker without the run in its cache, could leave the run's
-- next workflow task impossible to replay (workflows/action-requests.ts). A retry of the request (its
-- Idempotency-Key names it) finds it here too — sent and not yet answered, or answered.
CREATE TABLE action_outcomes (
  workflow_id text NOT NULL,
  request_id  text NOT NULL,
  state       text NOT NULL CHECK (state IN ('sent', 'done', 'refused')),
  -- What was asked (the `act` signal's action and input), to send it again should the API have died
  -- between writing it and signalling.
  action      text,
  input       jsonb,
  -- Why it was refused, in the workflow's words.
  message     text,
  -- What the request returned when done: the case's or the step's view after it.
  value       jsonb,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workflow_id, request_id),
  CHECK ((state = 'refused') = (message IS NOT NULL))
);

-- The API writes requests, the workers outcomes, both read (as lien_thong_app, see 0005).
GRANT SELECT, INSERT, UPDATE ON action_outcomes TO lien_thong_app;

-- Down Migration
DROP TABLE action_outcomes;
