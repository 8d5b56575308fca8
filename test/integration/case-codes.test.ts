// Human-readable case codes through the real stack (issue 21, domain/case-code.ts).
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamDate } from '../../domain/calendar/vietnam';
import { aBirthApplication } from '../fixtures/birth-application';
import { clerk, file, uniqueCertificate, waitForCase } from '../support/group-a';
import { startTestStack, type TestStack } from '../support/stack';

describe('case codes', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.stop());

  it('when two births are filed at a commune, then each gets the next code of the month, shown in its view and found by search in any letter case', async () => {
    const [first, second] = [
      aBirthApplication(uniqueCertificate()),
      aBirthApplication(uniqueCertificate()),
    ];
    const filed = [await file(stack.app, first), await file(stack.app, second)];
    const [yyyy = '', mm = ''] = vietnamDate(Date.now()).split('-');
    const codes = filed.map((r) => {
      expect(r.status).toBe(202);
      return String(r.body.caseCode);
    });
    for (const code of codes)
      expect(code).toMatch(new RegExp(`^KS-00004-${yyyy.slice(2)}${mm}-\\d{6}$`));
    const numbers = codes.map((code) => Number(code.split('-')[3]));
    expect(numbers[1]).toBe((numbers[0] ?? 0) + 1);

    const caseId = String(filed[0]?.body.caseId);
    const view = await waitForCase(stack.app, caseId, first.applicant.pin, (v) =>
      expect(v.caseCode).toBeDefined(),
    );
    expect(view.caseCode).toBe(codes[0]);
    const found = await request(stack.app)
      .get('/v1/cases')
      .query({ code: ` ${codes[0]?.toLowerCase()} ` })
      .set('Authorization', `Bearer ${await clerk()}`);
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ total: 1, items: [{ caseId, caseCode: codes[0] }] });
    const malformed = await request(stack.app)
      .get('/v1/cases')
      .query({ code: 'KS-4-2612' })
      .set('Authorization', `Bearer ${await clerk()}`);
    expect(malformed.status).toBe(400);
  });
});
