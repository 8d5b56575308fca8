// Personal data never reaches a log line: a whole Group A case, with the API and the agencies logging
// at debug level, leaves none of the applicant's, parents' or child's names, PINs, birth date or
// address in the captured logs.
import { Writable } from 'node:stream';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../config/logger';
import { aBirthApplication } from '../fixtures/birth-application';
import { citizen, decide, file, stepOf, uniqueCertificate, waitForCase } from '../support/group-a';
import { startTestStack, type TestStack } from '../support/stack';

describe('personal data in logs', () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger({ level: 'debug', name: 'test' }, sink);
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ logger });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('when a case is filed, decided, read and searched with debug logging, then no personal value appears in the logs', async () => {
    const application = aBirthApplication(uniqueCertificate());
    const { body } = await file(stack.app, application);
    await decide(stack.app, body.caseId, 'civil-status', { decision: 'approve' });
    const view = await waitForCase(stack.app, body.caseId, application.applicant.pin, (v) =>
      expect(v.status).toBe('completed'),
    );
    await request(stack.app)
      .get('/v1/me/cases')
      .set('Authorization', `Bearer ${await citizen(application.mother.pin)}`);
    await file(stack.app, { ...application, mother: undefined } as never); // a 400 is logged too

    const personal = [
      application.applicant.fullName,
      application.applicant.pin,
      application.applicant.phone,
      application.child.fullName,
      application.child.dateOfBirth,
      application.mother.fullName,
      application.father?.fullName,
      application.father?.pin,
      application.residence?.address.line,
      stepOf(view, 'birth').result?.pin,
    ].filter((value): value is string => typeof value === 'string');
    const logs = lines.join('');
    expect(lines.length).toBeGreaterThan(10);
    for (const value of personal) expect(logs, `log contains ${value}`).not.toContain(value);
  });
});
