// Personal data never reaches a log line: a whole Group A and a whole Group B case, with the API and
// the agencies logging at debug level, leave none of the names, PINs, birth dates, addresses or bank
// accounts in the captured logs.
import { Writable } from 'node:stream';
import { DefaultLogger } from '@temporalio/worker';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILING_MEMO } from '../../api/case-starts';
import { createLogger } from '../../config/logger';
import { temporalLogger } from '../../worker/runtime';
import { sdkLog } from '../support/setup';
import { aBirthApplication, motherPin } from '../fixtures/birth-application';
import { vietnamDate } from '../../domain/calendar/vietnam';
import { citizen, decide, file, stepOf, uniqueCertificate, waitForCase } from '../support/group-a';
import { addDeceased, aDeathApplication, participant } from '../support/group-b';
import { startTestStack, type TestStack, setCivilStatusReview } from '../support/stack';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

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
    // The Temporal SDK's own logs (worker, workflows, activities, the Rust core) join the same sink.
    sdkLog.target = temporalLogger(logger);
    stack = await startTestStack({ logger });
  });
  afterAll(async () => {
    sdkLog.target = new DefaultLogger('WARN');
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
      .set('Authorization', `Bearer ${await citizen(motherPin(application))}`);
    await file(stack.app, { ...application, mother: undefined }); // a 400 is logged too

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
    expect(logs).toContain('"sdkComponent":"worker"');
    for (const value of personal) expect(logs, `log contains ${value}`).not.toContain(value);
  });

  it('when a death case is filed, paid, read and annulled with debug logging, then no personal value appears in the logs', async () => {
    await setCivilStatusReview(stack.simulatorsUrl, '00004', 'automatic');
    const deceased = await addDeceased(stack.simulatorsUrl, { insured: participant(14) });
    const application = aDeathApplication(deceased, vietnamDate(Date.now()));
    const from = lines.length;
    const { body } = await file(stack.app, application);
    await waitForCase(stack.app, body.caseId, application.applicant.pin, (v) =>
      expect(v.status).toBe('completed'),
    );
    await file(stack.app, { ...application, relatives: [{ pin: 'x' }] } as never); // a 400

    const personal = [
      application.applicant.fullName,
      application.applicant.pin,
      application.applicant.phone,
      application.deceased.fullName,
      application.deceased.pin,
      application.deceased.dateOfBirth,
      application.deceased.lastResidence.line,
      application.funeral?.payment.bankAccount?.number,
      ...application.relatives.flatMap((r) => [r.fullName, r.pin]),
    ].filter((value): value is string => typeof value === 'string');
    const logs = lines.slice(from).join('');
    expect(lines.length - from).toBeGreaterThan(5);
    // Nor in what Temporal keeps beside the history for search and display.
    const described = await stack.client.workflow.getHandle(body.caseId).describe();
    // Its memo names only the filing that started it (api/case-starts.ts), by a random id.
    expect(described.memo).toEqual({ [FILING_MEMO]: expect.stringMatching(UUID) });
    // BuildIds is Temporal's own: the worker's build, a hash of the workflow bundle whose hex digits
    // can run twelve long by chance; every other attribute must hold no PIN-like number.
    const attributes = Object.entries(described.searchAttributes).filter(([k]) => k !== 'BuildIds');
    expect(JSON.stringify(attributes)).not.toMatch(/\d{12}/);
    for (const value of personal) expect(logs, `log contains ${value}`).not.toContain(value);
  });
});
