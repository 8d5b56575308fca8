// The agency simulators over HTTP with their own schemas in a real PostgreSQL: they validate, keep
// records, are idempotent on the caller's key, and fail on demand.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { cardValidTo, underSix } from '../../agencies/simulators/social-insurance.routes';
import { adminAgent, useSimulatorsApp } from '../support/simulators';

const simulators = useSimulatorsApp();
let n = 0;
const key = (prefix: string) => `${prefix}-${++n}`;

const post = (path: string, body: unknown, idempotencyKey: string) =>
  request(simulators.app)
    .post(path)
    .set('Idempotency-Key', idempotencyKey)
    .send(body as object);

const birth = (certificateNumber: string, commune = '00004') => ({
  certificateNumber,
  commune,
  child: { fullName: 'Nguyễn Minh An', dateOfBirth: '2026-11-18', sex: 'male' },
  mother: { fullName: 'Trần Thị Mai', pin: '001190012345' },
});

describe('civil-status simulator', () => {
  it('when a birth arrives where officers review, then it is received (202) and registered on approval', async () => {
    const registrationKey = key('birth');
    const received = await post(
      '/civil-status/birth-registrations',
      birth('CS-A-1'),
      registrationKey,
    );
    expect(received.status).toBe(202);
    expect(received.body).toEqual({ status: 'received', registrationKey });

    const approved = await post(
      `/civil-status/birth-registrations/${registrationKey}/decision`,
      { decision: 'approve' },
      key('decision'),
    );
    expect(approved.status).toBe(200);
    expect(approved.body.extractNumber).toMatch(/^KS-00004-\d{4}-\d{6}$/);
  });

  // Issue 20: a substitute for the medical birth certificate (Luật Hộ tịch 2014 Art. 16(1), DOMAIN.md
  // §1A step 0 [S6]) is not the facility's signed data: the officer verifies it.
  it('when a birth on a witness statement arrives where births are registered automatically, then it waits for the officer (202)', async () => {
    await adminAgent(simulators.app)
      .put('/admin/civil-status/settings/00070')
      .send({ review: 'automatic' });
    const onCertificate = await post(
      '/civil-status/birth-registrations',
      birth('CS-SUB-1', '00070'),
      key('birth'),
    );
    const onWitness = await post(
      '/civil-status/birth-registrations',
      { ...birth('CS-SUB-2', '00070'), evidence: 'witness_statement' },
      key('birth'),
    );
    expect(onCertificate.body.status).toBe('registered');
    expect(onWitness.status).toBe(202);
    expect(onWitness.body.status).toBe('received');
  });

  it('when the same request is sent twice with one key, then one record exists and the reply repeats', async () => {
    await adminAgent(simulators.app)
      .put('/admin/civil-status/settings/00070')
      .send({ review: 'automatic' });
    const k = key('birth');
    const first = await post('/civil-status/birth-registrations', birth('CS-A-2', '00070'), k);
    const second = await post('/civil-status/birth-registrations', birth('CS-A-2', '00070'), k);
    expect(first.status).toBe(200);
    expect(second.body).toEqual(first.body);
    const records = await request(simulators.app).get(
      '/civil-status/birth-registrations?certificateNumber=CS-A-2',
    );
    expect(records.body.registrations).toHaveLength(1);
  });

  it('when a key is reused with another body, then 422 and nothing is created', async () => {
    const k = key('birth');
    await post('/civil-status/birth-registrations', birth('CS-A-3'), k);
    const reused = await post('/civil-status/birth-registrations', birth('CS-A-4'), k);
    expect(reused.status).toBe(422);
    const records = await request(simulators.app).get(
      '/civil-status/birth-registrations?certificateNumber=CS-A-4',
    );
    expect(records.body.registrations).toEqual([]);
  });

  it('when a second registration uses the same certificate under another key, then 409', async () => {
    await post('/civil-status/birth-registrations', birth('CS-A-5'), key('birth'));
    const again = await post('/civil-status/birth-registrations', birth('CS-A-5'), key('birth'));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CIVIL_STATUS.ALREADY_REGISTERED');
  });

  it('when a received birth is cancelled, then it is cancelled; a registered one refuses (legal fact)', async () => {
    const received = key('birth');
    await post('/civil-status/birth-registrations', birth('CS-A-6'), received);
    const cancelled = await post(
      `/civil-status/birth-registrations/${received}/cancel`,
      {},
      key('cancel'),
    );
    expect(cancelled.body).toEqual({ status: 'cancelled' });

    const registered = key('birth');
    await post('/civil-status/birth-registrations', birth('CS-A-7', '00070'), registered);
    const refused = await post(
      `/civil-status/birth-registrations/${registered}/cancel`,
      {},
      key('cancel'),
    );
    expect(refused.status).toBe(409);
  });

  it('when a registered birth is corrected, then the correction is kept with the same extract', async () => {
    const k = key('birth');
    const registered = await post('/civil-status/birth-registrations', birth('CS-A-8', '00070'), k);
    const corrected = await post(
      `/civil-status/birth-registrations/${k}/corrections`,
      { reason: 'sai tên', changes: { 'child.fullName': 'Nguyễn Minh Anh' } },
      key('correction'),
    );
    expect(corrected.body).toEqual({
      status: 'corrected',
      extractNumber: registered.body.extractNumber,
      corrections: 1,
    });
  });

  it('when the body is invalid, then 400 lists every issue', async () => {
    const response = await post('/civil-status/birth-registrations', { commune: 'x' }, key('bad'));
    expect(response.status).toBe(400);
    expect(response.body.issues.map((i: { path: string }) => i.path)).toEqual(
      // No mother is not an issue: an abandoned child's parents may be unknown.
      expect.arrayContaining(['certificateNumber', 'commune', 'child']),
    );
  });
});

