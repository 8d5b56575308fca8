// Prebuilds the workflow bundle for production workers (WORKFLOW_BUNDLE_PATH), so a worker starts
// without running webpack. With --previous-version it builds the workflows as they ran before their
// patches were deployed, for the versioning drill (issue 8): cases started on it must finish on the
// current code.
//
//   tsx worker/bundle.ts [--previous-version] [out]
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { WORKFLOWS_PATH, workflowWebpackConfig } from './create-worker';

/** Stands in for '@temporalio/workflow' in the previous-version bundle: every patched() is false. */
const PREVIOUS_VERSION_SHIM = join(__dirname, 'previous-version', 'workflow-shim.ts');

export interface BundleOptions {
  /** Today's sources as they ran before any patch: patched() false, no marker recorded. */
  previousVersion?: boolean;
}

/** Builds the bundle and writes it to `out` (for createWorkers' workflowBundlePath). */
export async function writeWorkflowBundle(
  out: string,
  { previousVersion = false }: BundleOptions = {},
): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    webpackConfigHook: (base) => {
      const config = workflowWebpackConfig(base);
      if (!previousVersion) return config;
      return {
        ...config,
        resolve: {
          ...config.resolve,
          // `$`: only the exact request, so the shim's own deep import reaches the real package.
          alias: { ...config.resolve?.alias, '@temporalio/workflow$': PREVIOUS_VERSION_SHIM },
        },
      };
    },
  });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, code);
  return code;
}

async function main(args: string[]): Promise<void> {
  const previousVersion = args.includes('--previous-version');
  const out = resolve(args.find((a) => !a.startsWith('--')) ?? 'build/workflow-bundle.js');
  const code = await writeWorkflowBundle(out, { previousVersion });
  const which = previousVersion ? 'previous-version workflow bundle' : 'workflow bundle';
  console.log(`${which} written to ${out} (${Math.round(code.length / 1024)} KiB)`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
