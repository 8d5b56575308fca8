-- Up Migration
-- An Idempotency-Key is reserved before the work it names (a pending row, inserted with ON CONFLICT
-- DO NOTHING), so two requests under one key can never both run: the second waits for the first
-- reply, or is refused when its body differs. A pending row has no reply yet (status IS NULL) and
-- names the request that holds it (owner); a failed request deletes its own reservation so a retry
-- can run. created_at is when the row last changed hands: the reservation's time while pending
-- (a reservation older than the API's lease was left by a process that died, and is taken over),
-- the reply's time once kept (the time to live counts from it; api/idempotency-purge.ts deletes
-- what has outlived it).
ALTER TABLE idempotency_keys
  ADD COLUMN owner uuid,
  ALTER COLUMN status DROP NOT NULL,
  ALTER COLUMN headers DROP NOT NULL,
  ALTER COLUMN body DROP NOT NULL,
  ADD CONSTRAINT idempotency_keys_reply_whole CHECK (
    (status IS NULL AND headers IS NULL AND body IS NULL)
    OR (status IS NOT NULL AND headers IS NOT NULL AND body IS NOT NULL)
  ),
  ADD CONSTRAINT idempotency_keys_pending_owned CHECK (status IS NOT NULL OR owner IS NOT NULL);

-- Down Migration
DELETE FROM idempotency_keys WHERE status IS NULL;
ALTER TABLE idempotency_keys
  DROP CONSTRAINT idempotency_keys_pending_owned,
  DROP CONSTRAINT idempotency_keys_reply_whole,
  ALTER COLUMN body SET NOT NULL,
  ALTER COLUMN headers SET NOT NULL,
  ALTER COLUMN status SET NOT NULL,
  DROP COLUMN owner;
