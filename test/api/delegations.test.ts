// Delegation of an officer's inbox for a period (issue 22, item 8), on a real database: the commune's
// supervisor lets one officer decide another's tasks for some days; the delegate then sees them as
// theirs and may decide them — in that commune, in that period, until revoked — and no one else may.
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { assignTask } from '../../db/queries/cases.queries';
import { vietnamDate } from '../../domain/calendar/vietnam-time';
import { ApiError } from '../../domain/errors';
import type { Principal } from '../../domain/principal';
import { HttpProblem } from '../../api/problem';
import { useDatabaseApp } from '../support/api-app';
import { tokenFor } from '../support/auth';
import { projectTask } from '../support/tasks';

const SUPERVISOR: Principal = {
  sub: 'supervisor-00004',
  role: 'supervisor',
  jurisdiction: '00004',
};
const officer = (sub: string, agency = 'civil-status'): Principal =>
  ({ sub, role: 'officer', agency, jurisdiction: '00004' }) as Principal;
const AWAY = officer('officer-civil-status-2');
const STANDING_IN = officer('can-bo-ho-tich-2');
const OTHER = officer('demo-officer');
const DAY = 86_400_000;
const day = (offset: number) => vietnamDate(Date.now() + offset * DAY);

describe('delegations of an officer’s inbox', () => {
  // Temporal is out of reach: a decision the API lets through ends there (503), one it refuses ends
  // before it (403) — which is what these tests tell apart.
  const subject = useDatabaseApp({
    workflow: {
      getHandle: () => {
        throw new HttpProblem(ApiError.UNAVAILABLE, {
          vi: 'không có Temporal',
          en: 'no Temporal in this test',
        });
      },
    },
  } as never);
  const caseId = 'birth-residence-insurance:DELEGATED-1';
  const taskId = `${caseId}:birth`;

  beforeAll(async () => {
    await projectTask(subject.database.appDb, { caseId });
    await assignTask(subject.database.appDb, {
      taskId,
      jurisdiction: '00004',
      officer: AWAY.sub,
      by: SUPERVISOR.sub,
    });
  });

  const as = async (who: Principal) => `Bearer ${await tokenFor(who)}`;
  const delegate = async (body: Record<string, unknown>) =>
    request(subject.app)
      .post('/v1/delegations')
      .set('Authorization', await as(SUPERVISOR))
      .send({
        delegator: AWAY.sub,
        delegate: STANDING_IN.sub,
        startsOn: day(0),
        endsOn: day(4),
        ...body,
      });
  const decide = async (who: Principal) =>
    request(subject.app)
      .post(`/v1/tasks/${encodeURIComponent(taskId)}/decision`)
      .set('Authorization', await as(who))
      .send({ decision: 'approve' });
  const readTask = async (who: Principal) =>
    (
      await request(subject.app)
        .get(`/v1/tasks/${encodeURIComponent(taskId)}`)
        .set('Authorization', await as(who))
    ).body as { mayDecide: boolean };
  const mine = async (who: Principal) =>
    (
      await request(subject.app)
        .get('/v1/tasks?assignedToMe=true')
        .set('Authorization', await as(who))
    ).body as { items: { taskId: string }[] };

  it('when no delegation is in force, then only the assignee may decide: another officer is refused and sees no decision to make', async () => {
    expect((await decide(STANDING_IN)).status).toBe(403);
    expect((await readTask(STANDING_IN)).mayDecide).toBe(false);
    expect((await readTask(AWAY)).mayDecide).toBe(true);
    expect((await mine(STANDING_IN)).items).toEqual([]);
  });

  it('when the period starts later, or the officers are not the commune’s, of one agency and active, then 422 names each', async () => {
    const later = await delegate({ startsOn: day(2) });
    expect(later.status).toBe(201);
    expect(later.body.inForce).toBe(false);
    expect((await decide(STANDING_IN)).status).toBe(403);

    const past = await delegate({ startsOn: day(-3), endsOn: day(-1) });
    expect(past.status).toBe(422);
    expect(past.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/startsOn']);
    const elsewhere = await delegate({ delegate: 'officer-civil-status-00070' });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.errors).toEqual([
      expect.objectContaining({
        pointer: '/delegate',
        detail: 'officer-civil-status-00070 không làm việc tại xã 00004',
      }),
    ]);
    const police = await delegate({ delegate: 'officer-police-00004' });
    expect(police.body.errors).toEqual([
      expect.objectContaining({
        pointer: '/delegate',
        detail: 'officer-police-00004 không cùng cơ quan với ' + AWAY.sub,
      }),
    ]);
    const unknown = await delegate({ delegator: 'nobody' });
    expect(unknown.body.errors).toEqual([
      expect.objectContaining({
        pointer: '/delegator',
        detail: 'nobody không phải cán bộ đang làm việc trong danh bạ',
      }),
    ]);
    const tooLong = await delegate({ endsOn: day(400) });
    expect(tooLong.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/endsOn']);
    const self = await delegate({ delegate: AWAY.sub });
    expect(self.status).toBe(400);
  });

  it('when a delegation is in force, then the delegate sees the task as theirs and may decide it; a third officer still may not', async () => {
    const made = await delegate({});
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      delegator: AWAY.sub,
      delegate: STANDING_IN.sub,
      inForce: true,
    });
    expect((await readTask(STANDING_IN)).mayDecide).toBe(true);
    expect((await mine(STANDING_IN)).items.map((t) => t.taskId)).toEqual([taskId]);
    // Let through to the workflow (Temporal is out of reach here): not refused for its assignment.
    expect((await decide(STANDING_IN)).status).toBe(503);
    expect((await decide(OTHER)).status).toBe(403);

    const list = await request(subject.app)
      .get('/v1/delegations')
      .set('Authorization', await as(SUPERVISOR));
    expect(list.body.items.map((d: { inForce: boolean }) => d.inForce)).toEqual([true, false]);
  });

  it('when the supervisor revokes it, then the delegate is refused again, and the record stays', async () => {
    const list = await request(subject.app)
      .get('/v1/delegations')
      .set('Authorization', await as(SUPERVISOR));
    const items = list.body.items as { delegationId: string }[];
    // Another commune's supervisor cannot end this commune's delegations.
    const stranger: Principal = {
      sub: 'supervisor-00070',
      role: 'supervisor',
      jurisdiction: '00070',
    };
    const foreign = await request(subject.app)
      .post(`/v1/delegations/${items[0]?.delegationId}/revocation`)
      .set('Authorization', await as(stranger));
    expect(foreign.status).toBe(404);
    for (const { delegationId } of items) {
      const revoked = await request(subject.app)
        .post(`/v1/delegations/${delegationId}/revocation`)
        .set('Authorization', await as(SUPERVISOR));
      expect(revoked.status).toBe(200);
      expect(revoked.body).toMatchObject({ inForce: false, revokedBy: SUPERVISOR.sub });
    }
    expect((await decide(STANDING_IN)).status).toBe(403);
    expect((await mine(STANDING_IN)).items).toEqual([]);
    const again = await request(subject.app)
      .post(`/v1/delegations/${items[0]?.delegationId}/revocation`)
      .set('Authorization', await as(SUPERVISOR));
    expect(again.status).toBe(404);
    const { rows } = await subject.database.db.query(
      'SELECT count(*)::int AS n FROM delegations WHERE revoked_at IS NOT NULL',
    );
    expect(rows[0]).toEqual({ n: 2 });
  });
});
