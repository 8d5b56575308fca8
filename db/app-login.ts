// The application's database login (issue 24). The API and the workers log in as lien_thong_app: a
// LOGIN role with only the grants the migrations give it (db/migrations/0005_app-role.sql and each
// table's own) and a member of no other role, so nothing they run can become the owner. Before, they
// logged in as the owner and narrowed themselves with SET ROLE, which any statement could undo with
// RESET ROLE — and the owner may rewrite the audit log and switch off its triggers. Migrations run
// as the owner, who gives the login its password here.
import pg from 'pg';
import { connectPatiently } from '../config/connect';
import type { Logger } from '../config/logger';
import { APP_ROLE, type Db } from './pool';

/**
 * Makes `lien_thong_app` a login with `password` (creating the role if no migration did yet), and
 * answers the URL the API and workers connect with: `ownerUrl`'s server and database, as that login.
 * The owner needs CREATEROLE (and, on PostgreSQL 16 and later, to have created the role).
 */
export async function ensureAppLogin(ownerUrl: string, password: string): Promise<string> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(
      `DO $$ BEGIN CREATE ROLE ${APP_ROLE} NOLOGIN;
       EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`,
    );
    await client.query(
      `ALTER ROLE ${APP_ROLE} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION
         NOBYPASSRLS PASSWORD ${client.escapeLiteral(password)}`,
    );
  } finally {
    await client.end();
  }
  return appLoginUrl(ownerUrl, password);
}

/** `ownerUrl`'s server and database, as the application's login. */
export function appLoginUrl(ownerUrl: string, password: string): string {
  const url = new URL(ownerUrl);
  url.username = APP_ROLE;
  url.password = encodeURIComponent(password);
  return url.toString();
}

/**
 * What the pool's login may do that the application's must not: be a superuser, rewrite or empty the
 * audit log, or become a role that owns it. Empty when the login is as narrow as it should be.
 */
export async function excessPrivileges(db: Db): Promise<string[]> {
  const { rows } = await db.query<{
    login: string;
    superuser: boolean;
    rewrite: boolean;
    owner: boolean;
  }>(
    `SELECT current_user AS login,
            (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
            has_table_privilege('audit_log', 'UPDATE, DELETE, TRUNCATE, TRIGGER') AS rewrite,
            pg_has_role((SELECT tableowner FROM pg_tables WHERE tablename = 'audit_log'), 'MEMBER')
              AS owner`,
  );
  const row = rows[0];
  if (!row) return [];
  return [
    ...(row.superuser ? [`${row.login} is a superuser`] : []),
    ...(row.rewrite ? [`${row.login} may update, delete or truncate the audit log`] : []),
    ...(row.owner ? [`${row.login} may act as the audit log's owner`] : []),
  ];
}

/**
 * At start (the API, the workers): a login wider than the application's is refused in production,
 * and said plainly elsewhere. Asked until PostgreSQL answers (a process started while it restarts).
 */
export async function checkAppLogin(
  db: Db,
  { production, log }: { production: boolean; log: Logger },
): Promise<void> {
  const excess = await connectPatiently(() => excessPrivileges(db), { what: 'PostgreSQL', log });
  if (excess.length === 0) return;
  const problem = `DATABASE_URL is not the application's login (${APP_ROLE}): ${excess.join('; ')}`;
  if (production) throw new Error(problem);
  log.warn(problem);
}
