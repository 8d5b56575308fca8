// A notice published while cases run must reach them (issue 20): each open case of the notice's years
// is signalled `calendarChanged` with its calendar rebuilt from the database, and its pending
// deadlines move (workflows/linked-case.ts, workflows/steps/step-clock.ts). Which cases still have to
// hear of it is a table written with the notice (migration 0015), so an API that dies between storing
// the notice and signalling loses nothing: the next run here — at once after the POST, then every
// `intervalMs` — sends what is pending. Signals are idempotent (a case ignores a calendar whose
// revision is not newer than its own), so sending one twice is harmless.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Logger } from '../config/logger';
import {
  addLateDeliveries,
  listNotices,
  markDelivered,
  postponeDelivery,
  pendingDeliveries,
  toNotice,
  type NoticeRow,
} from '../db/calendar.repository';
import { pendingStart } from '../db/case-starts.repository';
import type { Db } from '../db/pool';
import { vietnamCalendar } from '../domain/calendar/vietnam';
import type { CalendarChange } from '../domain/calendar/notices';
import type { WorkingCalendar } from '../domain/calendar/working-days';
import { calendarChanged } from '../workflows/messages';
import { startPeriodic } from '../config/periodic';

/**
 * The working calendar of `years` from the statute and the notices stored, and those notices. Notices
 * are only ever added (the app may not change one), so a calendar built from the same notices is
 * the same: it is built once per set of notices and database (a filing and every read of a case's
 * deadlines ask for it; building one is ~1.5 ms of CPU), while the notices are read every time.
 */
export async function storedCalendar(
  db: Db,
  years: readonly number[],
): Promise<{ calendar: WorkingCalendar; notices: NoticeRow[] }> {
  const notices = await listNotices(db, years);
  const key = `${years.join(',')}|${notices.map((n) => n.id).join(',')}`;
  const built = builtCalendars.get(db) ?? new Map<string, WorkingCalendar>();
  builtCalendars.set(db, built);
  let calendar = built.get(key);
  if (!calendar) {
    calendar = vietnamCalendar(years, notices.map(toNotice));
    // A few sets of years are in use at once (a filing's, a reading's); older notices' go first.
    if (built.size >= 8) built.delete(built.keys().next().value ?? '');
    built.set(key, calendar);
  }
  return { calendar, notices };
}
const builtCalendars = new WeakMap<Db, Map<string, WorkingCalendar>>();

/** A case's calendar — its filing year and the next — and the notices it was built from. */
const calendarWithNotices = (db: Db, year: number) => storedCalendar(db, [year, year + 1]);

/** A case's calendar: its filing year and the next, from the statute and the notices stored. */
export async function calendarFor(db: Db, year: number): Promise<WorkingCalendar> {
  return (await calendarWithNotices(db, year)).calendar;
}

export interface CalendarDeliverySettings {
  intervalMs: number;
  /** How far back a notice still collects cases that appeared after it was recorded. */
  lateMinutes: number;
  batch: number;
}
export const DEFAULT_CALENDAR_DELIVERY: CalendarDeliverySettings = {
  intervalMs: 30_000,
  lateMinutes: 60,
  batch: 200,
};

export function createCalendarDelivery(deps: {
  temporal: Client;
  db: Db;
  logger: Logger;
  settings?: Partial<CalendarDeliverySettings>;
}) {
  const { temporal, db, logger } = deps;
  const settings = { ...DEFAULT_CALENDAR_DELIVERY, ...deps.settings };

  /**
   * Signals every case still owed a notice, once per case: its calendar as the database has it now,
   * named by the newest notice it is owed (an older one still pending is in that calendar too).
   * Batch after batch until none is left due: a case that could not be told waits (postponed,
   * longer after each failure) instead of holding back the cases queued behind it; at most
   * `batches` batches (the API's reply to a new notice waits for one only). Returns how many cases
   * were signalled.
   */
  async function deliver(batches = Number.POSITIVE_INFINITY): Promise<number> {
    await addLateDeliveries(db, settings.lateMinutes);
    // Built once per filing year for the whole run.
    const years = new Map<number, ReturnType<typeof calendarWithNotices>>();
    const ofYear = (year: number) => {
      let found = years.get(year);
      if (!found) years.set(year, (found = calendarWithNotices(db, year)));
      return found;
    };
    let signalled = 0;
    for (let batch = 0; batch < batches; batch += 1) {
      const pending = await pendingDeliveries(db, settings.batch);
      const owed = new Map<string, { year: number; noticeIds: number[] }>();
      for (const { noticeId, caseId, year } of pending) {
        const entry = owed.get(caseId) ?? { year, noticeIds: [] };
        entry.noticeIds.push(noticeId);
        owed.set(caseId, entry);
      }
      for (const [caseId, { year, noticeIds }] of owed)
        if (await tell(caseId, noticeIds, await ofYear(year))) signalled += 1;
      if (pending.length < settings.batch) break;
    }
    return signalled;
  }

  /** One case told of its newest notice; every row fetched is marked delivered or postponed. */
  async function tell(
    caseId: string,
    noticeIds: number[],
    { calendar, notices }: Awaited<ReturnType<typeof calendarWithNotices>>,
  ): Promise<boolean> {
    const newest = notices.filter((n) => noticeIds.includes(n.id)).pop();
    try {
      if (!newest) throw new Error('the notice is not in the calendar of the case’s years');
      const notice: CalendarChange['notice'] = {
        id: newest.id,
        number: newest.number,
        issuer: newest.issuer,
        year: newest.year,
        provisional: newest.provisional,
      };
      await temporal.workflow.getHandle(caseId).signal(calendarChanged, { calendar, notice });
      await markDelivered(db, noticeIds, caseId);
      return true;
    } catch (error) {
      // A case that has ended has no deadline left to move; one filed but not started yet
      // (api/case-starts.ts) will have, and hears of it once it runs.
      if (error instanceof WorkflowNotFoundError && !(await pendingStart(db, caseId)))
        await markDelivered(db, noticeIds, caseId);
      else {
        logger.warn({ err: error, caseId }, 'calendar notice not delivered; retried later');
        await postponeDelivery(db, noticeIds, caseId);
      }
      return false;
    }
  }

  return {
    deliver,
    start: () =>
      startPeriodic(
        () =>
          deliver().then(
            () => undefined,
            (err: unknown) => logger.warn({ err }, 'calendar notice delivery failed; retried'),
          ),
        settings.intervalMs,
      ),
  };
}
export type CalendarDelivery = ReturnType<typeof createCalendarDelivery>;
