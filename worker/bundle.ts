// Prebuilds the workflow bundle for production workers (WORKFLOW_BUNDLE_PATH), so a worker starts
// without running webpack.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { WORKFLOWS_PATH } from './create-worker';

async function main(out: string): Promise<void> {
  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, code);
  console.log(`workflow bundle written to ${out} (${Math.round(code.length / 1024)} KiB)`);
}

main(resolve(process.argv[2] ?? 'build/workflow-bundle.js')).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
