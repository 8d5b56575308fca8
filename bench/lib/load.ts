// Runs the load generator (bench/load.ts) as a process of its own and reads its figures.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, TSX } from './stack';

export interface Load {
  requests: number;
  errors: number;
  non2xx: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function load(options: Record<string, unknown>): Promise<Load> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [join(ROOT, 'bench', 'load.ts'), JSON.stringify(options)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code === 0) resolve(JSON.parse(line) as Load);
      else reject(new Error(`load generator exited ${code}: ${out}`));
    });
  });
}

/** Seconds each load first runs unmeasured: the API's code paths compiled, its pool and sockets open. */
export const WARM_UP_SECONDS = 5;

/**
 * `load` after a few seconds of the same load unmeasured. `bodyTemplate`, if given, makes the body
 * for each part ('WARM', 'LOAD'), so warm-up filings do not take the measured ones' numbers.
 */
export async function measuredLoad(
  options: Record<string, unknown> & { seconds: number },
  bodyTemplate?: (part: 'WARM' | 'LOAD') => string,
): Promise<Load> {
  const body = (part: 'WARM' | 'LOAD') =>
    bodyTemplate ? { bodyTemplate: bodyTemplate(part) } : {};
  await load({ ...options, seconds: WARM_UP_SECONDS, ...body('WARM') });
  return load({ ...options, ...body('LOAD') });
}
