// The accounts development signs in with at the identity provider (make start and its pages, the
// browser tests): every member of staff of the development directory (db/development-officers.ts:
// officers, clerks, supervisors) by their id — their claims are the directory's — an admin, and
// citizens, who sign in with their PIN as with VNeID.
import { DEVELOPMENT_OFFICERS } from '../db/development-officers';
import type { Db } from '../db/pool';
import { Role } from '../domain/principal';
import type { AccountStore, NewAccount } from './accounts';

/** Demo citizens: the parent of `make demo` and the sign-in page's example. */
const CITIZENS = [
  { pin: '001190012345', name: 'Trần Thị Mai' },
  { pin: '001085004321', name: 'Lê Văn Hùng' },
];

export function developmentAccounts(password: string): NewAccount[] {
  return [
    ...DEVELOPMENT_OFFICERS.map(({ sub }) => ({ login: sub, sub, password })),
    { login: 'admin', sub: 'admin', password, claims: { role: Role.admin, name: 'Quản trị' } },
    ...CITIZENS.map(({ pin, name }) => ({
      login: pin,
      sub: `vneid-${pin}`,
      password,
      claims: { role: Role.citizen, pin, name },
    })),
  ];
}

/** Adds the development accounts missing from the store (a password hash takes ~50 ms each). */
export async function seedDevelopmentAccounts(
  db: Db,
  accounts: AccountStore,
  password: string,
): Promise<number> {
  const { rows } = await db.query<{ login: string }>('SELECT login FROM idp_accounts');
  const present = new Set(rows.map((r) => r.login));
  const missing = developmentAccounts(password).filter((a) => !present.has(a.login));
  for (const account of missing) await accounts.save(account);
  return missing.length;
}
