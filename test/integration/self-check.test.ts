// The stack is real: a workflow started through the API runs on the Temporal dev server, its activity
// writes a row to PostgreSQL, and the API reads that row back.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ADMIN, CLERK, tokenFor } from '../support/auth';
import { startTestStack, type TestStack } from '../support/stack';

describe('self-check through the real stack', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('when an admin starts a self-check, then the worker records it in PostgreSQL and the API reads it back', async () => {
    // Arrange
    const auth = `Bearer ${await tokenFor(ADMIN)}`;

    // Act
    const started = await request(stack.app).post('/v1/self-checks').set('Authorization', auth);

    // Assert
    expect(started.status).toBe(202);
    const { checkId, workflowId } = started.body as { checkId: string; workflowId: string };
    expect(started.headers.location).toBe(`/v1/self-checks/${checkId}`);
    await expect(stack.client.workflow.getHandle(workflowId).result()).resolves.toEqual({
      checkId,
    });
    const { rows } = await stack.database.db.query(
      'SELECT workflow_id, requested_by FROM self_checks WHERE check_id = $1',
      [checkId],
    );
    expect(rows).toEqual([{ workflow_id: workflowId, requested_by: ADMIN.sub }]);
    const read = await request(stack.app)
      .get(`/v1/self-checks/${checkId}`)
      .set('Authorization', auth);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ checkId, workflowId, status: 'recorded' });
    expect(Date.parse((read.body as { recordedAt: string }).recordedAt)).not.toBeNaN();
  });

  it('when the check id is unknown to both PostgreSQL and Temporal, then 404 problem+json', async () => {
    const auth = `Bearer ${await tokenFor(ADMIN)}`;
    const read = await request(stack.app)
      .get('/v1/self-checks/6f1c0b8e-3b5e-4a57-9d7e-1c2b3a4d5e6f')
      .set('Authorization', auth);
    expect(read.status).toBe(404);
    expect(read.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(read.body).toMatchObject({ status: 404, code: 'API.NOT_FOUND' });
  });

  it('when a clerk asks for a self-check, then 403 and no workflow starts', async () => {
    const response = await request(stack.app)
      .post('/v1/self-checks')
      .set('Authorization', `Bearer ${await tokenFor(CLERK)}`);
    expect(response.status).toBe(403);
    const { rows } = await stack.database.db.query('SELECT count(*)::int AS n FROM self_checks');
    expect(rows[0]).toEqual({ n: 1 });
  });

  it('when Temporal, PostgreSQL and the uploads’ store answer, then /readyz is 200 with each up', async () => {
    const response = await vi.waitFor(() => request(stack.app).get('/readyz'));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: 'ready',
      checks: { temporal: 'up', database: 'up', uploads: 'up' },
    });
  });
});
