// Results: one JSON file per scenario under bench/results/, and a Markdown summary of all of them with
// the machine they came from.
import { cpus, totalmem } from 'node:os';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './stack';

export const RESULTS = join(ROOT, 'bench', 'results');

export interface Figure {
  name: string;
  value: number | string;
  unit?: string;
  target?: string;
  met?: boolean;
}

export interface ScenarioResult {
  scenario: string;
  title: string;
  figures: Figure[];
  /** Everything else worth keeping (per-repetition numbers, flags, notes). */
  details: Record<string, unknown>;
}

export const machine = () => ({
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
});

export function writeResult(result: ScenarioResult): void {
  mkdirSync(RESULTS, { recursive: true });
  const at = new Date().toISOString();
  writeFileSync(
    join(RESULTS, `${result.scenario}.json`),
    `${JSON.stringify({ ...result, at, machine: machine() }, null, 2)}\n`,
  );
  writeSummary();
}

const cell = (f: Figure) =>
  `| ${f.name} | ${typeof f.value === 'number' ? f.value.toLocaleString('en-US') : f.value}${f.unit ? ` ${f.unit}` : ''} | ${f.target ?? ''} | ${f.met === undefined ? '' : f.met ? 'yes' : '**no**'} |`;

/** bench/results/summary.md from every scenario's latest JSON. */
export function writeSummary(): void {
  const results = readdirSync(RESULTS)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map(
      (f) =>
        JSON.parse(readFileSync(join(RESULTS, f), 'utf8')) as ScenarioResult & {
          at: string;
          machine: ReturnType<typeof machine>;
        },
    );
  const lines = ['# Benchmark results', ''];
  for (const r of results) {
    lines.push(
      `## ${r.title}`,
      '',
      `${r.at} · ${r.machine.cores} × ${r.machine.cpu}, ${r.machine.memoryGiB} GiB, Node ${r.machine.node}`,
      '',
      '| figure | value | target | met |',
      '| --- | --- | --- | --- |',
      ...r.figures.map(cell),
      '',
    );
    const notes = r.details.notes;
    if (Array.isArray(notes)) lines.push(...notes.map((n) => `- ${String(n)}`), '');
  }
  writeFileSync(join(RESULTS, 'summary.md'), `${lines.join('\n')}\n`);
}

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
