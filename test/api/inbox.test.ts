// The inbox as the API pages and filters it (issue 22, item 2), on a real database: how many tasks
// the filters find on every page, by procedure, step state, overdue and assignee; and one task read
// wherever it stands, only by its agency's officers of its commune and the commune's supervisor.
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { assignTask } from '../../db/queries/cases.queries';
import { upsertStep } from '../../db/read-model.repository';
import type { Principal } from '../../domain/principal';
import { tokenFor } from '../support/auth';
import { useDatabaseApp } from '../support/api-app';

const OFFICER: Principal = {
  sub: 'officer-civil-status',
  role: 'officer',
  agency: 'civil-status',
  jurisdiction: '00004',
};
const SUPERVISOR: Principal = { sub: 'lanh-dao', role: 'supervisor', jurisdiction: '00004' };
const POLICE: Principal = {
  sub: 'officer-police',
  role: 'officer',
  agency: 'police',
  jurisdiction: '00004',
};

const DAY = 86_400_000;

describe('GET /v1/tasks: filters, pages and the count', () => {
  const subject = useDatabaseApp();
  const birthCases = Array.from({ length: 7 }, (_, i) => `birth-residence-insurance:INBOX-${i}`);
  const deathCases = Array.from({ length: 3 }, (_, i) => `death-residence-funeral:INBOX-${i}`);

  beforeAll(async () => {
    const step = (caseId: string, i: number, state: string, agency = 'civil-status') =>
      upsertStep(subject.database.appDb, {
        caseId,
        jurisdiction: '00004',
        view: {
          step: caseId.startsWith('birth') ? 'birth' : 'death',
          agency,
          workflowId: `${caseId}:${agency}`,
          status: state,
          state,
          // Two of them past their deadline; the rest due in a few days.
          ...(state !== 'awaiting_supplement' && {
            deadline: new Date(Date.now() + (i < 2 ? -DAY : (i + 1) * DAY)).toISOString(),
          }),
          resent: 0,
          reminded: false,
          breached: false,
          version: 1,
        },
        summary: {},
      } as never);
    for (const [i, caseId] of birthCases.entries())
      await step(caseId, i, i === 6 ? 'awaiting_supplement' : 'in_review');
    for (const [i, caseId] of deathCases.entries()) await step(caseId, i + 2, 'in_review');
    await step('birth-residence-insurance:INBOX-POLICE', 5, 'in_review', 'police');
    await assignTask(subject.database.appDb, {
      taskId: `${birthCases[3]}:civil-status`,
      jurisdiction: '00004',
      officer: OFFICER.sub,
      by: SUPERVISOR.sub,
    });
  });

  const inbox = async (who: Principal, query: string) => {
    const response = await request(subject.app)
      .get(`/v1/tasks?${query}`)
      .set('Authorization', `Bearer ${await tokenFor(who)}`);
    expect(response.status).toBe(200);
    return response.body as { items: { taskId: string; caseId: string }[]; total: number };
  };

  it('when an officer pages through 4 at a time, then each page has its share and every page says 10 in all', async () => {
    const pages = await Promise.all(
      [0, 4, 8].map((offset) => inbox(OFFICER, `limit=4&offset=${offset}`)),
    );

    expect(pages.map((p) => p.items.length)).toEqual([4, 4, 2]);
    expect(pages.map((p) => p.total)).toEqual([10, 10, 10]);
    const seen = pages.flatMap((p) => p.items.map((task) => task.caseId));
    expect(new Set(seen)).toEqual(new Set([...birthCases, ...deathCases]));
  });

  it('when filtered by procedure, state, overdue or assignee, then only those come, counted', async () => {
    const deaths = await inbox(OFFICER, 'procedure=death-residence-funeral');
    const waiting = await inbox(OFFICER, 'state=awaiting_supplement');
    const overdue = await inbox(OFFICER, 'overdue=true');
    const mine = await inbox(OFFICER, 'assignedToMe=true');

    expect(deaths.items.map((t) => t.caseId).sort()).toEqual([...deathCases].sort());
    expect(deaths.total).toBe(3);
    expect(waiting.items.map((t) => t.caseId)).toEqual([birthCases[6]]);
    expect(overdue.items.map((t) => t.caseId).sort()).toEqual(
      [birthCases[0], birthCases[1]].sort(),
    );
    expect(overdue.total).toBe(2);
    expect(mine.items.map((t) => t.caseId)).toEqual([birthCases[3]]);
  });

  it('when a filter is not one the inbox knows, then 400 names it', async () => {
    const response = await request(subject.app)
      .get('/v1/tasks?state=completed')
      .set('Authorization', `Bearer ${await tokenFor(OFFICER)}`);
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/state']);
  });

  it('when one task is read, then its agency’s officer and the commune’s supervisor get it; another agency’s officer gets 404', async () => {
    const taskId = `${birthCases[5]}:civil-status`;
    const read = (who: Principal) =>
      tokenFor(who).then((token) =>
        request(subject.app)
          .get(`/v1/tasks/${encodeURIComponent(taskId)}`)
          .set('Authorization', `Bearer ${token}`),
      );

    const [officer, supervisor, police] = await Promise.all([
      read(OFFICER),
      read(SUPERVISOR),
      read(POLICE),
    ]);

    expect(officer.status).toBe(200);
    expect(officer.body).toMatchObject({ taskId, caseId: birthCases[5], clock: { state: 'open' } });
    expect(supervisor.status).toBe(200);
    expect(police.status).toBe(404);
  });

  it('when a task’s case has a code, then the inbox and the task name it, for lists to show instead of the long id', async () => {
    await subject.database.db.query(
      `INSERT INTO case_codes (case_id, code) VALUES ($1, 'KS-00004-2612-000007')`,
      [birthCases[4]],
    );
    const { items } = await inbox(OFFICER, 'limit=50');
    const coded = items.filter((task) => 'caseCode' in task);
    expect(coded).toEqual([
      expect.objectContaining({ caseId: birthCases[4], caseCode: 'KS-00004-2612-000007' }),
    ]);
    const one = await request(subject.app)
      .get(`/v1/tasks/${encodeURIComponent(`${birthCases[4]}:civil-status`)}`)
      .set('Authorization', `Bearer ${await tokenFor(OFFICER)}`);
    expect(one.body.caseCode).toBe('KS-00004-2612-000007');
  });
});
