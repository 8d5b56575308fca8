// The load generator, a process of its own so it does not share the API's CPU budget. Open loop: the
// n-th request is due at n / rate seconds and is sent then, whether or not earlier ones have been
// answered, and its latency counts from when it was due (so a stalled server is not hidden by a
// generator that waits for it). autocannon was used before; its rate limit lets each connection send
// its whole second's quota back to back and then pause, so "200 requests/s" arrived as 20-way bursts
// at each second's start and the figures measured the bursts. Prints one JSON line:
// { requests, errors, non2xx, p50, p95, p99, max, statuses } (milliseconds).
//   npx tsx bench/load.ts '<json options>'
import { Agent, request } from 'node:http';
import { percentile } from './lib/report';

interface LoadOptions {
  url: string;
  method: 'GET' | 'POST';
  ratePerSecond: number;
  seconds: number;
  headers: Record<string, string>;
  /** POST bodies: `{{n}}` in the template is replaced by a number unique to each request. */
  bodyTemplate?: string;
}

const TIMEOUT_MS = 10_000;

function send(
  agent: Agent,
  options: LoadOptions,
  body: string | undefined,
): Promise<number | 'error'> {
  return new Promise((done) => {
    const req = request(
      options.url,
      { method: options.method, headers: options.headers, agent, timeout: TIMEOUT_MS },
      (res) => {
        res.resume();
        res.once('end', () => done(res.statusCode ?? 0));
        res.once('error', () => done('error'));
      },
    );
    req.once('timeout', () => req.destroy());
    req.once('error', () => done('error'));
    req.end(body);
  });
}

async function main(options: LoadOptions): Promise<void> {
  // Enough sockets that a request never waits for one: the rate times the slowest answer expected.
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const total = Math.round(options.ratePerSecond * options.seconds);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let n = 0; n < total; n += 1) {
    const due = started + (n * 1000) / options.ratePerSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const body = options.bodyTemplate?.replaceAll('{{n}}', String(n + 1));
    inFlight.push(
      send(agent, options, body).then((status) => {
        latencies.push(performance.now() - due);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }),
    );
  }
  await Promise.all(inFlight);
  agent.destroy();
  const ok = (s: string) => /^2\d\d$/.test(s);
  const count = (match: (s: string) => boolean) =>
    Object.entries(statuses)
      .filter(([s]) => match(s))
      .reduce((sum, [, n]) => sum + n, 0);
  console.log(
    JSON.stringify({
      requests: total,
      errors: statuses.error ?? 0,
      non2xx: count((s) => s !== 'error' && !ok(s)),
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      max: Math.max(...latencies),
      statuses,
    }),
  );
}

main(JSON.parse(process.argv[2] ?? '{}') as LoadOptions).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
