// Bundles the pages' TypeScript and CSS (web/src) into web/dist with esbuild: one script, one style
// sheet, both served by the API under /assets. The bundle may hold the domain's schemas (the form
// validates with the API's own zod schemas) but nothing that does I/O: the build fails otherwise.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { build, type Metafile } from 'esbuild';

const ROOT = resolve(__dirname, '..');
export const WEB_DIST = resolve(__dirname, 'dist');

/**
 * What the browser bundle may contain: its own code, the pure domain, zod, the OAuth client, and the
 * country names (data, with the accent folding they use).
 */
const ALLOWED_INPUTS = [
  /^web\/src\//,
  /^domain\//,
  /^node_modules\/zod\//,
  /^node_modules\/oauth4webapi\//,
  /^node_modules\/i18n-iso-countries\//,
  /^node_modules\/diacritics\//,
];

function layerViolations(metafile: Metafile): string[] {
  return Object.keys(metafile.inputs)
    .map((input) => relative(ROOT, resolve(ROOT, input)).split('\\').join('/'))
    .filter((input) => !ALLOWED_INPUTS.some((allowed) => allowed.test(input)));
}

export async function buildWeb({ outdir = WEB_DIST }: { outdir?: string } = {}): Promise<{
  files: string[];
  bytes: number;
}> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { app: 'web/src/main.ts' },
    outdir,
    bundle: true,
    minify: true,
    sourcemap: 'linked',
    format: 'iife',
    platform: 'browser',
    target: ['chrome111', 'firefox111', 'safari16'],
    charset: 'utf8',
    legalComments: 'none',
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  const violations = layerViolations(result.metafile);
  if (violations.length > 0)
    throw new Error(`the web bundle may not import these:\n  ${violations.join('\n  ')}`);
  // Each file appears whole or not at all: a page loading while another build runs (the launcher, a
  // test) never gets half a script.
  for (const file of result.outputFiles) {
    mkdirSync(dirname(file.path), { recursive: true });
    const partial = `${file.path}.${process.pid}.partial`;
    writeFileSync(partial, file.contents);
    renameSync(partial, file.path);
  }
  const outputs = Object.entries(result.metafile.outputs).filter(([f]) => !f.endsWith('.map'));
  return {
    files: outputs.map(([file]) => relative(ROOT, resolve(ROOT, file))),
    bytes: outputs.reduce((sum, [, output]) => sum + output.bytes, 0),
  };
}

if (require.main === module) {
  const started = Date.now();
  buildWeb().then(
    ({ files, bytes }) =>
      console.log(
        `[web] built ${files.join(', ')} (${Math.round(bytes / 1024)} kB) in ${Date.now() - started} ms`,
      ),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
