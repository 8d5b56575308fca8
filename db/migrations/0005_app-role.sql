-- Up Migration
-- Least privilege: the API and the workers act as lien_thong_app (SET ROLE on every connection, see
-- db/pool.ts), which may read and write the read model, inboxes and idempotency keys, but may only
-- read and append the audit log — never update or delete it. Migrations run as the owner.
DO $$
BEGIN
  CREATE ROLE lien_thong_app NOLOGIN;
EXCEPTION
  -- Roles are cluster-wide: another database's migration (or a concurrent one) created it.
  WHEN duplicate_object OR unique_violation THEN NULL;
END $$;

-- The owner connects and then narrows itself to the application's role.
GRANT lien_thong_app TO CURRENT_USER;

GRANT USAGE ON SCHEMA public TO lien_thong_app;
GRANT SELECT ON communes TO lien_thong_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON cases, tasks, idempotency_keys, self_checks TO lien_thong_app;
GRANT SELECT, INSERT ON audit_log TO lien_thong_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO lien_thong_app;

-- Down Migration
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM lien_thong_app;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM lien_thong_app;
REVOKE USAGE ON SCHEMA public FROM lien_thong_app;
