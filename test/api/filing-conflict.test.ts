// A filing whose business key already has a case (a birth certificate, a deceased person), through the
// real stack: the 409 names the existing case only to someone who may read it (api/access.ts
// maySeeCase); anyone else is told only that the filing cannot be accepted — not the case id, not
// that a death was reported.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamDate } from '../../domain/calendar/vietnam';
import type { BirthApplication } from '../../domain/BirthApplication';
import type { DeathApplication } from '../../domain/DeathApplication';
import type { Principal } from '../../domain/principal';
import { aBirthApplication, motherPin } from '../fixtures/birth-application';
import { simulatorsAdmin } from '../../agencies/simulators/admin.client';
import { SIMULATORS_ADMIN_TOKEN, tokenFor } from '../support/auth';
import { file, uniqueCertificate, waitForCase } from '../support/group-a';
import { addDeceased, aDeathApplication, uniquePin } from '../support/group-b';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
const today = vietnamDate(Date.now());
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const fileAs = async (who: Principal, application: BirthApplication | DeathApplication) =>
  request(stack.app)
    .post('/v1/cases')
    .set('Authorization', `Bearer ${await tokenFor(who)}`)
    .send(application);

const OTHER_CLERK: Principal = { sub: 'clerk-70', role: 'clerk', jurisdiction: '00070' };

/** Filed by commune 00004's clerk and projected into the read model (so access can be decided). */
async function filed(application: BirthApplication | DeathApplication, applicantPin: string) {
  const response = await file(stack.app, application);
  expect(response.status).toBe(202);
  const caseId = response.body.caseId as string;
  await waitForCase(stack.app, caseId, applicantPin, () => undefined);
  return caseId;
}

function expectNothingNamed(response: request.Response, caseId: string) {
  expect(response.status).toBe(409);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({
    code: 'API.FILING_NOT_ACCEPTED',
    title: 'Không thể tiếp nhận hồ sơ này',
  });
  expect(response.body.caseId).toBeUndefined();
  // The title (Vietnamese or English) is the whole message.
  expect(response.body.detail).toBeUndefined();
  expect(JSON.stringify(response.body)).not.toContain(caseId);
  expect(JSON.stringify(response.body)).not.toMatch(/deceased|death|birth/i);
}

describe('POST /v1/cases when a case already has the business key', () => {
  it('when a stranger files a death for an already-reported PIN, then 409 says only that the filing cannot be accepted; the applicant and the commune’s clerk are told the case id', async () => {
    // Arrange: a death filed at commune 00004. The "stranger" is a relative the population
    // database knows but the case does not name (anyone else is refused before the case is looked
    // up, 403 API.FILER_NOT_RELATIVE: death-right-payee.test.ts).
    const deceased = await addDeceased(stack.simulatorsUrl);
    const application = aDeathApplication(deceased, today);
    const applicantPin = application.applicant.pin;
    const caseId = await filed(application, applicantPin);
    const stranger: Principal = { sub: 'stranger', role: 'citizen', pin: uniquePin() };
    await simulatorsAdmin(stack.simulatorsUrl, SIMULATORS_ADMIN_TOKEN).addRelative(deceased.pin, {
      pin: stranger.pin,
      fullName: 'Lê Văn Cường',
      dateOfBirth: '1970-01-01',
      sex: 'male',
      relationship: 'sibling',
    });
    const asStranger = {
      ...application,
      applicant: { ...application.applicant, pin: stranger.pin },
    };
    const atOtherCommune = { ...application, receivingCommune: '00070' };
    const nobody: Principal = { sub: 'nobody', role: 'citizen', pin: uniquePin() };

    // Act
    const byStranger = await fileAs(stranger, asStranger);
    const byNobody = await fileAs(nobody, {
      ...application,
      applicant: { ...application.applicant, pin: nobody.pin },
    });
    const byOtherClerk = await fileAs(OTHER_CLERK, atOtherCommune);
    const byApplicant = await fileAs(
      { sub: 'applicant', role: 'citizen', pin: applicantPin },
      application,
    );
    const byOwnClerk = await file(stack.app, application);

    // Assert
    expectNothingNamed(byStranger, caseId);
    expect(byNobody.status).toBe(403);
    expect(byNobody.body.code).toBe('API.FILER_NOT_RELATIVE');
    expect(JSON.stringify(byNobody.body)).not.toContain(caseId);
    expectNothingNamed(byOtherClerk, caseId);
    expect(byApplicant.status).toBe(409);
    expect(byApplicant.body).toMatchObject({ code: 'API.CONFLICT', caseId });
    expect(byOwnClerk.status).toBe(409);
    expect(byOwnClerk.body).toMatchObject({ code: 'API.CONFLICT', caseId });
  });

  it('when a clerk of another commune files a birth certificate already filed, then 409 without the case id; in English too', async () => {
    const application = aBirthApplication(uniqueCertificate());
    const caseId = await filed(application, motherPin(application));

    const elsewhere = { ...application, receivingCommune: '00070' };
    const refused = await fileAs(OTHER_CLERK, elsewhere);
    const inEnglish = await request(stack.app)
      .post('/v1/cases')
      .set('Authorization', `Bearer ${await tokenFor(OTHER_CLERK)}`)
      .set('Accept-Language', 'en')
      .send(elsewhere);

    expectNothingNamed(refused, caseId);
    expect(inEnglish.status).toBe(409);
    expect(inEnglish.body.title).toBe('This filing cannot be accepted');
    expect(inEnglish.body.caseId).toBeUndefined();
  });
});
