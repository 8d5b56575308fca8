// The working calendar's API against a real database (migration 0015 seeds the notices DOMAIN.md §2D
// cites): anyone reads a year with the source of each day; an admin records a notice, audited and
// idempotent; the open cases of its years are owed it and signalled, even after a failed attempt.
import type { Client } from '@temporalio/client';
import pino from 'pino';
import request from 'supertest';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createCalendarDelivery } from '../../api/calendar-delivery';
import { listNotices, toNotice } from '../../db/calendar.repository';
import type { CalendarChange } from '../../domain/calendar/notices';
import { ADMIN, tokenFor } from '../support/auth';
import { useDatabaseApp } from '../support/api-app';
import { SEEDED_NOTICES, aTet2027Notice } from '../fixtures/calendar-notices';

const signal = vi.fn<(definition: unknown, change: CalendarChange) => Promise<void>>();
const getHandle = vi.fn((_caseId: string) => ({ signal }));
const temporal = { workflow: { getHandle } } as unknown as Client;

type Day = { date: string; kind: string; source: string; provisional: boolean; holiday?: string };

describe('the calendar API', () => {
  const subject = useDatabaseApp(temporal);
  const admin = async () => `Bearer ${await tokenFor(ADMIN)}`;
  beforeEach(() => {
    signal.mockReset().mockResolvedValue(undefined);
    getHandle.mockClear();
  });

  async function aCase(caseId: string, receivedAt: string, status: string) {
    await subject.database.db.query(
      `INSERT INTO cases (case_id, procedure, business_key, status, commune, party_pins,
         received_at, deadline, view, version)
       VALUES ($1, 'birth-residence-insurance', $1, $2, '00004', '{}', $3, $3, '{}', 1)`,
      [caseId, status, receivedAt],
    );
  }

  it('when the seeded notices are read back, then they are the notices DOMAIN.md §2D cites, as the tests’ fixture has them', async () => {
    const rows = await listNotices(subject.database.appDb, [2025, 2026, 2027]);
    expect(rows.map(toNotice)).toEqual(SEEDED_NOTICES);
  });

  it('when anyone asks for 2026, then National Day and Tết are as Thông báo 9441/TB-BNV has them, each day with its source', async () => {
    const response = await request(subject.app).get('/v1/calendar/2026');

    expect(response.status).toBe(200);
    const days = response.body.days as Day[];
    const on = (date: string) => days.find((d) => d.date === date);
    // National Day: Sat 29/8 – Wed 2/9, Monday 31/8 swapped and made up on Saturday 22/8.
    for (const date of ['2026-08-31', '2026-09-01', '2026-09-02'])
      expect(on(date)).toMatchObject({
        kind: 'day_off',
        holiday: 'national-day',
        provisional: false,
      });
    expect(on('2026-08-22')).toMatchObject({ kind: 'working_day', provisional: false });
    // Tết Bính Ngọ: Mon 16/02 – Fri 20/02 (with the weekends 14/02–22/02).
    for (const date of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'])
      expect(on(date)).toMatchObject({ kind: 'day_off', holiday: 'tet' });
    expect(on('2026-02-23')).toBeUndefined();
    for (const date of ['2026-02-16', '2026-08-22', '2026-08-31', '2026-09-02'])
      expect(on(date)?.source).toMatch(/^Thông báo 9441\/TB-BNV, Bộ Nội vụ, ngày 2025-10-16/);
    // The Hùng Kings' day on Sunday 26/4 is compensated on Monday 27/4 by the statute.
    expect(on('2026-04-27')?.source).toBe('Bộ luật Lao động 45/2019/QH14, Art. 111(3)');
    expect(response.body.notices).toEqual([expect.objectContaining({ number: '9441/TB-BNV' })]);
  });

  it('when anyone asks for 2027, then the statute’s Tết is shown provisional, 11/02 included', async () => {
    const response = await request(subject.app).get('/v1/calendar/2027');

    const days = response.body.days as Day[];
    expect(days.find((d) => d.date === '2027-02-11')).toMatchObject({
      kind: 'day_off',
      provisional: true,
      source: 'Bộ luật Lao động 45/2019/QH14, Art. 111(3)',
    });
    expect(response.body.notices).toEqual([expect.objectContaining({ provisional: true })]);
  });

  it('when someone who is not an admin records a notice, then 403', async () => {
    const clerk = await tokenFor({ sub: 'k', role: 'clerk', jurisdiction: '00004' });
    const response = await request(subject.app)
      .post('/v1/calendar/notices')
      .set('Authorization', `Bearer ${clerk}`)
      .send(aTet2027Notice());
    expect(response.status).toBe(403);
  });

  it('when a make-up day is a weekday or a date is outside the notice’s year, then 400 with each problem', async () => {
    const notice = aTet2027Notice();
    const response = await request(subject.app)
      .post('/v1/calendar/notices')
      .set('Authorization', await admin())
      .send({
        ...notice,
        daysOff: [{ ...notice.daysOff[0], date: '2026-12-31' }],
        makeUpDays: [{ date: '2027-02-17', replaces: '2027-02-04' }], // a Wednesday
      });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '/daysOff/0/date',
      '/makeUpDays/0/date',
    ]);
  });

  it('when an admin records the 2027 Tết notice, then it is audited, a retry with the same key gets the same reply, the same number again is a conflict, and 2027 shows it', async () => {
    const notice = aTet2027Notice();
    const post = (key: string) =>
      admin().then((auth) =>
        request(subject.app)
          .post('/v1/calendar/notices')
          .set('Authorization', auth)
          .set('Idempotency-Key', key)
          .send(notice),
      );

    const first = await post('k-tet-2027');
    const retry = await post('k-tet-2027');
    const again = await post('k-tet-2027-other');

    expect(first.status).toBe(201);
    expect(first.body.notice).toMatchObject({ number: notice.number, recordedBy: 'admin-1' });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(again.status).toBe(409);
    const audit = await subject.database.db.query<{ actor: string; outcome: number }>(
      `SELECT actor, outcome FROM audit_log WHERE action = 'recordCalendarNotice' ORDER BY seq`,
    );
    expect(audit.rows).toContainEqual({ actor: 'admin-1', outcome: 201 });
    const year = await request(subject.app).get('/v1/calendar/2027');
    expect((year.body.days as Day[]).find((d) => d.date === '2027-02-12')).toMatchObject({
      kind: 'day_off',
      provisional: false,
      source: expect.stringContaining(notice.number),
    });
  });

  it('when a notice is recorded while cases run, then each open case of its years is signalled the new calendar — and one the signal did not reach is signalled on the next delivery', async () => {
    const id = `case-${Date.now()}`;
    await aCase(`${id}-open`, '2026-12-01T02:00:00Z', 'in_progress');
    await aCase(`${id}-late`, '2026-12-02T02:00:00Z', 'in_progress');
    await aCase(`${id}-done`, '2026-12-01T02:00:00Z', 'completed');
    await aCase(`${id}-2025`, '2025-12-01T02:00:00Z', 'in_progress');
    // The API "dies" for one case: its signal fails and nothing else tells it.
    signal.mockImplementation((_definition, _change) => {
      const caseId = getHandle.mock.lastCall?.[0];
      return caseId === `${id}-late`
        ? Promise.reject(new Error('connection lost'))
        : Promise.resolve();
    });

    const notice = aTet2027Notice();
    const response = await request(subject.app)
      .post('/v1/calendar/notices')
      .set('Authorization', await admin())
      .send(notice);

    expect(response.status).toBe(201);
    const told = getHandle.mock.calls.map(([caseId]) => caseId).filter((c) => c.startsWith(id));
    expect(told.sort()).toEqual([`${id}-late`, `${id}-open`]);
    const change = signal.mock.calls[0]?.[1];
    expect(change?.notice).toMatchObject({ number: notice.number, year: 2027 });
    expect(change?.calendar.revision).toBe(response.body.notice.id);
    expect(change?.calendar.daysOff).toContain('2027-02-12');

    // The failed delivery waits its turn (30 s after a first failure); here its time has come.
    const postponed = await subject.database.db.query(
      `UPDATE calendar_notice_deliveries SET next_attempt_at = now()
        WHERE case_id = $1 AND delivered_at IS NULL AND attempts = 1 AND next_attempt_at > now()`,
      [`${id}-late`],
    );
    expect(postponed.rowCount).toBe(1);
    getHandle.mockClear();
    signal.mockReset().mockResolvedValue(undefined);
    await createCalendarDelivery({
      temporal,
      db: subject.database.appDb,
      logger: pino({ level: 'silent' }),
    }).deliver();
    expect(getHandle.mock.calls.map(([caseId]) => caseId)).toEqual([`${id}-late`]);
    const pending = await subject.database.db.query(
      `SELECT case_id FROM calendar_notice_deliveries WHERE delivered_at IS NULL`,
    );
    expect(pending.rows).toEqual([]);
  });

  it('when one case cannot be told for good, then the cases queued behind it are told in the same run, and it is tried again later, not at once', async () => {
    // A batch of one: before, the failing case came first in every batch and nobody behind it was
    // ever told.
    const id = `stuck-${Date.now()}`;
    await aCase(`${id}-a`, '2026-12-01T02:00:00Z', 'in_progress');
    await aCase(`${id}-b`, '2026-12-01T02:00:00Z', 'in_progress');
    await aCase(`${id}-c`, '2026-12-01T02:00:00Z', 'in_progress');
    // Temporal is out while the notice is recorded: nobody is told, every delivery is postponed.
    signal.mockRejectedValue(new Error('unavailable'));
    const recorded = await request(subject.app)
      .post('/v1/calendar/notices')
      .set('Authorization', await admin())
      .send(aTet2027Notice());
    expect(recorded.status).toBe(201);
    await subject.database.db.query(
      `UPDATE calendar_notice_deliveries SET next_attempt_at = now() WHERE case_id LIKE $1`,
      [`${id}-%`],
    );
    // Back, except that case a's signal is refused for good.
    signal.mockImplementation(() =>
      getHandle.mock.lastCall?.[0] === `${id}-a`
        ? Promise.reject(new Error('payload refused'))
        : Promise.resolve(),
    );
    getHandle.mockClear();
    const delivery = createCalendarDelivery({
      temporal,
      db: subject.database.appDb,
      logger: pino({ level: 'silent' }),
      settings: { batch: 1 },
    });

    await delivery.deliver();
    await delivery.deliver();

    const rows = await subject.database.db.query<{
      case_id: string;
      delivered: boolean;
      attempts: number;
    }>(
      `SELECT case_id, delivered_at IS NOT NULL AS delivered, attempts
         FROM calendar_notice_deliveries WHERE case_id LIKE $1 ORDER BY case_id`,
      [`${id}-%`],
    );
    expect(rows.rows).toEqual([
      { case_id: `${id}-a`, delivered: false, attempts: 2 },
      { case_id: `${id}-b`, delivered: true, attempts: 1 },
      { case_id: `${id}-c`, delivered: true, attempts: 1 },
    ]);
    // Postponed, the failing case was tried once, not again by the second run.
    expect(getHandle.mock.calls.filter(([caseId]) => caseId === `${id}-a`)).toHaveLength(1);
  });
});
