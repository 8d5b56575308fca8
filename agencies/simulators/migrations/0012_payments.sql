-- Up Migration
-- The payments service (State Treasury / VNPost / banks behind one door, simulated): every payment
-- attempt, refused ones included, at most one paid payment per reference, and reclaims after an
-- annulment (one per payment).
CREATE SCHEMA sim_payments;

CREATE TABLE sim_payments.requests (
  idempotency_key text PRIMARY KEY,
  fingerprint     text NOT NULL,
  status          integer NOT NULL,
  body            jsonb NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sim_payments.closed_accounts (
  bank   text NOT NULL,
  number text NOT NULL,
  PRIMARY KEY (bank, number)
);

CREATE SEQUENCE sim_payments.payment_seq;
CREATE SEQUENCE sim_payments.reclaim_seq;

CREATE TABLE sim_payments.payments (
  payment_key  text PRIMARY KEY,
  reference    text NOT NULL,
  payee        jsonb NOT NULL,
  amount_vnd   bigint NOT NULL CHECK (amount_vnd > 0),
  channel      text NOT NULL CHECK (channel IN ('bank', 'post')),
  bank_account jsonb,
  post_address jsonb,
  status       text NOT NULL CHECK (status IN ('paid', 'rejected')),
  payment_ref  text UNIQUE,
  reason       text,
  requested_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((channel = 'bank') = (bank_account IS NOT NULL)),
  CHECK ((channel = 'post') = (post_address IS NOT NULL)),
  CHECK ((status = 'paid') = (payment_ref IS NOT NULL)),
  CHECK ((status = 'rejected') = (reason IS NOT NULL))
);
-- Exactly once: at most one paid payment per reference.
CREATE UNIQUE INDEX payments_one_paid_per_reference
  ON sim_payments.payments (reference) WHERE status = 'paid';

CREATE TABLE sim_payments.reclaims (
  reclaim_key text PRIMARY KEY,
  reclaim_ref text NOT NULL UNIQUE,
  payment_ref text NOT NULL UNIQUE REFERENCES sim_payments.payments (payment_ref),
  amount_vnd  bigint NOT NULL CHECK (amount_vnd > 0),
  reason      text NOT NULL,
  status      text NOT NULL DEFAULT 'opened' CHECK (status IN ('opened', 'recovered')),
  opened_at   timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP SCHEMA sim_payments CASCADE;