describe('population simulator', () => {
  it.each([
    ['2026-11-18', 'male', '001226'],
    ['2026-11-18', 'female', '001326'],
    ['1999-01-02', 'female', '001199'],
  ])(
    'when a child born %s (%s) gets a PIN, then it starts with %s',
    async (dateOfBirth, sex, prefix) => {
      const response = await post(
        '/population/pins',
        { provinceCode: '001', fullName: 'Nguyễn An', dateOfBirth, sex },
        key('pin'),
      );
      expect(response.body.pin).toMatch(new RegExp(`^${prefix}\\d{6}$`));
    },
  );

  it('when 300 PINs are issued, then all are distinct; a replayed key returns the same PIN', async () => {
    const pins = new Set<string>();
    for (let i = 0; i < 300; i += 1) {
      const r = await post(
        '/population/pins',
        { provinceCode: '079', fullName: `Bé ${i}`, dateOfBirth: '2026-01-01', sex: 'male' },
        `bulk-${i}`,
      );
      pins.add(r.body.pin as string);
    }
    expect(pins.size).toBe(300);
    const again = await post(
      '/population/pins',
      { provinceCode: '079', fullName: 'Bé 7', dateOfBirth: '2026-01-01', sex: 'male' },
      'bulk-7',
    );
    expect(pins.has(again.body.pin as string)).toBe(true);
  });
});

describe('police (residence) simulator', () => {
  const registration = (line: string, commune = '00004', head = '001088054321') => ({
    pin: '001226000001',
    fullName: 'Nguyễn Minh An',
    address: { commune, line },
    householdHeadPin: head,
    relationshipToHead: 'con',
  });

  it('when the household exists, then the child is registered with a residence reference', async () => {
    const response = await post(
      '/police/residence-registrations',
      registration('12  phố Đội Cấn.'),
      key('res'),
    );
    expect(response.body).toEqual({
      status: 'registered',
      residenceRef: expect.stringMatching(/^CT-\d{4}-\d{7}$/) as string,
    });
  });

  it.each([
    ['99 Phố Không Có', '00004', '001088054321', 'RESIDENCE.ADDRESS_UNKNOWN'],
    ['Ký túc xá Mễ Trì', '00256', '001070009988', 'RESIDENCE.COLLECTIVE_HOUSEHOLD'],
    ['12 Phố Đội Cấn', '00004', '001000000000', 'RESIDENCE.HOUSEHOLD_HEAD_MISMATCH'],
  ])('when the address is %s, then 422 %s with a reason', async (line, commune, head, code) => {
    const response = await post(
      '/police/residence-registrations',
      registration(line, commune, head),
      key('res'),
    );
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code, reason: expect.any(String) as string });
  });

  it('when the address needs verification, then 202 until an officer approves', async () => {
    const k = key('res');
    const pending = await post(
      '/police/residence-registrations',
      { ...registration('Thôn Đông Xuân', '09877', '001082003344'), pin: '001226000002' },
      k,
    );
    expect(pending.status).toBe(202);
    const approved = await post(
      `/police/residence-registrations/${k}/decision`,
      { decision: 'approve' },
      key('d'),
    );
    expect(approved.body.status).toBe('registered');
  });
});

