// STYLE rule 3, checked by dependency-cruiser with the project's own rule set.
import { join } from 'node:path';
import { cruise, type IReporterOutput, type IViolation } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require(join(ROOT, '.dependency-cruiser.cjs')) as {
  forbidden: unknown[];
  options: Record<string, unknown>;
};
const LAYERS = [
  'domain',
  'workflows',
  'activities',
  'agencies',
  'db',
  'documents',
  'api',
  'config',
  'worker',
  'scripts',
  'web/src',
];

async function violations(baseDir: string, folders: string[]): Promise<string[]> {
  const previous = process.cwd();
  process.chdir(baseDir); // rule paths are relative to the cruised root
  try {
    const result: IReporterOutput = await cruise(folders, {
      ...config.options,
      ruleSet: { forbidden: config.forbidden },
      validate: true,
      tsConfig: { fileName: join(ROOT, 'tsconfig.json') },
    } as Parameters<typeof cruise>[1]);
    const output = result.output as { summary: { violations: IViolation[] } };
    return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
  } finally {
    process.chdir(previous);
  }
}

describe('layer rules', () => {
  it('when the project is cruised, then no dependency breaks a layer rule', async () => {
    expect(await violations(ROOT, LAYERS)).toEqual([]);
  });

  it('when a fixture breaks each rule, then each break is reported', async () => {
    const fixture = join(__dirname, 'fixture');
    expect(
      await violations(fixture, [
        'workflows',
        'domain',
        'api',
        'db',
        'documents',
        'activities',
        'web/src',
      ]),
    ).toEqual([
      'api-no-activities-or-db-writes: api/route.ts → db/writes.repository.ts',
      'api-no-signing-keys: api/route.ts → documents/signer.ts',
      'documents-below-their-callers: documents/signer.ts → api/app.ts',
      'domain-is-pure: domain/impure.ts → db/writes.repository.ts',
      'web-no-node-builtins: web/src/leaky.ts → fs',
      'web-only-domain: web/src/leaky.ts → db/pool.ts',
      'web-only-domain: web/src/leaky.ts → fs',
      'workflows-no-io: workflows/leaky.workflow.ts → db/pool.ts',
      'workflows-no-node-builtins: workflows/leaky.workflow.ts → fs',
    ]);
  });
});
