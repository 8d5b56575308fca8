// Free text refused at the door, through the real stack: a lone surrogate in an address line used to
// start a case whose projection PostgreSQL's jsonb then refused forever. Now the filing answers 400
// and nothing exists behind it — no workflow, no read-model row — so the corrected filing, with the
// same business key, is an ordinary first filing.
import { WorkflowNotFoundError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deathCaseId } from '../../api/filing';
import { vietnamDate } from '../../domain/calendar/vietnam';
import { UNSAFE_TEXT } from '../../domain/safe-text';
import { ruleMessage } from '../../domain/rule-texts';
import { workflowIds } from '../../workflows/task-queues';
import { aBirthApplication } from '../fixtures/birth-application';
import { file, uniqueCertificate, waitForCase } from '../support/group-a';
import { addDeceased, aDeathApplication } from '../support/group-b';
import { startTestStack, type TestStack } from '../support/stack';

/** A refusal's words as the API says them by default (no Accept-Language: Vietnamese). */
const inVietnamese = (message: string) => ruleMessage({ message }, 'vi');

const LONE_SURROGATE_LINE = '12 \ud800 Phố Đội Cấn';

describe('free text at the door, through the real stack', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** Nothing behind a case id: Temporal has no such workflow and the read model no such row. */
  async function expectNoCase(caseId: string) {
    await expect(stack.client.workflow.getHandle(caseId).describe()).rejects.toThrow(
      WorkflowNotFoundError,
    );
    const { rows } = await stack.database.db.query('SELECT 1 FROM cases WHERE case_id = $1', [
      caseId,
    ]);
    expect(rows).toEqual([]);
  }

  it('when a Group B filing has a lone surrogate in the last residence line, then 400 names the path, no case exists, and the corrected filing is received', async () => {
    const deceased = await addDeceased(stack.simulatorsUrl);
    const application = aDeathApplication(deceased, vietnamDate(Date.now()));
    const caseId = deathCaseId(deceased.pin);

    const refused = await file(stack.app, {
      ...application,
      deceased: {
        ...application.deceased,
        lastResidence: { ...application.deceased.lastResidence, line: LONE_SURROGATE_LINE },
      },
    });

    expect(refused.status).toBe(400);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({
      code: 'API.VALIDATION',
      errors: [
        {
          in: 'body',
          pointer: '/deceased/lastResidence/line',
          detail: inVietnamese(UNSAFE_TEXT.malformed),
        },
      ],
    });
    await expectNoCase(caseId);

    const corrected = await file(stack.app, application);
    expect(corrected.status).toBe(202);
    expect(corrected.body).toEqual({
      caseId,
      caseCode: expect.stringMatching(/^KT-00004-\d{4}-\d{6}$/) as unknown,
      status: 'submitted',
    });
    await waitForCase(stack.app, caseId, application.applicant.pin, (view) =>
      expect(view.caseId).toBe(caseId),
    );
  });

  it('when a Group A filing has a lone surrogate in the mother’s address line, then 400 names the path and no case exists', async () => {
    const application = structuredClone(aBirthApplication(uniqueCertificate()));
    application.mother.address.line = LONE_SURROGATE_LINE;

    const refused = await file(stack.app, application);

    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      code: 'API.VALIDATION',
      errors: [
        {
          in: 'body',
          pointer: '/mother/address/line',
          detail: inVietnamese(UNSAFE_TEXT.malformed),
        },
      ],
    });
    await expectNoCase(
      workflowIds.birthResidenceInsurance(application.medicalBirthCertificate.number),
    );
  });
});
