// Ages and the adult relatives of a death application. No schemas here: the workflows import this,
// and every zod schema a workflow imports is built again for each workflow the worker starts.
import type { DeathApplication } from './DeathApplication';

/** Age in whole years on `on` (YYYY-MM-DD). */
export function ageOn(dateOfBirth: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return on.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

export const ADULT_AGE = 18;

/** The relatives who must confirm a lump-sum payee: every adult named relative. */
export const adultRelatives = (app: Pick<DeathApplication, 'relatives'>, on: string) =>
  app.relatives.filter((r) => ageOn(r.dateOfBirth, on) >= ADULT_AGE);

/**
 * Who filed a death, as the population database knows them (checked by the API at the door). A death
 * is declared by the deceased's spouse, child, parent or other relative, else by the organisation
 * concerned (Luật Hộ tịch 2014 Art. 33; DOMAIN.md §2C): a citizen files only as a relative the
 * population database knows; a one-stop clerk may file for anyone, and the officers see that the
 * filer was not verified.
 */
export interface FilerVerification {
  pin: string;
  /** The relation the applicant declared on the form. */
  declared: string;
  /** The relation in the population database's family records; null: not a relative there. */
  registered: string | null;
  verified: boolean;
  /** The relative themself (citizen) or a one-stop clerk on the applicant's behalf. */
  filedBy: 'citizen' | 'clerk';
}
