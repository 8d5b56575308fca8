// The documents people print and download, in Chromium through the real stack (issue 21): the clerk
// prints the desk receipt from the case page in one click, the case page itself prints without its
// controls, and a finished case's page lists its signed results for download and verification.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { aBirthApplication } from '../fixtures/birth-application';
import { pdfsig, pdfText, scratch, trustStore } from '../support/documents';
import { file, uniqueCertificate, waitForCase } from '../support/group-a';
import { setCivilStatusReview } from '../support/stack';
import {
  axeViolations,
  CITIZEN,
  CLERK,
  MOTHER,
  ready,
  screenshot,
  SCREENSHOTS,
  signedIn,
  startBrowserStack,
  untilShown,
  type BrowserStack,
} from './browser';

const run = promisify(execFile);

describe('documents in the browser', () => {
  let env: BrowserStack;
  let files: Awaited<ReturnType<typeof scratch>>;
  beforeAll(async () => {
    env = await startBrowserStack({ documents: true });
    await setCivilStatusReview(env.stack.simulatorsUrl, '00004', 'automatic');
    files = await scratch();
  });
  afterAll(async () => {
    await files?.remove();
    await env?.stop();
  });

  it('when the clerk clicks “In giấy tiếp nhận” on a case just filed, then the print frame holds the receipt (drawn to test-output/screenshots/receipt-printed.png), and the case page prints without its controls', async () => {
    const filed = await file(env.stack.app, aBirthApplication(uniqueCertificate()));
    const { caseId, caseCode } = filed.body as { caseId: string; caseCode: string };
    const { page, context } = await signedIn(env.browser, env.base, CLERK);
    await page.goto(`/cases/${encodeURIComponent(caseId)}`);
    await ready(page);
    // What the click fetches is what the print frame shows (as a blob, which the page's CSP keeps
    // scripts from reading back): the bytes are taken on their way to the page.
    let served: Buffer = Buffer.alloc(0);
    await page.route('**/receipt.pdf', async (route) => {
      const response = await route.fetch();
      served = await response.body();
      await route.fulfill({ response });
    });
    await page.click('#print-receipt');
    const frame = page.locator('iframe.print-frame');
    await frame.waitFor({ state: 'attached' });
    expect(await frame.getAttribute('src')).toMatch(/^blob:/);
    expect(served.subarray(0, 5).toString()).toBe('%PDF-');
    const printed = join(files.dir, 'receipt.pdf');
    await writeFile(printed, served);
    const text = await pdfText(printed);
    expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(text).toContain(caseCode);
    await run('pdftoppm', [
      '-png',
      '-r',
      '80',
      '-singlefile',
      printed,
      join(SCREENSHOTS, 'receipt-printed'),
    ]);

    // The page as printed: its content, no navigation, no buttons.
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'case-print');
    expect(await page.locator('#case-code').isVisible()).toBe(true);
    expect(await page.locator('#print-receipt').isVisible()).toBe(false);
    expect(await page.locator('header').isVisible()).toBe(false);
    const pagePdf = join(files.dir, 'case-page.pdf');
    await writeFile(pagePdf, await page.pdf({ format: 'A4' }));
    const pageText = await pdfText(pagePdf);
    expect(pageText).toContain(caseCode);
    expect(pageText).not.toContain('In giấy tiếp nhận');
    await context.close();
  });

  it('when a Group A case completes, then the citizen’s case page lists its signed results, valid, and one downloads as the PDF the agency signed', async () => {
    const application = aBirthApplication(uniqueCertificate());
    application.components = { residence: false, insurance: true };
    const filed = await file(env.stack.app, application);
    const caseId = filed.body.caseId as string;
    await waitForCase(env.stack.app, caseId, MOTHER, (v) => expect(v.status).toBe('completed'));
    const { page, context } = await signedIn(env.browser, env.base, CITIZEN);
    await page.goto(`/cases/${encodeURIComponent(caseId)}`);
    const extract = '#documents li[data-kind="birth_extract"][data-state="issued"]';
    await untilShown(page, extract);
    await untilShown(page, '#documents li[data-kind="health_insurance_card"][data-state="issued"]');
    await expect.poll(() => page.locator(extract).innerText()).toContain('Còn hiệu lực');
    await screenshot(page, 'case-documents');
    expect(await axeViolations(page)).toEqual([]);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(`${extract} button`).click(),
    ]);
    const saved = join(files.dir, 'downloaded.pdf');
    await download.saveAs(saved);
    const nss = await trustStore(files.dir, env.stack.keyring?.caCertificate ?? '');
    await vi.waitFor(async () =>
      expect(await pdfsig(saved, nss)).toMatchObject([
        { signatureValid: true, certificateTrusted: true },
      ]),
    );
    expect(await pdfText(saved)).toContain('TRÍCH LỤC KHAI SINH');
    const verifyLink = await page.locator(`${extract} a`).getAttribute('href');
    expect(verifyLink).toMatch(/\/verify\/[0-9A-Z]{12}$/);
    await context.close();
  });
});
