// The staff directory (migrations 0012, 0018, 0027): written by the API's admin routes, the API's own
// record of who may be given a task or record and approve an annulment — the agencies' officers —
// and of the one-stop desks' clerks and the communes' supervisors, whose role and jurisdiction the
// identity provider signs in (idp/accounts.ts). Not procedure state.
import { z } from 'zod';
import { STAFF_ROLES, type StaffRole } from '../domain/principal';
import type { Db } from './pool';

const OfficerRow = z.object({
  sub: z.string(),
  name: z.string(),
  role: z.enum(STAFF_ROLES),
  /** An officer's agency; none for a clerk or a supervisor. */
  agency: z.string().nullable(),
  /** Commune codes, 'province:<code>' and 'region:<code>' entries (migration 0018). */
  jurisdictions: z.array(z.string()),
  active: z.boolean(),
  added_by: z.string(),
  added_at: z.string(),
  deactivated_by: z.string().nullable(),
  deactivated_at: z.string().nullable(),
});
export type OfficerRow = z.infer<typeof OfficerRow>;

export type OfficerPost = {
  sub: string;
  name: string;
  jurisdictions: readonly string[];
} & ({ role?: 'officer'; agency: string } | { role: 'clerk' | 'supervisor'; agency?: undefined });

export async function findOfficer(db: Db, sub: string): Promise<OfficerRow | undefined> {
  const { rows } = await db.query('SELECT * FROM officers WHERE sub = $1', [sub]);
  return rows[0] === undefined ? undefined : OfficerRow.parse(rows[0]);
}

/** True when `sub` is an active officer of `agency` whose jurisdiction covers the commune. */
export async function isOfficerOf(
  db: Db,
  sub: string,
  post: { agency: string; jurisdiction: string },
): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT 1 FROM officers
      WHERE sub = $1 AND active AND role = 'officer' AND agency = $2
        AND jurisdiction_covers(jurisdictions, $3)`,
    [sub, post.agency, post.jurisdiction],
  );
  return rows.length > 0;
}

/**
 * The communes an officer of `agency` serves: their directory entry's jurisdiction, resolved to
 * communes; none once deactivated (or listed for another agency than their token names). An officer
 * the directory does not list serves the one commune their token names (development tokens; an
 * identity provider's staff claims).
 */
export async function communesServedBy(
  db: Db,
  officer: { sub: string; agency: string; jurisdiction: string },
): Promise<string[]> {
  // One round trip: the officer's row (if any) with the communes its jurisdiction covers.
  const { rows } = await db.query<{ active: boolean; agency: string; communes: string[] }>(
    `SELECT o.active, o.agency,
            coalesce(array_agg(c.code ORDER BY c.code) FILTER (WHERE c.code IS NOT NULL), '{}')
              AS communes
       FROM officers o LEFT JOIN communes c ON jurisdiction_covers(o.jurisdictions, c.code)
      WHERE o.sub = $1
      GROUP BY o.sub`,
    [officer.sub],
  );
  const listed = rows[0];
  if (!listed) return [officer.jurisdiction];
  return listed.active && listed.agency === officer.agency ? listed.communes : [];
}

/**
 * The directory, filtered: `jurisdiction` keeps those whose jurisdiction covers that commune; `role`
 * is the officers' unless another is asked for.
 */
export async function listOfficers(
  db: Db,
  filter: {
    agency?: string | undefined;
    jurisdiction?: string | undefined;
    active?: boolean;
    role?: StaffRole | undefined;
  },
): Promise<OfficerRow[]> {
  const { rows } = await db.query(
    `SELECT * FROM officers
      WHERE role = $4
        AND ($1::text IS NULL OR agency = $1)
        AND ($2::text IS NULL OR jurisdiction_covers(jurisdictions, $2))
        AND ($3::boolean IS NULL OR active = $3)
      ORDER BY agency, sub`,
    [
      filter.agency ?? null,
      filter.jurisdiction ?? null,
      filter.active ?? null,
      filter.role ?? 'officer',
    ],
  );
  return rows.map((row) => OfficerRow.parse(row));
}

/**
 * Adds an officer, or (the same `sub` again) moves them to this post and makes them active: one
 * post per officer. `created` tells the two apart.
 */
export async function addOfficer(
  db: Db,
  post: OfficerPost,
  by: string,
): Promise<{ officer: OfficerRow; created: boolean }> {
  const { rows } = await db.query(
    `INSERT INTO officers (sub, name, agency, jurisdictions, added_by, role)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (sub) DO UPDATE
       SET name = EXCLUDED.name, role = EXCLUDED.role, agency = EXCLUDED.agency,
           jurisdictions = EXCLUDED.jurisdictions,
           active = true, added_by = EXCLUDED.added_by, added_at = now(),
           deactivated_by = NULL, deactivated_at = NULL
     RETURNING *, (xmax = 0) AS created`,
    [post.sub, post.name, post.agency ?? null, post.jurisdictions, by, post.role ?? 'officer'],
  );
  const row = rows[0] as Record<string, unknown>;
  return { officer: OfficerRow.parse(row), created: row.created === true };
}

/** Deactivates an officer (kept, for the record); undefined when there is no such officer. */
export async function deactivateOfficer(
  db: Db,
  sub: string,
  by: string,
): Promise<OfficerRow | undefined> {
  const { rows } = await db.query(
    `UPDATE officers
        SET active = false,
            deactivated_by = CASE WHEN active THEN $2 ELSE deactivated_by END,
            deactivated_at = CASE WHEN active THEN now() ELSE deactivated_at END
      WHERE sub = $1
      RETURNING *`,
    [sub, by],
  );
  return rows[0] === undefined ? undefined : OfficerRow.parse(rows[0]);
}

/**
 * Development only (make start, make demo, chaos, the tests, the pages): the officers they sign in
 * as, so that assigning to them and recording annulments works out of the box. Never seeded by
 * `npm run db:migrate`: production's directory is the agencies' own.
 */
export async function seedDevelopmentOfficers(
  db: Db,
  officers: readonly OfficerPost[],
): Promise<void> {
  await db.query(
    `INSERT INTO officers (sub, name, agency, jurisdictions, added_by, role)
     SELECT o.sub, o.name, o.agency, string_to_array(o.jurisdictions, ','), 'seed', o.role
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
              AS o(sub, name, agency, jurisdictions, role)
     ON CONFLICT (sub) DO NOTHING`,
    [
      officers.map((o) => o.sub),
      officers.map((o) => o.name),
      officers.map((o) => o.agency ?? null),
      // unnest cannot take an array of arrays of different lengths: one text per officer.
      officers.map((o) => o.jurisdictions.join(',')),
      officers.map((o) => o.role ?? 'officer'),
    ],
  );
}
