// The fault layer in front of an agency, on a bare Express app whose handler counts what it did: a
// latency range, lost replies (work done, reply replaced by a 502) and the counters chaos reports read.
import express, { type Express } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { FaultConfig, FaultInjector } from '../../agencies/simulators/framework/faults';

/** An agency whose POST /work records the call and answers 201, or 422 for `{ refuse: true }`. */
function agencyBehind(faults: FaultInjector) {
  const done: unknown[] = [];
  const app: Express = express();
  app.use(express.json());
  app.use('/agency', faults.middleware('agency'));
  app.post('/agency/work', (req, res) => {
    done.push(req.body);
    if ((req.body as { refuse?: boolean }).refuse)
      return void res.status(422).json({ code: 'AGENCY.REFUSED' });
    if ((req.body as { text?: boolean }).text) return void res.status(200).send('done');
    res.status(201).json({ id: done.length });
  });
  return { app, done };
}

/** Draws these values in turn, then the last one for good. */
const draws = (...values: number[]) => {
  let i = 0;
  return () => values[Math.min(i++, values.length - 1)] as number;
};

describe('FaultInjector', () => {
  it('when a latency range is set, then each write waits its random share of the range and is counted as delayed', async () => {
    // Arrange: the latency draw comes first for each request: 0 → the minimum, 0.5 → the middle.
    const waited: number[] = [];
    const faults = new FaultInjector({
      random: draws(0, 0.99, 0.99, 0.99, 0.5, 0.99),
      wait: (ms) => {
        waited.push(ms);
        return Promise.resolve();
      },
    });
    const { app, done } = agencyBehind(faults);
    faults.set('agency', { latencyMs: 100, latencyMaxMs: 300 });

    // Act
    await request(app).post('/agency/work').send({ n: 1 });
    await request(app).post('/agency/work').send({ n: 2 });

    // Assert
    expect(waited).toEqual([100, 200]);
    expect(done).toEqual([{ n: 1 }, { n: 2 }]);
    expect(faults.stats().agency).toMatchObject({ requests: 2, delayed: 2 });
  });

  it('when a fixed latency is set, then the write is held by a real timer before the agency handles it', async () => {
    // Arrange
    const faults = new FaultInjector({ random: () => 0.99 });
    const { app } = agencyBehind(faults);
    faults.set('agency', { latencyMs: 60 });

    // Act
    const start = performance.now();
    await request(app).post('/agency/work').send({});

    // Assert: at least the delay (a lower bound only: a loaded machine may take longer, never less)
    expect(performance.now() - start).toBeGreaterThanOrEqual(55);
  });

  it('when the latency range is upside down, then the configuration is refused', () => {
    const parsed = FaultConfig.safeParse({ latencyMs: 500, latencyMaxMs: 50 });

    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['latencyMaxMs']);
  });

  it('when a reply is lost, then the handler did its work but the caller gets a 502 problem instead of its reply', async () => {
    // Arrange
    const faults = new FaultInjector({ random: () => 0 });
    const { app, done } = agencyBehind(faults);
    faults.set('agency', { lostReplyRate: 1 });

    // Act
    const json = await request(app).post('/agency/work').send({ n: 1 });
    const refused = await request(app).post('/agency/work').send({ refuse: true });
    const text = await request(app).post('/agency/work').send({ text: true });

    // Assert
    expect(done).toEqual([{ n: 1 }, { refuse: true }, { text: true }]);
    for (const response of [json, refused, text]) {
      expect(response.status).toBe(502);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(response.text)).toMatchObject({
        status: 502,
        code: 'SIMULATOR.LOST_REPLY',
      });
    }
    expect(faults.stats().agency).toMatchObject({ requests: 3, lostReply: 3 });
  });

  it('when the draw misses the lost-reply rate, then the handler’s own reply goes out', async () => {
    const faults = new FaultInjector({ random: () => 0.7 });
    const { app } = agencyBehind(faults);
    faults.set('agency', { lostReplyRate: 0.5 });

    const response = await request(app).post('/agency/work').send({});

    expect(response.status).toBe(201);
    expect(response.body).toEqual({ id: 1 });
    expect(faults.stats().agency).toMatchObject({ requests: 1, lostReply: 0 });
  });

  it('when every kind of fault fires, then each is counted under its kind, and a reset clears them', async () => {
    // Arrange: one of each, then random rates of 1 for 5xx and then 429.
    const faults = new FaultInjector({ random: () => 0 });
    const { app, done } = agencyBehind(faults);
    const post = () => request(app).post('/agency/work').send({});
    faults.set('agency', { fail5xx: 1, fail429: 1 });

    // Act
    const statuses = [(await post()).status, (await post()).status];
    faults.set('agency', { errorRate: 1 });
    statuses.push((await post()).status);
    faults.set('agency', { tooManyRate: 1 });
    statuses.push((await post()).status);
    faults.set('agency', { outageUntil: new Date(Date.now() + 60_000).toISOString() });
    statuses.push((await post()).status);
    faults.clear('agency');
    statuses.push((await post()).status);
    const counted = faults.stats();
    faults.resetStats();

    // Assert
    expect(statuses).toEqual([503, 429, 500, 429, 503, 201]);
    expect(done).toHaveLength(1);
    expect(counted).toEqual({
      agency: { requests: 5, '5xx': 2, '429': 2, outage: 1, lostReply: 0, delayed: 0 },
    });
    expect(faults.stats()).toEqual({});
  });
});
