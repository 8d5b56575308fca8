// Prebuilds the workflow bundle for production workers (WORKFLOW_BUNDLE_PATH), so a worker starts
// without running webpack.
//
//   tsx worker/bundle.ts [out]
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '../config/data-converter';
import { WORKFLOWS_PATH, workflowWebpackConfig } from './create-worker';

/** Builds the bundle and writes it to `out` (for createWorkers' workflowBundlePath). */
export async function writeWorkflowBundle(out: string): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    // Failures raised in workflow code go through the codec as the worker's own do.
    failureConverterPath: FAILURE_CONVERTER_PATH,
    webpackConfigHook: workflowWebpackConfig,
  });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, code);
  return code;
}

async function main(args: string[]): Promise<void> {
  const out = resolve(args.find((a) => !a.startsWith('--')) ?? 'build/workflow-bundle.js');
  const code = await writeWorkflowBundle(out);
  console.log(`workflow bundle written to ${out} (${Math.round(code.length / 1024)} KiB)`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
