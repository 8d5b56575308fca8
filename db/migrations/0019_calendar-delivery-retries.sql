-- Up Migration
-- A notice's delivery to a case that failed (the case's workflow unreachable, for a reason other
-- than having ended) waits before it is tried again, longer after each failure: the cases behind it
-- in the queue are delivered meanwhile instead of waiting behind it (api/calendar-delivery.ts).
ALTER TABLE calendar_notice_deliveries
  ADD COLUMN attempts integer NOT NULL DEFAULT 0,
  ADD COLUMN next_attempt_at timestamptz;

-- Down Migration
ALTER TABLE calendar_notice_deliveries DROP COLUMN next_attempt_at, DROP COLUMN attempts;
