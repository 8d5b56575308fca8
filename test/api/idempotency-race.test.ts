// Idempotency-Key under concurrency, through the real stack (the API, its PostgreSQL, Temporal): two
// filings sent at the same moment under one key become one case, whatever their bodies.
import { WorkflowNotFoundError } from '@temporalio/client';
import { nanoid } from 'nanoid';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { aBirthApplication } from '../fixtures/birth-application';
import { file, uniqueCertificate } from '../support/group-a';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ workers: false });
});
afterAll(async () => {
  await stack?.stop();
});

/** Whether Temporal has a workflow under this case id. */
async function started(caseId: string): Promise<boolean> {
  try {
    await stack.client.workflow.getHandle(caseId).describe();
    return true;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  }
}

const caseIdOf = (certificate: string) => `birth-residence-insurance:${certificate}`;

describe('POST /v1/cases under one Idempotency-Key, concurrently', () => {
  it.each([1, 2, 3])(
    'when two filings with different bodies are sent at once under one key (round %i), then one case is started and the other filing is refused with 422',
    async () => {
      // Arrange: two different births, one key.
      const key = `race-${nanoid(10)}`;
      const certificates = [uniqueCertificate(), uniqueCertificate()];

      // Act
      const replies = await Promise.all(
        certificates.map((c) => file(stack.app, aBirthApplication(c), key)),
      );

      // Assert
      expect(replies.map((r) => r.status).sort()).toEqual([202, 422]);
      const refused = replies.find((r) => r.status === 422);
      expect(refused?.body).toMatchObject({ code: 'API.IDEMPOTENCY_KEY_REUSED' });
      // The case is started from the filing outbox just after the reply: only the accepted
      // filing is owed a start, and its workflow comes to exist.
      const accepted = replies.find((r) => r.status === 202);
      const owed = await stack.database.db.query<{ case_id: string }>(
        'SELECT case_id FROM case_starts WHERE case_id = ANY($1)',
        [certificates.map(caseIdOf)],
      );
      expect(owed.rows.map((r) => r.case_id)).toEqual([accepted?.body.caseId]);
      await vi.waitFor(async () => expect(await started(accepted?.body.caseId)).toBe(true));
      const existing = await Promise.all(certificates.map((c) => started(caseIdOf(c))));
      expect(existing.filter(Boolean)).toHaveLength(1);
    },
  );

  it('when the same filing is sent twice at once under one key, then both get the one case and the second reply is the first one replayed', async () => {
    const key = `race-same-${nanoid(10)}`;
    const application = aBirthApplication(uniqueCertificate());

    const replies = await Promise.all([
      file(stack.app, application, key),
      file(stack.app, application, key),
    ]);

    expect(replies.map((r) => r.status)).toEqual([202, 202]);
    expect(replies[0]?.body).toEqual(replies[1]?.body);
    expect(replies.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(1);
  });

  it('when a filing fails before its case starts, then its key is released and the corrected retry under the same key is filed', async () => {
    // A clerk files for another commune (403), then for their own, under the same key.
    const key = `retry-${nanoid(10)}`;
    const certificate = uniqueCertificate();
    const wrong = { ...aBirthApplication(certificate), receivingCommune: '00070' };

    const refused = await file(stack.app, wrong, key);
    const retried = await file(stack.app, aBirthApplication(certificate), key);

    expect(refused.status).toBe(403);
    expect(retried.status).toBe(202);
    await vi.waitFor(async () => expect(await started(caseIdOf(certificate))).toBe(true));
  });
});
