// POST /v1/tasks/{taskId}/assignment against a real read model (a fresh database built by the
// migrations, the app's least-privilege role): who may assign what, what is kept, what is audited.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { StepView } from '../../domain/procedures/views';
import type { Principal } from '../../domain/principal';
import { tokenFor } from '../support/auth';
import { useDatabaseApp } from '../support/api-app';
import type { TestDatabase } from '../support/database';
import { projectTask } from '../support/tasks';

const SUPERVISOR: Principal = {
  sub: 'supervisor-00004',
  role: 'supervisor',
  jurisdiction: '00004',
};

let counter = 0;
async function aTask(
  database: TestDatabase,
  changes: Partial<StepView> = {},
  jurisdiction = '00004',
): Promise<string> {
  counter += 1;
  const caseId = `birth-residence-insurance:CS-ASSIGN-${counter}`;
  const view = await projectTask(database.appDb, {
    caseId,
    jurisdiction,
    view: changes,
    summary: { certificateNumber: `CS-ASSIGN-${counter}`, motherName: 'Trần Thị Mai' },
  });
  return view.workflowId;
}

describe('POST /v1/tasks/{taskId}/assignment', () => {
  const subject = useDatabaseApp();

  const assign = async (taskId: string, body: unknown, who: Principal = SUPERVISOR) =>
    request(subject.app)
      .post(`/v1/tasks/${encodeURIComponent(taskId)}/assignment`)
      .set('Authorization', `Bearer ${await tokenFor(who)}`)
      .send(body as object);
  const row = async (taskId: string) =>
    (
      await subject.database.db.query<{ assignee: string | null; assigned_by: string | null }>(
        'SELECT assignee, assigned_by FROM tasks WHERE task_id = $1',
        [taskId],
      )
    ).rows[0];

  it('when the supervisor of the jurisdiction assigns an open task, then the task names its officer, in the reply and in the read model, and the call is audited', async () => {
    const taskId = await aTask(subject.database);
    const response = await assign(taskId, { officer: 'officer-civil-status-2' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      taskId,
      state: 'in_review',
      overdue: false,
      assignee: 'officer-civil-status-2',
      assignedBy: 'supervisor-00004',
      summary: { certificateNumber: expect.any(String) as string },
    });
    expect(Date.parse(response.body.assignedAt as string)).toBeGreaterThan(Date.now() - 60_000);
    expect(await row(taskId)).toEqual({
      assignee: 'officer-civil-status-2',
      assigned_by: 'supervisor-00004',
    });
    const audit = await subject.database.db.query(
      "SELECT actor, action, case_id, outcome FROM audit_log WHERE action = 'assignTask' AND case_id = $1",
      [taskId.replace(/:birth$/, '')],
    );
    expect(audit.rows).toEqual([
      {
        actor: 'supervisor-00004',
        action: 'assignTask',
        case_id: taskId.replace(/:birth$/, ''),
        outcome: 200,
      },
    ]);
  });

  it('when the task is assigned again and its step then changes, then the last assignee stays', async () => {
    const taskId = await aTask(subject.database);
    await assign(taskId, { officer: 'can-bo-ho-tich-2' });
    expect((await assign(taskId, { officer: 'officer-civil-status-2' })).body.assignee).toBe(
      'officer-civil-status-2',
    );
    // The projection of the step's next change (a newer version) leaves the assignee alone.
    await aTask(subject.database, {
      version: 2,
      state: 'awaiting_supplement',
      status: 'awaiting_supplement',
      workflowId: taskId,
    });
    expect((await row(taskId))?.assignee).toBe('officer-civil-status-2');
  });

  it('when the task is of another commune or does not exist, then it does not exist for the supervisor (404)', async () => {
    const elsewhere = await aTask(subject.database, {}, '00070');
    expect((await assign(elsewhere, { officer: 'can-bo-ho-tich-2' })).status).toBe(404);
    expect((await row(elsewhere))?.assignee).toBeNull();
    expect((await assign('birth-residence-insurance:CS-NONE:birth', { officer: 'x' })).status).toBe(
      404,
    );
  });

  it('when the task is closed, then there is nothing to assign (422)', async () => {
    const taskId = await aTask(subject.database, { state: 'completed', status: 'completed' });
    const response = await assign(taskId, { officer: 'can-bo-ho-tich-2' });
    expect(response.status).toBe(422);
    expect(response.body.detail).toBe('bước này đã ở trạng thái “Hoàn thành”');
  });

  it('when the officer is missing or not an identifier, then 400 points at the field', async () => {
    const taskId = await aTask(subject.database);
    for (const body of [{}, { officer: 'two words' }, { officer: '' }]) {
      const response = await assign(taskId, body);
      expect(response.status).toBe(400);
      const pointers = response.body.errors.map((e: { pointer: string }) => e.pointer);
      expect([...new Set(pointers)]).toEqual(['/officer']);
    }
  });

  it('when an officer tries to assign, then the role may not (403)', async () => {
    const taskId = await aTask(subject.database);
    const officer: Principal = {
      sub: 'officer-1',
      role: 'officer',
      agency: 'civil-status',
      jurisdiction: '00004',
    };
    expect((await assign(taskId, { officer: 'officer-1' }, officer)).status).toBe(403);
    expect((await row(taskId))?.assignee).toBeNull();
  });
});

