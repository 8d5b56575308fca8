// The load generator, a process of its own so it does not share the API's CPU budget: autocannon at a
// fixed arrival rate, each response's latency recorded. Prints one JSON line:
// { requests, errors, non2xx, p50, p95, p99, max } (milliseconds).
//   npx tsx bench/load.ts '<json options>'
import autocannon from 'autocannon';
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

async function main(options: LoadOptions): Promise<void> {
  const latencies: number[] = [];
  let n = 0;
  const statuses: Record<number, number> = {};
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        method: options.method,
        headers: options.headers,
        overallRate: options.ratePerSecond,
        duration: options.seconds,
        connections: Math.max(10, Math.ceil(options.ratePerSecond / 10)),
        ...(options.bodyTemplate !== undefined && {
          requests: [
            {
              setupRequest: (request) => ({
                ...request,
                body: (options.bodyTemplate ?? '').replaceAll('{{n}}', String(++n)),
              }),
            },
          ],
        }),
      },
      (error: unknown, done) =>
        error
          ? reject(
              error instanceof Error ? error : new Error('autocannon failed', { cause: error }),
            )
          : resolve(done),
    );
    instance.on('response', (_client, status, _bytes, responseTime) => {
      latencies.push(responseTime);
      statuses[status] = (statuses[status] ?? 0) + 1;
    });
  });
  console.log(
    JSON.stringify({
      requests: result.requests.total,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
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
