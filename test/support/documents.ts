// The tests' side of issued documents: one development keyring per test file (its CA trusted by an
// NSS database made for `pdfsig`), and the standard tools that read what the system hands out —
// poppler's pdfsig, pdftotext and pdftoppm — rather than the libraries that wrote it.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { developmentKeyring, type Keyring } from '../../documents/pki';

const run = promisify(execFile);

/** The address printed in QR codes by the test stack's API and issuer. */
export const TEST_PUBLIC_URL = 'https://lien-thong.test';

let keyring: Keyring | undefined;
export const testKeyring = () => (keyring ??= developmentKeyring());

/** A scratch directory for one test's files, removed by the returned `remove`. */
export async function scratch(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'lien-thong-documents-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** An NSS database in `dir` that trusts `caCertificate` (PEM) to sign documents: pdfsig's trust store. */
export async function trustStore(dir: string, caCertificate: string): Promise<string> {
  const db = join(dir, 'nss');
  await run('mkdir', ['-p', db]);
  await run('certutil', ['-N', '-d', `sql:${db}`, '--empty-password']);
  const ca = join(dir, 'ca.pem');
  await writeFile(ca, caCertificate);
  await run('certutil', [
    '-A',
    '-d',
    `sql:${db}`,
    '-n',
    'lien-thong-dev-ca',
    '-t',
    'CT,C,C',
    '-i',
    ca,
  ]);
  return `sql:${db}`;
}

export interface PdfSignature {
  signer: string;
  type: string;
  signatureValid: boolean;
  certificateTrusted: boolean;
  /** pdfsig's words, for a failure's message. */
  report: string;
}

/** pdfsig's verdict on each signature of a PDF file (exit status ignored: it is non-zero when invalid). */
export async function pdfsig(file: string, nssdir: string): Promise<PdfSignature[]> {
  const report = await run('pdfsig', ['-nssdir', nssdir, file]).then(
    ({ stdout }) => stdout,
    (error: { stdout?: string }) => error.stdout ?? '',
  );
  return report
    .split(/^Signature #\d+:$/m)
    .slice(1)
    .map((block) => ({
      signer: /Signer Certificate Common Name: (.*)$/m.exec(block)?.[1] ?? '',
      type: /Signature Type: (.*)$/m.exec(block)?.[1] ?? '',
      signatureValid: /Signature Validation: Signature is Valid\./.test(block),
      certificateTrusted: /Certificate Validation: Certificate is Trusted\./.test(block),
      report: block.trim(),
    }));
}

/** The text of a PDF file, as poppler reads it. */
export async function pdfText(file: string): Promise<string> {
  return (await run('pdftotext', ['-layout', file, '-'])).stdout;
}

/** Every QR code poppler draws on a PDF's first page, decoded (one at a time, each masked after). */
export async function qrCodes(file: string, dir: string): Promise<string[]> {
  const prefix = join(dir, 'page');
  await run('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', '-singlefile', file, prefix]);
  const png = PNG.sync.read(await readFile(`${prefix}.png`));
  const pixels = new Uint8ClampedArray(png.data);
  const found: string[] = [];
  for (let i = 0; i < 4; i++) {
    const code = jsQR(pixels, png.width, png.height);
    if (!code) break;
    found.push(code.data);
    // Paint it white so the next search finds the next one.
    const { topLeftCorner: a, bottomRightCorner: b } = code.location;
    for (let y = Math.floor(Math.min(a.y, b.y)) - 4; y <= Math.max(a.y, b.y) + 4; y++)
      for (let x = Math.floor(Math.min(a.x, b.x)) - 4; x <= Math.max(a.x, b.x) + 4; x++) {
        const at = (y * png.width + x) * 4;
        if (at >= 0 && at + 3 < pixels.length) pixels.fill(255, at, at + 4);
      }
  }
  return found;
}
