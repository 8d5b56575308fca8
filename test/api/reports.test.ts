// The supervisors' compliance reports through the API (issue 22, item 8), on a real database: a
// month's figures counted on Vietnam's days, the supervisor's commune only, CSV for a spreadsheet,
// and the monthly report the schedule keeps, read back per commune.
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { produceMonthlyReport } from '../../db/compliance-reports.repository';
import type { Principal } from '../../domain/principal';
import type { StepView } from '../../domain/procedures/views';
import { periodOfMonth } from '../../domain/reporting-period';
import { useDatabaseApp } from '../support/api-app';
import { ADMIN, tokenFor } from '../support/auth';
import { projectTask } from '../support/tasks';

const SUPERVISOR: Principal = { sub: 'lanh-dao', role: 'supervisor', jurisdiction: '00004' };
const NOVEMBER = 'from=2026-11-01&to=2026-11-30';

/** A birth step of commune `jurisdiction`, started `hours` before it ended at `endedAt`. */
const decided = (
  n: number,
  endedAt: string,
  hours: number,
  changes: Partial<StepView> = {},
  jurisdiction = '00004',
) => ({
  caseId: `birth-residence-insurance:REPORT-API-${n}`,
  jurisdiction,
  view: {
    state: 'completed' as const,
    status: 'completed' as const,
    startedAt: new Date(Date.parse(endedAt) - hours * 3_600_000).toISOString(),
    endedAt,
    ...changes,
  },
});

