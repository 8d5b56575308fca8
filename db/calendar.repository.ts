// The official calendar notices (migration 0015) and which open cases still have to hear of each.
// Written by the API's admin route; read by the filing (the calendar a new case starts with) and by
// the delivery of a new notice to running cases (api/calendar-delivery.ts).
import { z } from 'zod';
import { FINAL_STATUSES } from '../domain/procedures/case-status';
import {
  NoticeDayOff,
  NoticeMakeUpDay,
  type CalendarNotice,
  type CalendarNoticeInput,
} from '../domain/calendar/notices';
import type { Db } from './pool';

const NoticeRow = z.object({
  id: z.coerce.number().int(),
  number: z.string().nullable(),
  issuer: z.string(),
  issued_on: z.string().nullable(),
  year: z.number().int(),
  provisional: z.boolean(),
  source: z.string(),
  days_off: z.array(NoticeDayOff),
  make_up_days: z.array(NoticeMakeUpDay),
  recorded_by: z.string(),
  recorded_at: z.string(),
});
export type NoticeRow = z.infer<typeof NoticeRow>;

const COLUMNS = `id, number, issuer, issued_on::text AS issued_on, year, provisional, source,
  days_off, make_up_days, recorded_by, recorded_at`;

export const toNotice = (row: NoticeRow): CalendarNotice => ({
  id: row.id,
  number: row.number,
  issuer: row.issuer,
  issuedOn: row.issued_on,
  year: row.year,
  provisional: row.provisional,
  source: row.source,
  daysOff: row.days_off,
  makeUpDays: row.make_up_days,
});

/** The notices for `years`, oldest first (a later notice for the same holiday wins). */
export async function listNotices(db: Db, years: readonly number[]): Promise<NoticeRow[]> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM calendar_notices WHERE year = ANY($1::int[]) ORDER BY id`,
    [years],
  );
  return rows.map((row) => NoticeRow.parse(row));
}

/**
 * Records a notice and, in the same transaction, the open cases that must hear of it: those filed in
 * its year or the year before (a case's calendar covers its filing year and the next). A notice
 * already recorded under its issuer and number is `duplicate` and changes nothing.
 */
export async function recordNotice(
  db: Db,
  notice: CalendarNoticeInput,
  by: string,
): Promise<{ notice: NoticeRow; cases: number } | { duplicate: NoticeRow }> {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query(
      `INSERT INTO calendar_notices
         (number, issuer, issued_on, year, provisional, source, days_off, make_up_days, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (issuer, number) WHERE number IS NOT NULL DO NOTHING
       RETURNING ${COLUMNS}`,
      [
        notice.number,
        notice.issuer,
        notice.issuedOn,
        notice.year,
        notice.provisional,
        notice.source,
        JSON.stringify(notice.daysOff),
        JSON.stringify(notice.makeUpDays),
        by,
      ],
    );
    if (rows[0] === undefined) {
      await client.query('ROLLBACK');
      const { rows: found } = await db.query(
        `SELECT ${COLUMNS} FROM calendar_notices WHERE issuer = $1 AND number = $2`,
        [notice.issuer, notice.number],
      );
      return { duplicate: NoticeRow.parse(found[0]) };
    }
    const row = NoticeRow.parse(rows[0]);
    const { rowCount } = await client.query(
      `INSERT INTO calendar_notice_deliveries (notice_id, case_id)
       SELECT $1, case_id FROM cases
        WHERE status <> ALL($2::text[])
          AND extract(year FROM received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::int IN ($3, $3 - 1)`,
      [row.id, FINAL_STATUSES, row.year],
    );
    await client.query('COMMIT');
    return { notice: row, cases: rowCount ?? 0 };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Open cases filed around a recent notice (received from `marginMinutes` before it was recorded):
 * a filing that read the calendar just before the notice was stored reaches the read model only
 * after the notice's own list of open cases was taken, so it is owed the notice too. A case that
 * already has the notice ignores it (its calendar's revision).
 */
export async function addLateDeliveries(
  db: Db,
  withinMinutes: number,
  marginMinutes = 5,
): Promise<number> {
  const { rowCount } = await db.query(
    `INSERT INTO calendar_notice_deliveries (notice_id, case_id)
     SELECT n.id, c.case_id FROM calendar_notices n JOIN cases c
       ON extract(year FROM c.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::int IN (n.year, n.year - 1)
      AND c.received_at >= n.recorded_at - make_interval(mins => $3)
      WHERE n.recorded_at > now() - make_interval(mins => $1)
        AND c.status <> ALL($2::text[])
     ON CONFLICT DO NOTHING`,
    [withinMinutes, FINAL_STATUSES, marginMinutes],
  );
  return rowCount ?? 0;
}

export interface PendingDelivery {
  noticeId: number;
  caseId: string;
  /** The case's filing year (Vietnam): its calendar covers this year and the next. */
  year: number;
}

const PendingRow = z
  .object({ notice_id: z.coerce.number(), case_id: z.string(), year: z.number().int() })
  .transform((r): PendingDelivery => ({ noticeId: r.notice_id, caseId: r.case_id, year: r.year }));

export async function pendingDeliveries(db: Db, limit: number): Promise<PendingDelivery[]> {
  const { rows } = await db.query(
    `SELECT d.notice_id, d.case_id,
            extract(year FROM c.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::int AS year
       FROM calendar_notice_deliveries d JOIN cases c USING (case_id)
      WHERE d.delivered_at IS NULL AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= now())
      ORDER BY d.notice_id, d.case_id
      LIMIT $1`,
    [limit],
  );
  return rows.map((row) => PendingRow.parse(row));
}

/**
 * The case could not be told of these notices: tried again after 30 s times the failures so far
 * (at most 10 min), and skipped until then by pendingDeliveries.
 */
export async function postponeDelivery(
  db: Db,
  noticeIds: readonly number[],
  caseId: string,
): Promise<void> {
  await db.query(
    `UPDATE calendar_notice_deliveries
        SET attempts = attempts + 1,
            next_attempt_at = now() + least(attempts + 1, 20) * interval '30 seconds'
      WHERE notice_id = ANY($1::bigint[]) AND case_id = $2 AND delivered_at IS NULL`,
    [noticeIds, caseId],
  );
}

/** The case has heard of these notices (one signal carries the newest, with the others in it). */
export async function markDelivered(
  db: Db,
  noticeIds: readonly number[],
  caseId: string,
): Promise<void> {
  await db.query(
    `UPDATE calendar_notice_deliveries SET delivered_at = now()
      WHERE notice_id = ANY($1::bigint[]) AND case_id = $2 AND delivered_at IS NULL`,
    [noticeIds, caseId],
  );
}
