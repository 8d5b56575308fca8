// Vietnam's local time (UTC+7, no daylight saving since 1975), on its own: workflow code reads it
// (workflows/compliance-report.workflow.ts) without the calendar's holiday library and schemas.
import type { IsoDate } from './working-days';

export const VIETNAM_UTC_OFFSET_MINUTES = 7 * 60;

/** The local (Vietnam) date and time at `instantMs`: `YYYY-MM-DDTHH:mm`. */
export const vietnamDateTime = (instantMs: number): string =>
  new Date(instantMs + VIETNAM_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 16);

/** The local (Vietnam) date at `instantMs`. */
export const vietnamDate = (instantMs: number): IsoDate => vietnamDateTime(instantMs).slice(0, 10);
