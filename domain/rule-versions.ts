// Rules change by decree (DOMAIN.md §0): every rule set carries the date it took effect, and a case
// runs under the version in force on its filing date, kept in its workflow input.
import type { IsoDate } from './calendar/working-days';

export interface Versioned {
  /** First day (Vietnam local date) on which this version applies. */
  effectiveFrom: IsoDate;
  /** The legal instrument(s), with DOMAIN.md's confidence mark. */
  source: string;
}

/** The version in force on `date`: the latest whose effectiveFrom is not after it. */
export function versionInForce<V extends Versioned>(versions: readonly V[], date: IsoDate): V {
  const inForce = versions
    .filter((v) => v.effectiveFrom <= date)
    .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))
    .pop();
  if (!inForce) throw new RangeError(`no rule version in force on ${date}`);
  return inForce;
}