describe('GET /v1/reports/compliance', () => {
  const subject = useDatabaseApp();

  beforeAll(async () => {
    for (const task of [
      decided(1, '2026-11-05T03:00:00Z', 10),
      decided(2, '2026-11-12T03:00:00Z', 20),
      decided(3, '2026-11-20T03:00:00Z', 30, { breached: true }),
      // 23:30 on 30 November in Vietnam: in November.
      decided(4, '2026-11-30T16:30:00Z', 40, { state: 'rejected', status: 'rejected' }),
      // 23:00 on 31 October in Vietnam: not in November, though it is 1 November nowhere.
      decided(5, '2026-10-31T16:00:00Z', 5),
      // Another commune's.
      decided(6, '2026-11-10T03:00:00Z', 7, {}, '00070'),
      // Under way at the month's end, past its deadline then; and one due after it.
      {
        caseId: 'birth-residence-insurance:REPORT-API-7',
        view: { startedAt: '2026-11-25T03:00:00Z', deadline: '2026-11-27T10:00:00Z' },
      },
      {
        caseId: 'birth-residence-insurance:REPORT-API-8',
        view: { startedAt: '2026-11-29T03:00:00Z', deadline: '2026-12-03T10:00:00Z' },
      },
      // Cancelled in November: neither decided nor open.
      decided(9, '2026-11-15T03:00:00Z', 3, { state: 'cancelled', status: 'cancelled' }),
    ])
      await projectTask(subject.database.appDb, task);
  });

  const get = async (who: Principal, path: string, accept = 'application/json') =>
    request(subject.app)
      .get(path)
      .set('Authorization', `Bearer ${await tokenFor(who)}`)
      .set('Accept', accept);

  it('when a supervisor asks for November, then their commune’s steps decided on Vietnam’s November days count, with on-time rate, median, p90, open and overdue', async () => {
    const response = await get(SUPERVISOR, `/v1/reports/compliance?${NOVEMBER}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      from: '2026-11-01',
      to: '2026-11-30',
      asOf: '2026-11-30T17:00:00.000Z',
      commune: '00004',
      agency: null,
    });
    // Decided: 10, 20, 30 (late), 40 hours. Median 25; p90 by interpolation: 30 + 0.7 × 10 = 37.
    expect(response.body.rows).toEqual([
      {
        agency: 'civil-status',
        step: 'birth',
        decided: 4,
        onTime: 3,
        onTimeRate: 0.75,
        medianHours: 25,
        p90Hours: 37,
        open: 2,
        overdue: 1,
      },
    ]);
    expect(response.body.days).toEqual([
      { day: '2026-11-05', agency: 'civil-status', decided: 1, onTime: 1 },
      { day: '2026-11-12', agency: 'civil-status', decided: 1, onTime: 1 },
      { day: '2026-11-20', agency: 'civil-status', decided: 1, onTime: 0 },
      { day: '2026-11-30', agency: 'civil-status', decided: 1, onTime: 1 },
    ]);
  });

  it('when the same month is asked as CSV, then it downloads as a file with one line per agency and step', async () => {
    const response = await get(SUPERVISOR, `/v1/reports/compliance?${NOVEMBER}`, 'text/csv');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="compliance-2026-11-01-2026-11-30.csv"',
    );
    expect(response.text).toBe(
      'agency,step,decided,on_time,on_time_rate,median_hours,p90_hours,open,overdue\n' +
        'civil-status,birth,4,3,0.75,25,37,2,1\n',
    );
  });

  it('when a supervisor asks for another commune, then it is refused; an admin sees every commune or the one named', async () => {
    const other = await get(SUPERVISOR, `/v1/reports/compliance?${NOVEMBER}&commune=00070`);
    expect(other.status).toBe(403);
    expect(other.body.detail).toBe('lãnh đạo chỉ xem báo cáo của xã mình');
    const all = await get(ADMIN, `/v1/reports/compliance?${NOVEMBER}`);
    expect(all.body.commune).toBeNull();
    expect(all.body.rows[0].decided).toBe(5);
    const one = await get(ADMIN, `/v1/reports/compliance?${NOVEMBER}&commune=00070`);
    expect(one.body.rows).toMatchObject([{ decided: 1, medianHours: 7 }]);
  });

  it('when an agency with no steps is asked, then there are no rows; a period backwards or a malformed day is refused', async () => {
    const police = await get(SUPERVISOR, `/v1/reports/compliance?${NOVEMBER}&agency=police`);
    expect(police.body.rows).toEqual([]);
    const backwards = await get(SUPERVISOR, '/v1/reports/compliance?from=2026-11-30&to=2026-11-01');
    expect(backwards.status).toBe(400);
    const malformed = await get(SUPERVISOR, '/v1/reports/compliance?from=2026-11-31&to=2026-12-01');
    expect(malformed.status).toBe(400);
    const missing = await get(SUPERVISOR, '/v1/reports/compliance?from=2026-11-01');
    expect(missing.status).toBe(400);
  });

  it('when the monthly report has been produced, then it is listed, and a supervisor reads their commune’s rows, as JSON or CSV', async () => {
    expect((await get(SUPERVISOR, '/v1/reports/compliance/monthly/2026-11')).status).toBe(404);
    await produceMonthlyReport(subject.database.appDb, '2026-11', periodOfMonth('2026-11'));
    const list = await get(SUPERVISOR, '/v1/reports/compliance/monthly');
    expect(list.body.items).toEqual([{ month: '2026-11', producedAt: expect.any(String) }]);

    const mine = await get(SUPERVISOR, '/v1/reports/compliance/monthly/2026-11');
    expect(mine.status).toBe(200);
    expect(mine.body.rows).toEqual([
      expect.objectContaining({ commune: '00004', decided: 4, onTime: 3, overdue: 1 }),
    ]);
    const csv = await get(SUPERVISOR, '/v1/reports/compliance/monthly/2026-11', 'text/csv');
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="compliance-2026-11.csv"',
    );
    expect(csv.text.split('\n')).toEqual([
      'commune,agency,step,decided,on_time,on_time_rate,median_hours,p90_hours,open,overdue',
      '00004,civil-status,birth,4,3,0.75,25,37,2,1',
      '',
    ]);
    const everyone = await get(ADMIN, '/v1/reports/compliance/monthly/2026-11');
    expect(everyone.body.rows.map((r: { commune: string }) => r.commune)).toEqual([
      '00004',
      '00070',
    ]);
    expect(
      (await get(SUPERVISOR, '/v1/reports/compliance/monthly/2026-11?commune=00070')).status,
    ).toBe(403);
    expect((await get(SUPERVISOR, '/v1/reports/compliance/monthly/2026-13')).status).toBe(400);
  });
});
