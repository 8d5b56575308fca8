// The prebuilt workflow bundle carries only what workflows run: every module in it is evaluated again
// for each workflow the worker starts, so a zod schema imported by a workflow is built per case.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeWorkflowBundle } from '../../worker/bundle';

describe('workflow bundle', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lien-thong-bundle-'));
  let code = '';
  beforeAll(async () => {
    code = await writeWorkflowBundle(join(dir, 'workflow-bundle.js'));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('when the bundle is built, then it holds no zod module (workflows import schemas as types only)', () => {
    expect(code).toContain('./workflows/index.ts');
    expect(code).not.toMatch(/\.\/node_modules\/zod\//);
  });

  it('when the bundle is built, then it holds xstate’s production build, not its development build', () => {
    expect(code).toMatch(/\.\/node_modules\/xstate\/dist\/xstate\.esm\.js/);
    expect(code).not.toMatch(/xstate\.development\./);
  });
});