describe('social-insurance simulator', () => {
  it('when a card is requested, then a 10-digit number is issued, valid to the rule, at a facility', async () => {
    const response = await post(
      '/social-insurance/child-cards',
      {
        pin: '001226000009',
        fullName: 'Nguyễn Minh An',
        dateOfBirth: '2026-03-10',
        sex: 'male',
        commune: '00004',
        birthExtractNumber: 'KS-00004-2026-000001',
      },
      key('card'),
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      insuranceNumber: expect.stringMatching(/^01\d{8}$/) as string,
      validFrom: '2026-03-10',
      validTo: '2032-09-30',
    });
  });

  it('when a card is requested for a child of 7 (DOMAIN.md §2C: the card is for a child under 6), then 422 CHILD_NOT_UNDER_6 and no card', async () => {
    const response = await post(
      '/social-insurance/child-cards',
      {
        pin: '001219000010',
        fullName: 'Nguyễn Minh Bảo',
        dateOfBirth: '2019-05-05',
        sex: 'male',
        commune: '00004',
        birthExtractNumber: 'KS-00004-2026-000002',
      },
      key('card-too-old'),
    );
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'SOCIAL_INSURANCE.CHILD_NOT_UNDER_6' });
  });

  it.each([
    ['2020-12-03', '2026-12-02', true],
    ['2020-12-03', '2026-12-03', false],
  ])('when a child born %s asks on %s, then under 6 is %s', (born, today, under) => {
    expect(underSix(born, today)).toBe(under);
  });

  it.each([
    ['2026-03-10', '2032-09-30'],
    ['2026-09-30', '2032-09-30'],
    ['2026-11-18', '2032-11-17'],
  ])('when the child is born %s, then the card is valid to %s', (born, validTo) => {
    expect(cardValidTo(born)).toBe(validTo);
  });
});

describe('notifications simulator', () => {
  it('when a message is sent twice with one key, then it is recorded once and readable by reference', async () => {
    const message = {
      channel: 'sms',
      to: '0912345678',
      language: 'vi',
      template: 'received',
      text: 'Đã tiếp nhận hồ sơ',
      reference: 'case-1',
    };
    const k = key('msg');
    await post('/notifications/messages', message, k);
    await post('/notifications/messages', message, k);
    const sent = await request(simulators.app).get('/notifications/messages?reference=case-1');
    expect(sent.body.messages).toHaveLength(1);
    expect(sent.body.messages[0]).toMatchObject({ channel: 'sms', template: 'received' });
  });
});

