-- Up Migration
-- SMS, VNeID and e-mail gateways (simulated): a sink that records every message.
CREATE SCHEMA sim_notifications;

CREATE TABLE sim_notifications.requests (
  idempotency_key text PRIMARY KEY,
  fingerprint     text NOT NULL,
  status          integer NOT NULL,
  body            jsonb NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sim_notifications.messages (
  message_id   bigserial PRIMARY KEY,
  channel      text NOT NULL CHECK (channel IN ('sms', 'vneid', 'email')),
  recipient    text NOT NULL,
  language     text NOT NULL,
  template     text NOT NULL,
  text         text NOT NULL,
  reference    text,
  sent_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX messages_by_reference ON sim_notifications.messages (reference);

-- Down Migration
DROP SCHEMA sim_notifications CASCADE;
