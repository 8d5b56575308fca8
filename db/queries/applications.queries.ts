// The application as filed (migration 0022): what a document prints (documents/issuer.ts) and the
// whole dossier an officer decides on (GET /v1/cases/{caseId}/application).
import type { Queryable } from '../pool';

/** The application as filed; undefined for a case filed before filings were kept. */
export async function filedApplication(db: Queryable, caseId: string): Promise<unknown> {
  const { rows } = await db.query<{ application: unknown }>(
    'SELECT application FROM filed_applications WHERE case_id = $1',
    [caseId],
  );
  return rows[0]?.application;
}

/**
 * The language the case was filed in (its notifications'), told only to a citizen who is one of its
 * parties: undefined for anyone else, or for a case not filed in one of the two.
 */
export async function caseLanguageFor(
  db: Queryable,
  caseId: string,
  pin: string,
): Promise<'vi' | 'en' | undefined> {
  const { rows } = await db.query<{ language: string | null }>(
    `SELECT f.application->>'language' AS language
       FROM filed_applications f JOIN cases c USING (case_id)
      WHERE f.case_id = $1 AND c.party_pins @> ARRAY[$2]::text[]`,
    [caseId, pin],
  );
  const language = rows[0]?.language;
  return language === 'vi' || language === 'en' ? language : undefined;
}
