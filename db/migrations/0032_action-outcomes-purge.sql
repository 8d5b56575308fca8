-- Up Migration
-- Requests' outcomes are kept as long as their Idempotency-Key may be sent again, then purged with
-- the keys (api/idempotency-purge.ts): without it the table only grows.
CREATE INDEX action_outcomes_by_age ON action_outcomes (recorded_at);
GRANT DELETE ON action_outcomes TO lien_thong_app;

-- Down Migration
REVOKE DELETE ON action_outcomes FROM lien_thong_app;
DROP INDEX action_outcomes_by_age;
