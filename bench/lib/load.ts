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
