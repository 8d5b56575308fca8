// Officers above the commune (issue 20): since 01/07/2025 social insurance, social protection and
// merit services are organised above the commune (DOMAIN.md §8), so an officer's jurisdiction in the
// directory is a set — communes, a whole province or a region (migration 0018) — and their inbox,
// the cases they may read, the tasks they decide and those they may be given follow it. Against a
// real read model: the seeded directory (db/development-officers.ts) has a BHXH officer of the demo
// region `north-demo` (Hà Nội, province 001) and a merit-services officer of the province of Hà Nội.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { upsertCase } from '../../db/read-model.repository';
import type { Principal } from '../../domain/principal';
import type { CaseView, StepView } from '../../domain/procedures/views';
import { useDatabaseApp } from '../support/api-app';
import { tokenFor } from '../support/auth';
import type { TestDatabase } from '../support/database';
import { projectTask } from '../support/tasks';

const REGION_BHXH: Principal = {
  sub: 'officer-social-insurance-region',
  role: 'officer',
  agency: 'social-insurance',
  // What the token names; the directory's jurisdiction (a region) is what counts.
  jurisdiction: '00004',
};
const PROVINCE_MERIT: Principal = {
  sub: 'officer-merit-services-province',
  role: 'officer',
  agency: 'merit-services',
  jurisdiction: '00004',
};
const ADMIN: Principal = { sub: 'admin-1', role: 'admin' };

let counter = 0;
/** A death case of `commune` with an open task of `agency` in the read model; its ids. */
async function aCaseWithTask(
  database: TestDatabase,
  agency: StepView['agency'],
  commune: string,
): Promise<{ caseId: string; taskId: string }> {
  counter += 1;
  const caseId = `death-residence-funeral:JUR-${counter}-${commune}`;
  const step = await projectTask(database.appDb, {
    caseId,
    jurisdiction: commune,
    view: { step: 'funeral', agency },
  });
  const view: CaseView = {
    caseId,
    procedure: 'death-residence-funeral',
    status: 'in_progress',
    receivedAt: new Date().toISOString(),
    commune,
    deadline: new Date(Date.now() + 5 * 86_400_000).toISOString(),
    steps: [step],
    timeline: [],
    version: 1,
  };
  await upsertCase(database.appDb, {
    view,
    businessKey: `JUR-${counter}`,
    partyPins: ['001190012345'],
  });
  return { caseId, taskId: step.workflowId };
}

