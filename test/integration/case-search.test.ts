// One search box through the real stack (issue 22): a case found by the PIN of anyone it names, by
// its code, or by part of a name typed without accents — within the caller's commune only — and
// lists that show whom each case is about.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { aBirthApplication } from '../fixtures/birth-application';
import { tokenFor } from '../support/auth';
import { clerk, file, uniqueCertificate } from '../support/group-a';
import { uniquePin } from '../support/group-b';
import { startTestStack, type TestStack } from '../support/stack';

/** Letters no other case of the run carries, with Vietnamese marks and đ to fold away. */
const uniqueName = () => {
  const letters = Array.from({ length: 5 }, () =>
    String.fromCharCode(97 + Math.floor(Math.random() * 26)),
  ).join('');
  return { name: `Đặng Thị Ánh ${letters}`, typed: `dang thi anh ${letters}` };
};

describe('finding a case from one box', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.stop());

  const search = async (q: string, token?: string) =>
    request(stack.app)
      .get('/v1/cases')
      .query({ q })
      .set('Authorization', `Bearer ${token ?? (await clerk())}`);
  const found = async (q: string, token?: string) => {
    const response = await search(q, token);
    expect(response.status).toBe(200);
    return response.body as { total: number; items: { caseId: string; name?: string }[] };
  };

  it('when a birth is filed, then the clerk finds it by the child’s name typed without accents, by the mother’s or father’s PIN and by its code in lower case — and the list names the child', async () => {
    const { name, typed } = uniqueName();
    const fatherPin = uniquePin({ sex: 'male', yearOfBirth: 1988 });
    const base = aBirthApplication(uniqueCertificate());
    const application = {
      ...base,
      child: { ...base.child, fullName: name },
      father: { ...base.mother, fullName: 'Nguyễn Văn Hùng', pin: fatherPin, yearOfBirth: 1988 },
    };
    const filed = await file(stack.app, application);
    expect(filed.status).toBe(202);
    const { caseId, caseCode } = filed.body as { caseId: string; caseCode: string };

    const byName = await vi.waitFor(async () => {
      const page = await found(typed);
      expect(page.items.map((c) => c.caseId)).toEqual([caseId]);
      return page;
    });
    expect(byName.items[0]?.name).toBe(name);
    expect((await found(typed.toUpperCase().split(' ').slice(2).join(' '))).total).toBe(1);
    expect((await found(fatherPin)).items.map((c) => c.caseId)).toEqual([caseId]);
    expect((await found(caseCode.toLowerCase())).items.map((c) => c.caseId)).toEqual([caseId]);
  });

  it('when a supervisor of another commune searches the same name, then nothing is found', async () => {
    const { name, typed } = uniqueName();
    const base = aBirthApplication(uniqueCertificate());
    await file(stack.app, { ...base, child: { ...base.child, fullName: name } });
    await vi.waitFor(async () => expect((await found(typed)).total).toBe(1));
    const elsewhere = await tokenFor({ sub: 'sup-70', role: 'supervisor', jurisdiction: '00070' });
    expect((await found(typed, elsewhere)).total).toBe(0);
  });

  it('when the box holds LIKE’s own characters, then they are matched as themselves, not as wildcards', async () => {
    expect((await found('%%')).total).toBe(0);
    expect((await found('__')).total).toBe(0);
  });

  it('when the box holds a right-to-left override or one character, then 400 problem+json', async () => {
    for (const q of ['a', 'nguy\u202Een']) {
      const response = await search(q);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });
});
