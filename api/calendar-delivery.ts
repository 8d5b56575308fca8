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
  pendingDeliveries,
  toNotice,
} from '../db/calendar.repository';
import type { Db } from '../db/pool';
import { vietnamCalendar } from '../domain/calendar/vietnam';
import type { CalendarChange } from '../domain/calendar/notices';
import type { WorkingCalendar } from '../domain/calendar/working-days';
import { calendarChanged } from '../workflows/messages';
import { startPeriodic } from './periodic';

/** A case's calendar: its filing year and the next, from the statute and the notices stored. */
export async function calendarFor(db: Db, year: number): Promise<WorkingCalendar> {
  const years = [year, year + 1];
  return vietnamCalendar(years, (await listNotices(db, years)).map(toNotice));
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

  /** Signals every case still owed a notice; returns how many were signalled. */
  async function deliver(): Promise<number> {
    await addLateDeliveries(db, settings.lateMinutes);
    const pending = await pendingDeliveries(db, settings.batch);
    const calendars = new Map<number, Promise<WorkingCalendar>>();
    const notices = new Map<number, CalendarChange['notice']>();
    let signalled = 0;
    for (const { noticeId, caseId, year } of pending) {
      if (!calendars.has(year)) calendars.set(year, calendarFor(db, year));
      const calendar = await (calendars.get(year) as Promise<WorkingCalendar>);
      if (!notices.has(noticeId)) {
        const found = (await listNotices(db, [year, year + 1])).find((n) => n.id === noticeId);
        if (found)
          notices.set(noticeId, {
            id: found.id,
            number: found.number,
            issuer: found.issuer,
            year: found.year,
            provisional: found.provisional,
          });
      }
      const notice = notices.get(noticeId);
      if (!notice) continue;
      try {
        await temporal.workflow.getHandle(caseId).signal(calendarChanged, { calendar, notice });
        signalled += 1;
      } catch (error) {
        // A case that has ended (or never started) has no deadline left to move.
        if (!(error instanceof WorkflowNotFoundError)) {
          logger.warn({ err: error, caseId, noticeId }, 'calendar notice not delivered; retried');
          continue;
        }
      }
      await markDelivered(db, noticeId, caseId);
    }
    return signalled;
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
