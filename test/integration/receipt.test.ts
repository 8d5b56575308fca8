// The desk receipt through the real stack (issue 21): printed right after filing, read back with
// poppler's pdftotext, and its QR code decoded from the page as pdftoppm draws it.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamDate } from '../../domain/calendar/vietnam';
import { dmy } from '../../domain/receipt';
import { aBirthApplication } from '../fixtures/birth-application';
import { citizen, clerk, file, uniqueCertificate, waitForCase } from '../support/group-a';
import { uniquePin } from '../support/group-b';
import { startTestStack, type TestStack } from '../support/stack';

const run = promisify(execFile);

describe('the desk receipt', () => {
  let stack: TestStack;
  let scratch: string;
  beforeAll(async () => {
    stack = await startTestStack();
    scratch = await mkdtemp(join(tmpdir(), 'receipt-'));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
    await stack.stop();
  });

  it('when a clerk files a birth, then the receipt prints at once: its code, the applicant, what was received, the appointment date, and a QR code to the case', async () => {
    const application = aBirthApplication(uniqueCertificate());
    const filed = await file(stack.app, application);
    expect(filed.status).toBe(202);
    const { caseId, caseCode } = filed.body as { caseId: string; caseCode: string };

    const receipt = await request(stack.app)
      .get(`/v1/cases/${encodeURIComponent(caseId)}/receipt.pdf`)
      .set('Authorization', `Bearer ${await clerk()}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(receipt.status).toBe(200);
    expect(receipt.headers['content-type']).toBe('application/pdf');
    const pdf = join(scratch, `${caseCode}.pdf`);
    await writeFile(pdf, receipt.body as Buffer);

    const { stdout: text } = await run('pdftotext', ['-layout', pdf, '-']);
    const view = await waitForCase(stack.app, caseId, application.applicant.pin, () => undefined);
    const appointment = dmy(vietnamDate(Date.parse(view.deadline)));
    expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(text).toContain(`Mã hồ sơ: ${caseCode}`);
    expect(text).toContain(application.applicant.fullName);
    expect(text).toContain(`Giấy chứng sinh số ${application.medicalBirthCertificate.number}`);
    expect(text).toMatch(new RegExp(`trả kết quả giải quyết hồ sơ: ngày ${appointment}`));

    await run('pdftoppm', ['-r', '150', '-png', '-singlefile', pdf, join(scratch, caseCode)]);
    const image = PNG.sync.read(await readFile(join(scratch, `${caseCode}.png`)));
    const qr = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
    expect(qr?.data).toBe(`http://127.0.0.1:3000/cases/${encodeURIComponent(caseId)}`);
  });

  it('when someone who is not a party asks for the receipt, then 404, as for the case', async () => {
    const filed = await file(stack.app, aBirthApplication(uniqueCertificate()));
    const stranger = await request(stack.app)
      .get(`/v1/cases/${encodeURIComponent(String(filed.body.caseId))}/receipt.pdf`)
      .set('Authorization', `Bearer ${await citizen(uniquePin())}`);
    expect(stranger.status).toBe(404);
  });
});
