// Last resort for provision-temporal-cli.sh: let the SDK download the official Temporal CLI where the
// internet is reachable, then keep the binary at <dir>/temporal. Fails at once without internet.
import { copyFileSync, chmodSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';

async function main(dir: string): Promise<void> {
  const downloadDir = join(dir, 'download');
  const env = await TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'cached-download', downloadDir } },
  });
  await env.teardown();
  const binary = readdirSync(downloadDir)
    .map((name) => join(downloadDir, name))
    .find((path) => statSync(path).isFile() && /temporal/.test(path));
  if (!binary) throw new Error(`the SDK reported success but left no binary in ${downloadDir}`);
  copyFileSync(binary, join(dir, 'temporal'));
  chmodSync(join(dir, 'temporal'), 0o755);
}

const dir = process.argv[2];
if (!dir) throw new Error('usage: download-temporal-cli.ts <cache-dir>');
main(dir).catch((error: unknown) => {
  console.error(`[provision] the SDK's download failed: ${String(error)}`);
  process.exitCode = 1;
});
