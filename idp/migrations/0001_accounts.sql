-- Up Migration
-- The development identity provider's accounts (idp/accounts.ts): who may sign in and with what
-- password. An officer's claims come from the officer directory (migration 0012 of the API), never
-- from here; a citizen's (VNeID: role, PIN, name) and a clerk's, supervisor's or admin's are kept here
-- until the directory lists them too.
CREATE TABLE idp_accounts (
  login         text PRIMARY KEY,
  sub           text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  claims        jsonb,
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE idp_accounts;
