// Free text the read model's jsonb would refuse (a lone surrogate) or a screen would show
// misleadingly (U+202E) is refused at the door: 400 problem+json naming the field, and nothing
// started. createApp with a stub Temporal client; the same through the real stack is in
// test/integration/free-text.test.ts.
import type { Client } from '@temporalio/client';
import pino from 'pino';
import request from 'supertest';
import { describe, expect, it, vi } from 'vitest';
import { createApp } from '../../api/app';
import type { ApiDeps } from '../../api/deps';
import { EXAMPLE_CASE_ID } from '../../api/schemas/case.schemas';
import type { Db } from '../../db/pool';
import { EXAMPLE_BIRTH_APPLICATION } from '../../domain/BirthApplication';
import { EXAMPLE_DEATH_APPLICATION } from '../../domain/DeathApplication';
import type { Principal } from '../../domain/principal';
import { UNSAFE_TEXT } from '../../domain/safe-text';
import { ruleMessage } from '../../domain/rule-texts';
import { CLERK, testAuthenticator, tokenFor } from '../support/auth';

/** A refusal's words as the API says them by default (no Accept-Language: Vietnamese). */
const inVietnamese = (message: string) => ruleMessage({ message }, 'vi');

const OFFICER: Principal = {
  sub: 'officer-1',
  role: 'officer',
  agency: 'civil-status',
  jurisdiction: '00004',
};

function appWithStubs() {
  const start = vi.fn().mockResolvedValue({});
  const deps: ApiDeps = {
    temporal: { workflow: { start } } as unknown as Client,
    db: { query: vi.fn().mockResolvedValue({ rows: [] }) } as unknown as Db,
    authenticate: testAuthenticator,
    logger: pino({ level: 'silent' }),
    readiness: () => Promise.resolve({ temporal: 'up', database: 'up' }),
    communes: new Map([['00004', { code: '00004', name: 'Phường Ba Đình', province_code: '001' }]]),
  };
  return { app: createApp(deps), start };
}

const LONE_SURROGATE_LINE = '12 \ud800 Phố Đội Cấn';

describe('free text at the door', () => {
  it('when a Group A filing has a lone surrogate in the mother’s address line, then 400 problem+json names that path and no case starts', async () => {
    const { app, start } = appWithStubs();
    const application = structuredClone(EXAMPLE_BIRTH_APPLICATION);
    application.mother.address.line = LONE_SURROGATE_LINE;

    const response = await request(app)
      .post('/v1/cases')
      .set('Authorization', `Bearer ${await tokenFor(CLERK)}`)
      .send(application);

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      code: 'API.VALIDATION',
      errors: [
        {
          in: 'body',
          pointer: '/mother/address/line',
          detail: inVietnamese(UNSAFE_TEXT.malformed),
        },
      ],
    });
    expect(start).not.toHaveBeenCalled();
  });

  it('when a Group B filing has a lone surrogate in the deceased’s last residence line, then 400 problem+json names that path and no case starts', async () => {
    const { app, start } = appWithStubs();
    const application = structuredClone(EXAMPLE_DEATH_APPLICATION);
    application.deceased.lastResidence.line = LONE_SURROGATE_LINE;

    const response = await request(app)
      .post('/v1/cases')
      .set('Authorization', `Bearer ${await tokenFor(CLERK)}`)
      .send(application);

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      code: 'API.VALIDATION',
      errors: [
        {
          in: 'body',
          pointer: '/deceased/lastResidence/line',
          detail: inVietnamese(UNSAFE_TEXT.malformed),
        },
      ],
    });
    expect(start).not.toHaveBeenCalled();
  });

  it('when a rejection’s reason holds U+202E (right-to-left override), then 400 problem+json names /reason', async () => {
    const { app } = appWithStubs();

    const response = await request(app)
      .post(`/v1/tasks/${encodeURIComponent(`${EXAMPLE_CASE_ID}:birth`)}/decision`)
      .set('Authorization', `Bearer ${await tokenFor(OFFICER)}`)
      .send({ decision: 'reject', reason: 'thiếu \u202egiấy chứng sinh' });

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      code: 'API.VALIDATION',
      errors: [{ in: 'body', pointer: '/reason', detail: inVietnamese(UNSAFE_TEXT.bidi) }],
    });
  });

  it('when several fields hold different unsafe characters, then every one is listed with its own path', async () => {
    const { app } = appWithStubs();
    const application = structuredClone(EXAMPLE_DEATH_APPLICATION);
    application.death.place = 'Bệnh viện\u0085Bạch Mai';
    application.deathNotice.issuer = 'Bệnh viện\u200bBạch Mai';
    application.applicant.fullName = 'Lê Thị \u2066Hoa';

    const response = await request(app)
      .post('/v1/cases')
      .set('Authorization', `Bearer ${await tokenFor(CLERK)}`)
      .send(application);

    expect(response.status).toBe(400);
    const errors = (response.body as { errors: { pointer: string; detail: string }[] }).errors;
    expect(errors.map((e) => `${e.pointer}: ${e.detail}`).sort()).toEqual(
      [
        `/applicant/fullName: ${inVietnamese(UNSAFE_TEXT.bidi)}`,
        `/death/place: ${inVietnamese(UNSAFE_TEXT.controlOneLine)}`,
        `/deathNotice/issuer: ${inVietnamese(UNSAFE_TEXT.invisible)}`,
      ].sort(),
    );
  });
});