describe('POST /v1/tasks/assignments (several at once)', () => {
  const subject = useDatabaseApp();
  const assignAll = async (body: unknown, who: Principal = SUPERVISOR) =>
    request(subject.app)
      .post('/v1/tasks/assignments')
      .set('Authorization', `Bearer ${await tokenFor(who)}`)
      .send(body as object);
  const assignees = async (taskIds: string[]) =>
    (
      await subject.database.db.query<{ task_id: string; assignee: string | null }>(
        'SELECT task_id, assignee FROM tasks WHERE task_id = ANY ($1) ORDER BY task_id',
        [taskIds],
      )
    ).rows.map((r) => r.assignee);

  it('when the supervisor gives three open tasks to an officer of their agency, then all three name the officer', async () => {
    const taskIds = [
      await aTask(subject.database),
      await aTask(subject.database),
      await aTask(subject.database, {
        state: 'awaiting_supplement',
        status: 'awaiting_supplement',
      }),
    ];

    const response = await assignAll({ officer: 'officer-civil-status-2', taskIds });

    expect(response.status).toBe(200);
    expect(response.body.items.map((t: { taskId: string }) => t.taskId).sort()).toEqual(
      [...taskIds].sort(),
    );
    expect(
      response.body.items.every(
        (t: { assignee: string }) => t.assignee === 'officer-civil-status-2',
      ),
    ).toBe(true);
    expect(await assignees(taskIds)).toEqual([
      'officer-civil-status-2',
      'officer-civil-status-2',
      'officer-civil-status-2',
    ]);
  });

  it('when one task is closed, one of another commune and one of another agency, then none is given and 422 names each', async () => {
    const open = await aTask(subject.database);
    const closed = await aTask(subject.database, { state: 'completed', status: 'completed' });
    const elsewhere = await aTask(subject.database, {}, '00070');
    const police = await aTask(subject.database, { agency: 'police' });
    const taskIds = [open, closed, elsewhere, police];

    const response = await assignAll({ officer: 'officer-civil-status-2', taskIds });

    expect(response.status).toBe(422);
    expect(response.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '/taskIds/1',
      '/taskIds/2',
      '/taskIds/3',
    ]);
    expect(await assignees([open, closed, police])).toEqual([null, null, null]);
  });

  it('when a task is named twice, or none, then 400', async () => {
    const taskId = await aTask(subject.database);
    expect(
      (await assignAll({ officer: 'officer-civil-status-2', taskIds: [taskId, taskId] })).status,
    ).toBe(400);
    expect((await assignAll({ officer: 'officer-civil-status-2', taskIds: [] })).status).toBe(400);
  });
});
