// Validation errors in the caller's language (issue 22, item 3): zod's messages and the summary in
// Vietnamese unless Accept-Language prefers English — no English sentence inside a Vietnamese reply,
// a schema's own words for a rule included (domain/rule-texts.ts, shared with the pages), those that
// hold the application's values too; a citizen who names no language is answered in their case's.
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_BIRTH_APPLICATION } from '../../domain/BirthApplication';
import { aBirthApplication } from '../fixtures/birth-application';
import { ADMIN, CLERK, tokenFor } from '../support/auth';
import { useDatabaseApp } from '../support/api-app';
import { projectCase } from '../support/tasks';

/** A date of birth seven years and a month before today: seven years old on the filing date. */
const sevenYearsAgo = () => {
  const born = new Date();
  born.setUTCMonth(born.getUTCMonth() - 85);
  return born.toISOString().slice(0, 10);
};

describe('validation errors by Accept-Language', () => {
  const subject = useDatabaseApp();
  const addOfficer = async (body: object, language?: string) => {
    const call = request(subject.app)
      .post('/v1/officers')
      .set('Authorization', `Bearer ${await tokenFor(ADMIN)}`);
    if (language) call.set('Accept-Language', language);
    return call.send(body);
  };
  const detailsOf = (body: { errors: { pointer: string; detail: string }[] }) =>
    Object.fromEntries(body.errors.map((e) => [e.pointer, e.detail]));

  it('when fields are missing or of the wrong kind and no language is asked for, then every message is Vietnamese', async () => {
    const response = await addOfficer({ name: 42, jurisdictions: [] });

    expect(response.status).toBe(400);
    expect(response.body.detail).toBe('3 trường không hợp lệ');
    expect(detailsOf(response.body)).toMatchObject({
      '/sub': 'bắt buộc, không được để trống',
      '/name': expect.stringMatching(/^Đầu vào không hợp lệ/),
      '/jurisdictions': expect.stringMatching(/^Quá nhỏ/),
    });
  });

  it('when English is asked for, then the same errors are in English', async () => {
    const response = await addOfficer({ name: 42, jurisdictions: [] }, 'en-GB,en;q=0.9');

    expect(response.status).toBe(400);
    expect(response.body.detail).toBe('3 invalid fields');
    expect(detailsOf(response.body)).toMatchObject({
      '/sub': 'required',
      '/name': expect.stringMatching(/^Invalid input/),
      '/jurisdictions': expect.stringMatching(/^Too small/),
    });
  });

  it('when a schema’s own rule refuses a field, then its words come from the one catalogue: Vietnamese by default, the schema’s English on request', async () => {
    const body = { sub: 'can-bo-moi', name: 'Cán bộ mới', agency: 'police', jurisdiction: '4' };
    const vietnamese = await addOfficer(body);
    expect(detailsOf(vietnamese.body)).toEqual({
      '/jurisdiction': 'phải là mã xã/phường gồm 5 chữ số',
    });
    const english = await addOfficer(body, 'en');
    expect(detailsOf(english.body)).toEqual({ '/jurisdiction': 'must be a 5-digit commune code' });
  });

  const fileBirth = async (body: object, language?: string) => {
    const call = request(subject.app)
      .post('/v1/cases')
      .set('Authorization', `Bearer ${await tokenFor(CLERK)}`);
    if (language) call.set('Accept-Language', language);
    return call.send(body);
  };

  /** A filing that breaks many rules at once, some whose words hold its own values. */
  const brokenFiling = () => {
    const app = aBirthApplication();
    return {
      ...app,
      applicant: { ...app.applicant, phone: '12345', pin: '001190012345' },
      // The mother's PIN says a man born in 1988; a father's says a woman.
      mother: { ...app.mother, pin: '001088054321', fullName: 'Trần Thị Mai 2' },
      father: { ...app.father, pin: '001190012345', nationality: 'XX' },
      // Seven years old: the card of this procedure is for a child under six.
      child: { ...app.child, dateOfBirth: sevenYearsAgo(), ethnicity: 'Không có' },
      receivingCommune: '99999',
    };
  };

  it('when a filing breaks rules whose words hold its values (a PIN against a sex and a year, the card’s age), then they are said in Vietnamese by default and in English on request', async () => {
    const vietnamese = (await fileBirth(brokenFiling())).body;
    const english = (await fileBirth(brokenFiling(), 'en')).body;
    const at = (body: { errors: { pointer: string; detail: string }[] }, pointer: string) =>
      body.errors.filter((e) => e.pointer === pointer).map((e) => e.detail);

    expect(at(vietnamese, '/mother/pin')).toEqual([
      'số định danh cá nhân: chữ số thứ 4 (0) là mã giới tính nam, nhưng người này là nữ',
      'số định danh cá nhân: mã thế kỷ và năm sinh (chữ số 4–6: 088) là năm 1988, nhưng năm sinh khai là 1990',
    ]);
    expect(at(english, '/mother/pin')).toEqual([
      "the PIN's 4th digit (0) is for a man, but this person is a woman",
      'the PIN says born in 1988 (digits 4–6 088), but the year of birth is 1990',
    ]);
    expect(at(vietnamese, '/components/insurance')).toEqual([
      'thẻ BHYT liên thông chỉ cấp cho trẻ dưới 6 tuổi (72 tháng); trẻ đã 7 tuổi vào ngày nộp — hãy nộp không kèm thẻ BHYT',
    ]);
    expect(at(english, '/components/insurance')).toEqual([
      expect.stringMatching(/^the health-insurance card .* 7 years old/),
    ]);
  });

  it('when a filing breaks many rules at once, then the same fields are refused in both languages and no Vietnamese detail is the English one', async () => {
    type Issue = { pointer: string; detail: string };
    const vietnamese = (await fileBirth(brokenFiling())).body.errors as Issue[];
    const english = (await fileBirth(brokenFiling(), 'en')).body.errors as Issue[];

    expect(vietnamese.map((e) => e.pointer)).toEqual(english.map((e) => e.pointer));
    expect(vietnamese.length).toBeGreaterThanOrEqual(8);
    vietnamese.forEach((e, i) => expect(e.detail).not.toBe(english[i]?.detail));
  });

  it('when a request is refused before any field is read (no token, the wrong media type, no such route), then the reply is Vietnamese too, and English on request', async () => {
    const noToken = await request(subject.app).post('/v1/officers').send({});
    const plainText = await request(subject.app)
      .post('/v1/officers')
      .set('Authorization', `Bearer ${await tokenFor(ADMIN)}`)
      .set('Content-Type', 'text/plain')
      .send('officer');
    const nowhere = await request(subject.app).get('/v1/nowhere');
    const nowhereInEnglish = await request(subject.app)
      .get('/v1/nowhere')
      .set('Accept-Language', 'en');

    expect(noToken.body.detail).toBe('cần mã truy cập (Bearer)');
    expect(plainText.body.detail).toBe('gửi nội dung dạng application/json');
    expect(nowhere.body).toMatchObject({
      title: 'Không tìm thấy',
      detail: 'không có địa chỉ GET /v1/nowhere',
    });
    expect(nowhereInEnglish.body).toMatchObject({
      title: 'Not found',
      detail: 'no route GET /v1/nowhere',
    });
  });

  describe('a citizen who names no language', () => {
    const CASE = 'birth-residence-insurance:CS-LANGUAGE-EN';
    const applicant = EXAMPLE_BIRTH_APPLICATION.applicant.pin;
    beforeAll(() =>
      projectCase(subject.database.appDb, {
        caseId: CASE,
        partyPins: [applicant],
        application: { ...EXAMPLE_BIRTH_APPLICATION, language: 'en' },
      }),
    );
    const withdraw = async (pin: string, language?: string) => {
      const call = request(subject.app)
        .post(`/v1/cases/${encodeURIComponent(CASE)}/withdraw`)
        .set(
          'Authorization',
          `Bearer ${await tokenFor({ sub: `citizen-${pin}`, role: 'citizen', pin })}`,
        );
      if (language) call.set('Accept-Language', language);
      return call.send({ reason: 'x' });
    };

    it('when the applicant of a case filed in English sends no Accept-Language, then the refusal is in English; asking for Vietnamese, in Vietnamese', async () => {
      const english = await withdraw(applicant);
      expect(english.status).toBe(400);
      expect(english.body.title).toBe('Invalid request');
      expect(english.body.detail).toBe('1 invalid field');

      const vietnamese = await withdraw(applicant, 'vi');
      expect(vietnamese.body.detail).toBe('1 trường không hợp lệ');
    });

    it('when a citizen who is no party to it sends no Accept-Language, then the refusal is in Vietnamese: the case’s language is not theirs to learn', async () => {
      const stranger = await withdraw('001099000001');
      expect(stranger.status).toBe(400);
      expect(stranger.body.detail).toBe('1 trường không hợp lệ');
    });
  });
});
