// Validation errors in the caller's language (issue 22, item 3): zod's messages and the summary in
// Vietnamese unless Accept-Language prefers English — no English sentence inside a Vietnamese reply,
// a schema's own words for a rule included (domain/validation-messages.ts, shared with the pages).
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ADMIN, tokenFor } from '../support/auth';
import { useDatabaseApp } from '../support/api-app';

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
});