describe('fault injection', () => {
  const message = (reference: string) => ({
    channel: 'sms',
    to: '0912345678',
    language: 'vi',
    template: 't',
    text: 'x',
    reference,
  });

  it('when the next two requests are told to fail, then they answer 503 and the third succeeds, recording once', async () => {
    await adminAgent(simulators.app).put('/admin/faults/notifications').send({ fail5xx: 2 });
    const k = key('fault');
    const statuses = [];
    for (let i = 0; i < 3; i += 1)
      statuses.push((await post('/notifications/messages', message('fault-1'), k)).status);
    expect(statuses).toEqual([503, 503, 200]);
    const sent = await request(simulators.app).get('/notifications/messages?reference=fault-1');
    expect(sent.body.messages).toHaveLength(1);
  });

  it('when rate limiting is injected, then 429 with Retry-After', async () => {
    await adminAgent(simulators.app).put('/admin/faults/notifications').send({ fail429: 1 });
    const response = await post('/notifications/messages', message('fault-2'), key('fault'));
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe('1');
  });

  it('when an outage window is open, then every write answers 503 until it is cleared', async () => {
    await adminAgent(simulators.app)
      .put('/admin/faults/notifications')
      .send({ outageUntil: new Date(Date.now() + 60_000).toISOString() });
    expect((await post('/notifications/messages', message('fault-3'), key('fault'))).status).toBe(
      503,
    );
    await adminAgent(simulators.app).delete('/admin/faults/notifications');
    expect((await post('/notifications/messages', message('fault-3'), key('fault'))).status).toBe(
      200,
    );
  });

  it('when a rule matches the request, then the agency answers with the rule’s business refusal', async () => {
    await adminAgent(simulators.app)
      .put('/admin/faults/social-insurance')
      .send({
        rules: [
          {
            path: 'fullName',
            equals: 'Sai Tên',
            status: 422,
            body: {
              code: 'SOCIAL_INSURANCE.BIRTH_DATA_DEFECT',
              reason: 'tên không khớp',
              returnTo: 'civil-status',
            },
          },
        ],
      });
    const response = await post(
      '/social-insurance/child-cards',
      {
        pin: '001226000010',
        fullName: 'Sai Tên',
        dateOfBirth: '2026-03-10',
        sex: 'male',
        commune: '00004',
        birthExtractNumber: 'KS-1',
      },
      key('card'),
    );
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ returnTo: 'civil-status' });
    await adminAgent(simulators.app).delete('/admin/faults/social-insurance');
  });

  it('when a reply is lost, then the message is recorded anyway and the retry with the same key gets the recorded reply, never a second message', async () => {
    // Arrange
    await adminAgent(simulators.app).delete('/admin/faults/stats');
    await adminAgent(simulators.app).put('/admin/faults/notifications').send({ lostReplyRate: 1 });
    const k = key('lost');

    // Act
    const lost = await post('/notifications/messages', message('fault-lost'), k);
    const recorded = await request(simulators.app).get(
      '/notifications/messages?reference=fault-lost',
    );
    await adminAgent(simulators.app).delete('/admin/faults/notifications');
    const retried = await post('/notifications/messages', message('fault-lost'), k);
    const stats = await adminAgent(simulators.app).get('/admin/faults/stats');

    // Assert
    expect(lost.status).toBe(502);
    expect(lost.body).toMatchObject({ code: 'SIMULATOR.LOST_REPLY' });
    expect(recorded.body.messages).toHaveLength(1);
    expect(retried.status).toBe(200);
    const after = await request(simulators.app).get('/notifications/messages?reference=fault-lost');
    expect(after.body.messages).toHaveLength(1);
    expect(stats.body).toEqual({
      agencies: {
        notifications: { requests: 1, '5xx': 0, '429': 0, outage: 0, lostReply: 1, delayed: 0 },
      },
    });
  });

  it('when faults are read, cleared and their counters reset through the admin endpoints, then each answers as documented', async () => {
    await adminAgent(simulators.app).delete('/admin/faults/stats');
    const set = await adminAgent(simulators.app)
      .put('/admin/faults/police')
      .send({ latencyMs: 0, latencyMaxMs: 5, fail5xx: 1 });
    const read = await adminAgent(simulators.app).get('/admin/faults/police');
    await post('/police/residents', {}, key('stats'));
    const counted = await adminAgent(simulators.app).get('/admin/faults/stats');
    await adminAgent(simulators.app).delete('/admin/faults/police');
    const kept = await adminAgent(simulators.app).get('/admin/faults/stats');
    const reset = await adminAgent(simulators.app).delete('/admin/faults/stats');
    const cleared = await adminAgent(simulators.app).get('/admin/faults/stats');
    const unknown = await adminAgent(simulators.app).put('/admin/faults/bhxh').send({ fail5xx: 1 });

    expect(set.body.faults).toMatchObject({ latencyMaxMs: 5, fail5xx: 1, lostReplyRate: 0 });
    expect(read.body).toMatchObject({ agency: 'police', faults: { fail5xx: 1 } });
    expect(counted.body.agencies.police).toMatchObject({ requests: 1, '5xx': 1 });
    expect(kept.body).toEqual(counted.body);
    expect(reset.status).toBe(204);
    expect(cleared.body).toEqual({ agencies: {} });
    expect(unknown.status).toBe(400);
    expect((await adminAgent(simulators.app).get('/admin/faults/police')).body.faults).toBeNull();
  });
});
