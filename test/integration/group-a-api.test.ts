// Group A's API beyond the happy path, through the real stack: verification at the police, BHXH's
// own refusal, English notifications, search and paging, and who may decide what.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { deadlineAfter } from '../../domain/calendar/working-days';
import { vietnamCalendar } from '../../domain/calendar/vietnam';
import { aBirthApplication } from '../fixtures/birth-application';
import {
  cardRefusedFor,
  citizen,
  clerk,
  decide,
  file,
  officer,
  stepOf,
  uniqueCertificate,
  uniqueChildName,
  waitForCase,
} from '../support/group-a';
import { tokenFor } from '../support/auth';
import { recordHistories } from '../support/histories';
import { startTestStack, type TestStack, setCivilStatusReview } from '../support/stack';

describe('Group A API, through the real stack', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
    await setCivilStatusReview(stack.simulatorsUrl, '00004', 'automatic');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const messages = async (caseId: string) =>
    (
      (await (
        await fetch(
          `${stack.simulatorsUrl}/notifications/messages?reference=${encodeURIComponent(caseId)}`,
        )
      ).json()) as {
        messages: { template: string; text: string; language: string }[];
      }
    ).messages;

  it('when the address needs police verification, then residence waits for the police officer with 5 working days and completes on approval', async () => {
    const base = aBirthApplication(uniqueCertificate());
    const application = {
      ...base,
      residence: {
        address: { commune: '09877', line: 'Thôn Đông Xuân' },
        householdHeadPin: '001082003344',
        relationshipToHead: 'con',
      },
    };
    const { body } = await file(stack.app, application);
    const waiting = await waitForCase(stack.app, body.caseId, base.applicant.pin, (v) =>
      expect(v.timeline).toContainEqual(
        expect.objectContaining({ step: 'residence', event: 'in_review' }),
      ),
    );
    expect(stepOf(waiting, 'residence').state).toBe('in_review');
    const started = waiting.timeline.find((e) => e.step === 'residence')?.at ?? '';
    const calendar = vietnamCalendar([2026, 2027]);
    expect(Date.parse(stepOf(waiting, 'residence').deadline ?? '')).toBeGreaterThanOrEqual(
      deadlineAfter(Date.parse(started) - 5_000, 5, calendar),
    );

    const approved = await decide(
      stack.app,
      body.caseId,
      'police',
      { decision: 'approve' },
      '09877',
    );
    expect(approved.body.state).toBe('completed');
    await waitForCase(stack.app, body.caseId, base.applicant.pin, (v) =>
      expect(v.status).toBe('completed'),
    );
  });

  it('when BHXH refuses the file on its own grounds, then the card step is rejected with its reason and the rest completes', async () => {
    const base = aBirthApplication(uniqueCertificate());
    // Named uniquely: the agency's refusal rule matches on the name, and other cases may still be running.
    const application = { ...base, child: { ...base.child, fullName: uniqueChildName() } };
    stack.faults.set(
      'social-insurance',
      cardRefusedFor(
        application.child.fullName,
        {
          code: 'SOCIAL_INSURANCE.INVALID_FILE',
          reason: 'thiếu thông tin nơi đăng ký KCB',
        },
        1,
      ),
    );
    const { body } = await file(stack.app, application);
    const view = await waitForCase(stack.app, body.caseId, application.applicant.pin, (v) =>
      expect(v.status).toBe('partially_completed'),
    );
    stack.faults.clear('social-insurance');
    expect(stepOf(view, 'insurance')).toMatchObject({
      status: 'rejected',
      reason: 'thiếu thông tin nơi đăng ký KCB',
    });
    expect(stepOf(view, 'residence').status).toBe('completed');
  });

  it('when the applicant asked for English, then the notifications are in English', async () => {
    const application = { ...aBirthApplication(uniqueCertificate()), language: 'en' as const };
    const { body } = await file(stack.app, application);
    await waitForCase(stack.app, body.caseId, application.applicant.pin, (v) =>
      expect(v.status).toBe('completed'),
    );
    await vi.waitFor(async () => {
      const sent = await messages(body.caseId);
      expect(sent.find((m) => m.template === 'case_received')).toMatchObject({
        language: 'en',
        text: `Your linked application ${String(body.caseCode)} has been received.`,
      });
    });
  });

  it('when a clerk searches with a status filter and paging, then only their commune’s matching cases come back', async () => {
    const filed = [];
    for (let i = 0; i < 3; i += 1)
      filed.push(
        (await file(stack.app, aBirthApplication(uniqueCertificate()))).body.caseId as string,
      );
    for (const caseId of filed) {
      await waitForCase(stack.app, caseId, '001190012345', (v) =>
        expect(v.status).toBe('completed'),
      );
    }
    const auth = `Bearer ${await clerk()}`;
    const page = await vi.waitFor(async () => {
      const response = await request(stack.app)
        .get('/v1/cases?status=completed&limit=2&offset=0')
        .set('Authorization', auth);
      expect(response.body.total).toBeGreaterThanOrEqual(3);
      return response.body as {
        total: number;
        items: { caseId: string; status: string; commune: string }[];
      };
    });
    expect(page.items).toHaveLength(2);
    expect(
      page.items.every(
        (c: { status: string; commune: string }) =>
          c.status === 'completed' && c.commune === '00004',
      ),
    ).toBe(true);
    const next = await request(stack.app)
      .get('/v1/cases?status=completed&limit=2&offset=2')
      .set('Authorization', auth);
    expect(next.body.items.map((c: { caseId: string }) => c.caseId)).not.toContain(
      page.items[0]?.caseId,
    );
    const elsewhere = await request(stack.app)
      .get('/v1/cases?commune=26734')
      .set('Authorization', auth);
    expect(elsewhere.status).toBe(403);
    const badQuery = await request(stack.app)
      .get('/v1/cases?limit=1000&status=nope')
      .set('Authorization', auth);
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '/limit',
      '/status',
    ]);
  });

  it('when an officer of another agency or commune decides a task, then it does not exist for them', async () => {
    await setCivilStatusReview(stack.simulatorsUrl, '00070', 'officer');
    const base = aBirthApplication(uniqueCertificate());
    const application = { ...base, receivingCommune: '00070' };
    const clerk00070 = await tokenFor({ sub: 'clerk-2', role: 'clerk', jurisdiction: '00070' });
    const { body } = await request(stack.app)
      .post('/v1/cases')
      .set('Authorization', `Bearer ${clerk00070}`)
      .send(application);
    const own = await officer('civil-status', '00070');
    const task = await vi.waitFor(async () => {
      const inbox = await request(stack.app).get('/v1/tasks').set('Authorization', `Bearer ${own}`);
      const found = (inbox.body.items as { caseId: string; taskId: string }[]).find(
        (t) => t.caseId === body.caseId,
      );
      expect(found).toBeDefined();
      return found as { taskId: string };
    }, 30_000);
    const path = `/v1/tasks/${encodeURIComponent(task.taskId)}/decision`;
    for (const stranger of [
      await officer('police', '00070'),
      await officer('civil-status', '00004'),
    ]) {
      const refused = await request(stack.app)
        .post(path)
        .set('Authorization', `Bearer ${stranger}`)
        .send({ decision: 'approve' });
      expect(refused.status).toBe(404);
    }
    const illegal = await request(stack.app)
      .post(path)
      .set('Authorization', `Bearer ${own}`)
      .send({ decision: 'reject' });
    expect(illegal.status).toBe(400);
    const approved = await request(stack.app)
      .post(path)
      .set('Authorization', `Bearer ${own}`)
      .send({ decision: 'approve' });
    expect(approved.body.state).toBe('completed');
    const twice = await request(stack.app)
      .post(path)
      .set('Authorization', `Bearer ${own}`)
      .send({ decision: 'approve' });
    expect(twice.status).toBe(422);
  });

  it('when BHXH keeps returning the file, then after two corrections the card step is refused and the case partially completed', async () => {
    const base = aBirthApplication(uniqueCertificate());
    // Named uniquely: the agency's refusal rule matches on the name, and other cases may still be running.
    const application = { ...base, child: { ...base.child, fullName: uniqueChildName() } };
    stack.faults.set(
      'social-insurance',
      cardRefusedFor(
        application.child.fullName,
        {
          code: 'SOCIAL_INSURANCE.BIRTH_DATA_DEFECT',
          reason: 'họ tên không khớp',
          returnTo: 'civil-status',
        },
        3,
      ),
    );
    const { body } = await file(stack.app, application);
    const view = await waitForCase(stack.app, body.caseId, application.applicant.pin, (v) =>
      expect(v.status).toBe('partially_completed'),
    );
    stack.faults.clear('social-insurance');
    expect(stepOf(view, 'insurance')).toMatchObject({
      status: 'rejected',
      reason: 'returned 3 times for correction',
    });
    expect(view.timeline.filter((e) => e.event === 'corrected')).toHaveLength(2);
    await recordHistories(stack.client, body.caseId, 'group-a-returned-refused');
  });

  it('when a case was filed, read and decided, then its supervisor reads every call in the audit trail and a citizen cannot', async () => {
    await setCivilStatusReview(stack.simulatorsUrl, '00004', 'officer');
    const application = aBirthApplication(uniqueCertificate());
    const { body } = await file(stack.app, application);
    await decide(stack.app, body.caseId, 'civil-status', { decision: 'approve' });
    await waitForCase(stack.app, body.caseId, application.applicant.pin, (v) =>
      expect(v.status).toBe('completed'),
    );
    const path = `/v1/cases/${encodeURIComponent(body.caseId)}/audit`;

    const supervisor = await tokenFor({ sub: 'sup-1', role: 'supervisor', jurisdiction: '00004' });
    const trail = await request(stack.app).get(path).set('Authorization', `Bearer ${supervisor}`);

    expect(trail.status).toBe(200);
    const actions = (trail.body.items as { action: string; role: string; outcome: number }[]).map(
      (e) => `${e.role}:${e.action}:${e.outcome}`,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'clerk:fileCase:202',
        'officer:decideTask:200',
        'citizen:getCase:200',
      ]),
    );
    const citizenView = await request(stack.app)
      .get(path)
      .set('Authorization', `Bearer ${await citizen(application.applicant.pin)}`);
    expect(citizenView.status).toBe(403);
  });

  it('when an inbox has more tasks than a page, then pages follow each other soonest deadline first', async () => {
    await setCivilStatusReview(stack.simulatorsUrl, '00070', 'officer');
    const clerk70 = await tokenFor({ sub: 'clerk-70', role: 'clerk', jurisdiction: '00070' });
    for (let i = 0; i < 3; i += 1) {
      const filed = await request(stack.app)
        .post('/v1/cases')
        .set('Authorization', `Bearer ${clerk70}`)
        .send({ ...aBirthApplication(uniqueCertificate()), receivingCommune: '00070' });
      expect(filed.status).toBe(202);
    }
    const token = await officer('civil-status', '00070');
    const page = async (query: string) =>
      (
        (await request(stack.app).get(`/v1/tasks?${query}`).set('Authorization', `Bearer ${token}`))
          .body as { items: { taskId: string; deadline: string }[] }
      ).items;
    const all = await vi.waitFor(
      async () => {
        const items = await page('limit=200');
        expect(items).toHaveLength(3);
        return items;
      },
      { timeout: 30_000, interval: 200 },
    );
    expect(all.map((t) => t.deadline)).toEqual([...all.map((t) => t.deadline)].sort());
    expect(await page('limit=2')).toEqual(all.slice(0, 2));
    expect(await page('limit=2&offset=2')).toEqual(all.slice(2));
  });
});
