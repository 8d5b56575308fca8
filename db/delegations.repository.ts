// Delegations of an officer's inbox for a period (migration 0030): kept by the commune's supervisor,
// read when a delegate decides or lists the tasks given to the officer they stand in for.
import { z } from 'zod';
import type { Db } from './pool';

export const DelegationRow = z.object({
  delegation_id: z.string(),
  commune: z.string(),
  delegator: z.string(),
  delegate: z.string(),
  starts_on: z.string(),
  ends_on: z.string(),
  created_by: z.string(),
  created_at: z.string(),
  revoked_by: z.string().nullable(),
  revoked_at: z.string().nullable(),
});
export type DelegationRow = z.infer<typeof DelegationRow>;

/** `YYYY-MM-DD` out of PostgreSQL's `date` (the pool may hand it as a string or a Date). */
const COLUMNS = `delegation_id, commune, delegator, delegate, starts_on::text AS starts_on,
  ends_on::text AS ends_on, created_by, created_at, revoked_by, revoked_at`;

/** The directory's facts about the two officers of a delegation, for the supervisor's checks. */
export async function officersForDelegation(
  db: Db,
  subs: readonly string[],
  commune: string,
): Promise<{ sub: string; agency: string | null; active: boolean; serves: boolean }[]> {
  const { rows } = await db.query<{
    sub: string;
    agency: string | null;
    active: boolean;
    serves: boolean;
  }>(
    `SELECT sub, agency, active, jurisdiction_covers(jurisdictions, $2) AS serves
       FROM officers WHERE sub = ANY($1) AND role = 'officer'`,
    [subs, commune],
  );
  return rows;
}

export async function createDelegation(
  db: Db,
  d: {
    commune: string;
    delegator: string;
    delegate: string;
    startsOn: string;
    endsOn: string;
    by: string;
  },
): Promise<DelegationRow> {
  const { rows } = await db.query(
    `INSERT INTO delegations (commune, delegator, delegate, starts_on, ends_on, created_by)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
    [d.commune, d.delegator, d.delegate, d.startsOn, d.endsOn, d.by],
  );
  return DelegationRow.parse(rows[0]);
}

/** The commune's delegations, latest first: those in force or to come, then the past ones. */
export async function listDelegations(db: Db, commune: string): Promise<DelegationRow[]> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM delegations WHERE commune = $1
      ORDER BY ends_on DESC, created_at DESC LIMIT 200`,
    [commune],
  );
  return rows.map((row) => DelegationRow.parse(row));
}

/** Revokes a delegation of `commune` not yet revoked; undefined when there is none such. */
export async function revokeDelegation(
  db: Db,
  r: { delegationId: string; commune: string; by: string },
): Promise<DelegationRow | undefined> {
  const { rows } = await db.query(
    `UPDATE delegations SET revoked_by = $3, revoked_at = now()
      WHERE delegation_id = $1 AND commune = $2 AND revoked_at IS NULL
      RETURNING ${COLUMNS}`,
    [r.delegationId, r.commune, r.by],
  );
  return rows[0] === undefined ? undefined : DelegationRow.parse(rows[0]);
}

/** Whom `delegate` stands in for today (Vietnam's `today`), and in which commune. */
export async function delegationsInForce(
  db: Db,
  delegate: string,
  today: string,
): Promise<{ delegator: string; commune: string }[]> {
  const { rows } = await db.query<{ delegator: string; commune: string }>(
    `SELECT DISTINCT delegator, commune FROM delegations
      WHERE delegate = $1 AND revoked_at IS NULL AND starts_on <= $2 AND ends_on >= $2`,
    [delegate, today],
  );
  return rows;
}