describe('officers whose jurisdiction is above the commune', () => {
  const subject = useDatabaseApp();
  const as = async (who: Principal) => `Bearer ${await tokenFor(who)}`;
  const inboxOf = async (who: Principal) =>
    (
      await request(subject.app)
        .get('/v1/tasks?limit=200')
        .set('Authorization', await as(who))
    ).body.items.map((t: { taskId: string }) => t.taskId) as string[];

  it('when a BHXH officer serves a region, then their inbox holds its communes’ tasks (Hà Nội: 00004, 00070) and not another region’s (Hồ Chí Minh City: 26734)', async () => {
    const baDinh = await aCaseWithTask(subject.database, 'social-insurance', '00004');
    const hoanKiem = await aCaseWithTask(subject.database, 'social-insurance', '00070');
    const saiGon = await aCaseWithTask(subject.database, 'social-insurance', '26734');

    const inbox = await inboxOf(REGION_BHXH);

    expect(inbox).toEqual(expect.arrayContaining([baDinh.taskId, hoanKiem.taskId]));
    expect(inbox).not.toContain(saiGon.taskId);
  });

  it('when a merit-services officer serves a province, then they read and see the tasks of every commune in it, and no other province’s', async () => {
    const socSon = await aCaseWithTask(subject.database, 'merit-services', '09877');
    const haiChau = await aCaseWithTask(subject.database, 'merit-services', '20194');

    const inbox = await inboxOf(PROVINCE_MERIT);
    const inside = await request(subject.app)
      .get(`/v1/cases/${encodeURIComponent(socSon.caseId)}`)
      .set('Authorization', await as(PROVINCE_MERIT));
    const outside = await request(subject.app)
      .get(`/v1/cases/${encodeURIComponent(haiChau.caseId)}`)
      .set('Authorization', await as(PROVINCE_MERIT));

    expect(inbox).toContain(socSon.taskId);
    expect(inbox).not.toContain(haiChau.taskId);
    expect(inside.status).toBe(200);
    expect(outside.status).toBe(404);
  });

  it('when a supervisor of a commune in the region gives a BHXH task to the region’s officer, then it is accepted; a commune officer of elsewhere is refused (422)', async () => {
    const { taskId } = await aCaseWithTask(subject.database, 'social-insurance', '00070');
    const supervisor: Principal = {
      sub: 'supervisor-00070',
      role: 'supervisor',
      jurisdiction: '00070',
    };
    const assign = async (officer: string) =>
      request(subject.app)
        .post(`/v1/tasks/${encodeURIComponent(taskId)}/assignment`)
        .set('Authorization', await as(supervisor))
        .send({ officer });

    const elsewhere = await assign('officer-social-insurance-26734');
    const regional = await assign('officer-social-insurance-region');

    expect(elsewhere.status).toBe(422);
    expect(regional.status).toBe(200);
    expect(regional.body).toMatchObject({ assignee: 'officer-social-insurance-region' });
    const candidates = await request(subject.app)
      .get(`/v1/tasks/${encodeURIComponent(taskId)}/officers`)
      .set('Authorization', await as(supervisor));
    expect(candidates.body.items.map((o: { sub: string }) => o.sub)).toContain(
      'officer-social-insurance-region',
    );
  });

  it('when an admin lists an officer under a province, then the directory keeps the set; an entry that is neither commune, province nor region is 400', async () => {
    const added = await request(subject.app)
      .post('/v1/officers')
      .set('Authorization', await as(ADMIN))
      .set('Idempotency-Key', 'jur-add-1')
      .send({
        sub: 'bao-tro-hcm',
        name: 'Lê Thị Thu',
        agency: 'social-protection',
        jurisdictions: ['province:079', '20194'],
      });
    const wrong = await request(subject.app)
      .post('/v1/officers')
      .set('Authorization', await as(ADMIN))
      .set('Idempotency-Key', 'jur-add-2')
      .send({ sub: 'x', name: 'Xyz', agency: 'social-protection', jurisdictions: ['tinh:79'] });

    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      jurisdictions: ['province:079', '20194'],
      jurisdiction: 'province:079',
    });
    expect(wrong.status).toBe(400);
    const { taskId } = await aCaseWithTask(subject.database, 'social-protection', '26734');
    const bt: Principal = {
      sub: 'bao-tro-hcm',
      role: 'officer',
      agency: 'social-protection',
      jurisdiction: '26734',
    };
    expect(await inboxOf(bt)).toContain(taskId);
  });

  it('when an officer is deactivated, then their inbox is empty and a task of their area is not found for them, whatever their token says', async () => {
    const { taskId } = await aCaseWithTask(subject.database, 'social-insurance', '00256');
    await subject.database.db.query(
      `INSERT INTO officers (sub, name, agency, jurisdictions, added_by)
       VALUES ('bhxh-roi-di', 'Người Đã Nghỉ', 'social-insurance', ARRAY['region:north-demo'], 'test')`,
    );
    const leaver: Principal = {
      sub: 'bhxh-roi-di',
      role: 'officer',
      agency: 'social-insurance',
      jurisdiction: '00256',
    };
    expect(await inboxOf(leaver)).toContain(taskId);

    const off = await request(subject.app)
      .post('/v1/officers/bhxh-roi-di/deactivation')
      .set('Authorization', await as(ADMIN))
      .set('Idempotency-Key', 'jur-off-1')
      .send({});
    const decision = await request(subject.app)
      .post(`/v1/tasks/${encodeURIComponent(taskId)}/decision`)
      .set('Authorization', await as(leaver))
      .set('Idempotency-Key', 'jur-decide-1')
      .send({ decision: 'approve' });

    expect(off.status).toBe(200);
    expect(await inboxOf(leaver)).toEqual([]);
    expect(decision.status).toBe(404);
  });
});
