// Who may sign in at the development identity provider, and what they are (issue 24). Credentials
// are the provider's own (idp_accounts: a login and a scrypt hash); what a person is comes from the
// source that knows: a member of staff's role, agency and jurisdiction from the staff directory the
// API keeps (db/officers.repository.ts: officers, clerks, supervisors) — deactivated there, they can
// no longer sign in — and a citizen's PIN and name from their VNeID account here. Nothing a sign-in
// request asks for changes them.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { join } from 'node:path';
import type { Db } from '../db/pool';
import { Principal, STAFF_ROLES } from '../domain/principal';

/** The provider's own table (idp_accounts), migrated apart from the API's (idp_schema_migrations). */
export const IDP_MIGRATIONS = join(__dirname, 'migrations');

/** scrypt's cost: 2^15 × 8 × 128 B = 32 MiB and ~50 ms a check on this machine (OWASP's minimum). */
const COST: ScryptOptions = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$key`, salt and key in base64url. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST);
  return [
    'scrypt',
    COST.N,
    COST.r,
    COST.p,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

export async function passwordMatches(stored: string, password: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: COST.maxmem,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Compared with when the login is unknown, so that an unknown login takes as long as a known one. */
const NOBODY = hashPassword(randomBytes(16).toString('hex'));

export interface NewAccount {
  login: string;
  sub: string;
  password: string;
  /** A citizen's or an admin's claims; none for staff (the directory's). */
  claims?: Principal extends infer P ? (P extends Principal ? Omit<P, 'sub'> : never) : never;
}

export function createAccountStore(db: Db) {
  return {
    /** The subject whose login and password these are, or undefined. */
    async authenticate(login: string, password: string): Promise<string | undefined> {
      const { rows } = await db.query<{ sub: string; password_hash: string }>(
        'SELECT sub, password_hash FROM idp_accounts WHERE login = $1',
        [login.trim()],
      );
      const account = rows[0];
      const matches = await passwordMatches(account?.password_hash ?? (await NOBODY), password);
      return account && matches ? account.sub : undefined;
    },

    /**
     * What `sub` is now, or undefined when they may not sign in: unknown, staff the directory no
     * longer lists as active, or claims that are not a principal's. Staff's token names the first
     * commune of their jurisdiction; the API serves an officer every commune the directory gives.
     */
    async principalOf(sub: string): Promise<Principal | undefined> {
      const { rows } = await db.query<{
        claims: Record<string, unknown> | null;
        listed: boolean;
        role: string | null;
        name: string | null;
        agency: string | null;
        active: boolean | null;
        home: string | null;
      }>(
        `SELECT a.claims, o.sub IS NOT NULL AS listed, o.role, o.name, o.agency, o.active,
                (SELECT min(c.code) FROM communes c WHERE jurisdiction_covers(o.jurisdictions, c.code))
                  AS home
           FROM idp_accounts a LEFT JOIN officers o ON o.sub = a.sub
          WHERE a.sub = $1`,
        [sub],
      );
      const row = rows[0];
      if (!row) return undefined;
      if (row.listed) {
        if (!row.active || row.home === null) return undefined;
        const staff = Principal.safeParse({
          sub,
          role: row.role,
          name: row.name,
          ...(row.agency !== null && { agency: row.agency }),
          jurisdiction: row.home,
        });
        return staff.success ? staff.data : undefined;
      }
      // Staff are who the directory says they are: claims kept here cannot make one.
      if (STAFF_ROLES.some((role) => role === row.claims?.role)) return undefined;
      const principal = Principal.safeParse({ ...row.claims, sub });
      return principal.success ? principal.data : undefined;
    },

    /** Adds the account, or gives an existing login its new password and claims. */
    async save(account: NewAccount): Promise<void> {
      await db.query(
        `INSERT INTO idp_accounts (login, sub, password_hash, claims) VALUES ($1, $2, $3, $4)
         ON CONFLICT (login) DO UPDATE
           SET sub = EXCLUDED.sub, password_hash = EXCLUDED.password_hash, claims = EXCLUDED.claims`,
        [
          account.login,
          account.sub,
          await hashPassword(account.password),
          account.claims ? JSON.stringify(account.claims) : null,
        ],
      );
    },
  };
}
export type AccountStore = ReturnType<typeof createAccountStore>;
