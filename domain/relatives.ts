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
