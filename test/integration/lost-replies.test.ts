// A reply lost between the workflow and the caller — the API died after the workflow acted and before
// it kept the reply under the Idempotency-Key — must not turn the caller's retry into a refusal or a
// second decision: the retry names the same request and gets its first outcome back.
import { defaultPayloadConverter } from '@temporalio/common';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestAction } from '../../api/action-requests';
import { act, decideStep, type ActionRequest } from '../../workflows/messages';
import { aBirthApplication } from '../fixtures/birth-application';
import { citizen, file, officer, uniqueCertificate, waitForCase } from '../support/group-a';
import {
  decodedHistory,
  startTestStack,
  type TestStack,
  setCivilStatusReview,
} from '../support/stack';

describe('replies lost after the workflow acted', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
    await setCivilStatusReview(stack.simulatorsUrl, '00004', 'officer');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** As if the API had died before keeping its reply: the stored replies are gone. */
  const forgetReplies = () => stack.database.db.query('DELETE FROM idempotency_keys');

  /** The `act` signals the workflow received, and how many requests (ids) they carried. */
  const requestsReceived = async (workflowId: string) => {
    const history = await decodedHistory(stack, workflowId);
    const ids = (history.events ?? [])
      .map((e) => e.workflowExecutionSignaledEventAttributes)
      .filter((signal) => signal?.signalName === act.name)
      .map(
        (signal) =>
          defaultPayloadConverter.fromPayload<ActionRequest>(signal?.input?.payloads?.[0] ?? {})
            .requestId,
      );
    return { signals: ids.length, requests: new Set(ids).size };
  };

  async function birthInReview() {
    const application = aBirthApplication(uniqueCertificate());
    const { body } = await file(stack.app, application);
    const caseId = body.caseId as string;
    await waitForCase(stack.app, caseId, application.applicant.pin, (v) =>
      expect(v.steps[0]?.state).toBe('in_review'),
    );
    return { caseId, pin: application.applicant.pin, taskId: `${caseId}:birth` };
  }

  /** The applicant answers the case's request for supplement, under `key`. */
  const answerSupplement = async (caseId: string, pin: string, key: string) =>
    request(stack.app)
      .post(`/v1/cases/${encodeURIComponent(caseId)}/supplements`)
      .set('Authorization', `Bearer ${await citizen(pin)}`)
      .set('Idempotency-Key', key)
      .send({ documents: ['giay-chung-sinh.pdf'] });

  const decide = async (taskId: string, key: string, decision: object) =>
    request(stack.app)
      .post(`/v1/tasks/${encodeURIComponent(taskId)}/decision`)
      .set('Authorization', `Bearer ${await officer('civil-status')}`)
      .set('Idempotency-Key', key)
      .send(decision);

  it('when a decision is retried after its reply was lost and the step has moved on, then the retry gets the first outcome and the step is decided once', async () => {
    const { caseId, pin, taskId } = await birthInReview();
    const first = await decide(taskId, 'lost-decision-0001', { decision: 'approve' });
    expect(first.status).toBe(200);
    await forgetReplies();
    await waitForCase(stack.app, caseId, pin, (v) => expect(v.steps[0]?.status).toBe('completed'));

    const retry = await decide(taskId, 'lost-decision-0001', { decision: 'approve' });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect(await requestsReceived(taskId)).toEqual({ signals: 1, requests: 1 });
    // Another request (another key) is what the step refuses.
    expect((await decide(taskId, 'other-decision-0001', { decision: 'approve' })).status).toBe(422);
  });

  it('when a supplement answer is retried after its reply was lost, then the retry gets the first outcome, not 422', async () => {
    const { caseId, pin, taskId } = await birthInReview();
    const asked = await decide(taskId, 'ask-supplement-0001', {
      decision: 'request_supplement',
      missing: ['bản sao giấy chứng sinh'],
    });
    expect(asked.status).toBe(200);
    await waitForCase(stack.app, caseId, pin, (v) => expect(v.status).toBe('awaiting_supplement'));
    const answer = () => answerSupplement(caseId, pin, 'lost-supplement-0001');
    const first = await answer();
    expect(first.status).toBe(200);
    await forgetReplies();
    await waitForCase(stack.app, caseId, pin, (v) => expect(v.steps[0]?.state).toBe('in_review'));
    const retry = await answer();
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    // The request for supplement and one answer: two requests, not three.
    expect(await requestsReceived(taskId)).toEqual({ signals: 2, requests: 2 });
  });

  it('when a supplement answer is retried after the step took it in but before its outcome was written (the worker died between), then the retry gets the first outcome, not 422', async () => {
    const { caseId, pin, taskId } = await birthInReview();
    expect(
      (
        await decide(taskId, 'ask-supplement-0002', {
          decision: 'request_supplement',
          missing: ['bản sao giấy chứng sinh'],
        })
      ).status,
    ).toBe(200);
    await waitForCase(stack.app, caseId, pin, (v) => expect(v.status).toBe('awaiting_supplement'));
    const answer = () => answerSupplement(caseId, pin, 'unwritten-supplement-0001');
    const first = await answer();
    expect(first.status).toBe(200);
    await forgetReplies();
    // The read model shows the step back in review, but the outcome is as if never written: the
    // request stands as the API sent it (a chaos run met this window and answered 422).
    const unwritten = await stack.database.db.query(
      `UPDATE action_outcomes SET state = 'sent', value = NULL
        WHERE workflow_id = $1 AND recorded_at =
          (SELECT max(recorded_at) FROM action_outcomes WHERE workflow_id = $1)`,
      [taskId],
    );
    expect(unwritten.rowCount).toBe(1);
    const retry = await answer();
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    // Sent again, acted on once: the step wrote its first outcome again.
    expect(await requestsReceived(taskId)).toEqual({ signals: 3, requests: 2 });
  });

  it('when a filing is retried after its reply was lost, then the retry gets the case it started, and another filing of it gets 409', async () => {
    const application = aBirthApplication(uniqueCertificate());
    const first = await file(stack.app, application, 'lost-filing-0001');
    expect(first.status).toBe(202);
    await forgetReplies();

    const retry = await file(stack.app, application, 'lost-filing-0001');
    const another = await file(stack.app, application, 'other-filing-0001');

    expect(retry.status).toBe(202);
    expect(retry.body).toEqual(first.body);
    expect(another.status).toBe(409);
    expect(another.body).toMatchObject({ caseId: first.body.caseId });
  });

  it('when the same request reaches the step twice at once (a retry racing its first), then the step acts once and both get its outcome', async () => {
    const { caseId, pin, taskId } = await birthInReview();
    const handle = stack.client.workflow.getHandle(taskId);
    const ask = () =>
      requestAction(
        stack.database.appDb,
        handle,
        decideStep,
        { decision: 'request_supplement', missing: ['bản sao giấy chứng sinh'], officer: 'o-1' },
        'same-request-0001',
      );

    const [first, second] = await Promise.all([ask(), ask()]);

    expect(second).toEqual(first);
    expect(first.state).toBe('awaiting_supplement');
    expect(await requestsReceived(taskId)).toEqual({ signals: 2, requests: 1 });
    const view = await waitForCase(stack.app, caseId, pin, (v) =>
      expect(v.status).toBe('awaiting_supplement'),
    );
    expect(view.timeline.filter((t) => t.event === 'awaiting_supplement')).toHaveLength(1);
  });
});
