// The officer directory's API against a real database (a fresh one built by the migrations, the app's
// least-privilege role): admins list, add and deactivate officers, every call audited; a supervisor
// reads only who may be given one of their tasks.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../domain/principal';
import { ADMIN, tokenFor } from '../support/auth';
import { useDatabaseApp } from '../support/api-app';
import { projectTask } from '../support/tasks';

const SUPERVISOR: Principal = {
  sub: 'supervisor-00004',
  role: 'supervisor',
  jurisdiction: '00004',
};

describe('the officer directory API', () => {
  const subject = useDatabaseApp();

  const as = async (who: Principal) => `Bearer ${await tokenFor(who)}`;
  const audited = async (action: string) =>
    (
      await subject.database.db.query<{ actor: string; outcome: number }>(
        'SELECT actor, outcome FROM audit_log WHERE action = $1 ORDER BY seq',
        [action],
      )
    ).rows;

  it('when an admin adds, lists and deactivates an officer, then the directory keeps who did what and each call is audited', async () => {
    const added = await request(subject.app)
      .post('/v1/officers')
      .set('Authorization', await as(ADMIN))
      .send({
        sub: 'ho-tich-lan',
        name: 'Ngô Thị Lan',
        agency: 'civil-status',
        jurisdiction: '00070',
      });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ sub: 'ho-tich-lan', active: true, addedBy: 'admin-1' });

    const listed = await request(subject.app)
      .get('/v1/officers?agency=civil-status&jurisdiction=00070&active=true')
      .set('Authorization', await as(ADMIN));
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((o: { sub: string }) => o.sub)).toContain('ho-tich-lan');
    expect(
      listed.body.items.every(
        (o: { agency: string; jurisdiction: string }) =>
          o.agency === 'civil-status' && o.jurisdiction === '00070',
      ),
    ).toBe(true);

    const deactivated = await request(subject.app)
      .post('/v1/officers/ho-tich-lan/deactivation')
      .set('Authorization', await as(ADMIN));
    expect(deactivated.status).toBe(200);
    expect(deactivated.body).toMatchObject({ active: false, deactivatedBy: 'admin-1' });
    const inactive = await request(subject.app)
      .get('/v1/officers?active=false')
      .set('Authorization', await as(ADMIN));
    expect(inactive.body.items.map((o: { sub: string }) => o.sub)).toContain('ho-tich-lan');

    // Added again: active at the new post, the same row.
    const moved = await request(subject.app)
      .post('/v1/officers')
      .set('Authorization', await as(ADMIN))
      .send({
        sub: 'ho-tich-lan',
        name: 'Ngô Thị Lan',
        agency: 'civil-status',
        jurisdiction: '00004',
      });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ jurisdiction: '00004', active: true, deactivatedBy: null });

    expect(await audited('addOfficer')).toEqual([
      { actor: 'admin-1', outcome: 201 },
      { actor: 'admin-1', outcome: 200 },
    ]);
    expect(await audited('deactivateOfficer')).toEqual([{ actor: 'admin-1', outcome: 200 }]);
  });

  it('when the officer to deactivate is unknown, then 404', async () => {
    const response = await request(subject.app)
      .post('/v1/officers/khong-co-ai/deactivation')
      .set('Authorization', await as(ADMIN));
    expect(response.status).toBe(404);
  });

  it('when a supervisor or an officer changes the directory, then 403 and nothing changes; an officer cannot list it', async () => {
    const officer: Principal = {
      sub: 'officer-civil-status',
      role: 'officer',
      agency: 'civil-status',
      jurisdiction: '00004',
    };
    for (const who of [SUPERVISOR, officer]) {
      const add = await request(subject.app)
        .post('/v1/officers')
        .set('Authorization', await as(who))
        .send({ sub: 'ke-la', name: 'Kẻ Lạ', agency: 'civil-status', jurisdiction: '00004' });
      expect(add.status).toBe(403);
    }
    const list = await request(subject.app)
      .get('/v1/officers')
      .set('Authorization', await as(officer));
    expect(list.status).toBe(403);
    const { rows } = await subject.database.db.query("SELECT 1 FROM officers WHERE sub = 'ke-la'");
    expect(rows).toEqual([]);
  });

  it('when a supervisor lists the directory, then only the active officers serving their commune come back; another commune, deactivated ones or other staff are refused', async () => {
    const list = await request(subject.app)
      .get('/v1/officers')
      .set('Authorization', await as(SUPERVISOR));
    expect(list.status).toBe(200);
    const items = list.body.items as { sub: string; role: string; active: boolean }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((o) => o.role === 'officer' && o.active)).toBe(true);
    const { rows } = await subject.database.db.query<{ sub: string }>(
      `SELECT sub FROM officers WHERE role = 'officer' AND active
          AND jurisdiction_covers(jurisdictions, '00004') ORDER BY agency, sub`,
    );
    expect(items.map((o) => o.sub)).toEqual(rows.map((r) => r.sub));
    for (const query of ['jurisdiction=00070', 'role=clerk', 'active=false'])
      expect(
        (
          await request(subject.app)
            .get(`/v1/officers?${query}`)
            .set('Authorization', await as(SUPERVISOR))
        ).status,
      ).toBe(403);
  });

  it('when a supervisor asks who may be given a task of their commune, then only active officers of its agency and commune come back', async () => {
    const caseId = 'birth-residence-insurance:CS-OFFICERS-1';
    await projectTask(subject.database.appDb, { caseId });
    await request(subject.app)
      .post('/v1/officers/can-bo-ho-tich-2/deactivation')
      .set('Authorization', await as(ADMIN));

    const response = await request(subject.app)
      .get(`/v1/tasks/${encodeURIComponent(`${caseId}:birth`)}/officers`)
      .set('Authorization', await as(SUPERVISOR));

    expect(response.status).toBe(200);
    const subs = response.body.items.map((o: { sub: string }) => o.sub);
    expect(subs).toContain('officer-civil-status-2');
    expect(subs).not.toContain('can-bo-ho-tich-2');
    expect(subs).not.toContain('officer-police');
    expect(subs).not.toContain('officer-civil-status-00070');
    const elsewhere = await request(subject.app)
      .get(`/v1/tasks/${encodeURIComponent(`${caseId}:birth`)}/officers`)
      .set('Authorization', await as({ ...SUPERVISOR, sub: 's2', jurisdiction: '00070' }));
    expect(elsewhere.status).toBe(404);
  });
  it('when an admin adds a clerk and a supervisor, then they are listed by their role with no agency, apart from the officers', async () => {
    const admin = await as(ADMIN);
    const add = (body: object) =>
      request(subject.app).post('/v1/officers').set('Authorization', admin).send(body);

    const clerk = await add({
      sub: 'mot-cua-hoa',
      name: 'Vũ Thị Hoa',
      role: 'clerk',
      jurisdiction: '00070',
    });
    const supervisor = await add({
      sub: 'chu-tich-70',
      name: 'Đinh Văn Tâm',
      role: 'supervisor',
      jurisdiction: '00070',
    });
    const clerkWithAgency = await add({
      sub: 'mot-cua-x',
      name: 'Mai Văn X',
      role: 'clerk',
      agency: 'police',
      jurisdiction: '00070',
    });
    const officerWithout = await add({ sub: 'cong-an-y', name: 'Lý Văn Y', jurisdiction: '00070' });

    expect(clerk.status).toBe(201);
    expect(clerk.body).toMatchObject({ sub: 'mot-cua-hoa', role: 'clerk', agency: null });
    expect(supervisor.body).toMatchObject({ role: 'supervisor', agency: null });
    for (const refused of [clerkWithAgency, officerWithout]) {
      expect(refused.status).toBe(400);
      expect(refused.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/agency']);
    }
    const officers = await request(subject.app).get('/v1/officers').set('Authorization', admin);
    const clerks = await request(subject.app)
      .get('/v1/officers?role=clerk&jurisdiction=00070')
      .set('Authorization', admin);
    expect(officers.body.items.every((o: { role: string }) => o.role === 'officer')).toBe(true);
    const listedClerks = clerks.body.items.map((o: { sub: string }) => o.sub);
    expect(listedClerks).toContain('mot-cua-hoa');
    expect(listedClerks).not.toContain('chu-tich-70');
  });
});
