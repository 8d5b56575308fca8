// The desk receipt through the real stack (issue 21): printed right after filing, read back with
// poppler's pdftotext, its QR codes decoded from the page as pdftoppm draws it — one to the case,
// one to the receipt's own public verification.
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamDate } from '../../domain/calendar/vietnam';
import { dmy } from '../../domain/receipt';
import { aBirthApplication } from '../fixtures/birth-application';
import { tokenFor } from '../support/auth';
import { pdfText, qrCodes, scratch, TEST_PUBLIC_URL } from '../support/documents';
import { citizen, clerk, file, uniqueCertificate, waitForCase } from '../support/group-a';
import { uniquePin } from '../support/group-b';
import { asBytes } from '../support/uploads';
import { startTestStack, type TestStack } from '../support/stack';

describe('the desk receipt', () => {
  let stack: TestStack;
  let files: Awaited<ReturnType<typeof scratch>>;
  beforeAll(async () => {
    stack = await startTestStack();
    files = await scratch();
  });
  afterAll(async () => {
    await files.remove();
    await stack.stop();
  });

  const print = async (caseId: string) =>
    request(stack.app)
      .get(`/v1/cases/${encodeURIComponent(caseId)}/receipt.pdf`)
      .set('Authorization', `Bearer ${await clerk()}`)
      .buffer(true)
      .parse(asBytes);

  it('when a clerk files a birth, then the receipt prints at once: its code, the applicant, what was received, the appointment date, and QR codes to the case and to its verification', async () => {
    const application = aBirthApplication(uniqueCertificate());
    const filed = await file(stack.app, application);
    expect(filed.status).toBe(202);
    const { caseId, caseCode } = filed.body as { caseId: string; caseCode: string };

    const receipt = await print(caseId);
    expect(receipt.status).toBe(200);
    expect(receipt.headers['content-type']).toBe('application/pdf');
    const pdf = join(files.dir, `${caseCode}.pdf`);
    await writeFile(pdf, receipt.body as Buffer);

    const text = await pdfText(pdf);
    const view = await waitForCase(stack.app, caseId, application.applicant.pin, () => undefined);
    const appointment = dmy(vietnamDate(Date.parse(view.deadline)));
    expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(text).toContain(`Mã hồ sơ: ${caseCode}`);
    expect(text).toContain(application.applicant.fullName);
    expect(text).toContain(`Giấy chứng sinh số ${application.medicalBirthCertificate.number}`);
    expect(text).toMatch(new RegExp(`trả kết quả giải quyết hồ sơ: ngày ${appointment}`));

    const codes = await qrCodes(pdf, files.dir);
    expect(codes).toContain(`${TEST_PUBLIC_URL}/cases/${encodeURIComponent(caseId)}`);
    const verifyLink = codes.find((c) => c.startsWith(`${TEST_PUBLIC_URL}/verify/`));
    expect(verifyLink, codes.join(', ')).toBeDefined();
    const code = String(verifyLink).split('/').pop() ?? '';
    expect(text).toContain(code);

    const verified = await request(stack.app)
      .get(`/verify/${code}`)
      .set('Accept', 'application/json');
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ kind: 'receipt', number: caseCode, status: 'valid' });
    expect(verified.body.sha256).toBe(
      createHash('sha256')
        .update(receipt.body as Buffer)
        .digest('hex'),
    );

    // Printed again: the same document, byte for byte, so its verification still holds.
    const again = await print(caseId);
    expect(Buffer.compare(again.body as Buffer, receipt.body as Buffer)).toBe(0);
  });

  it('when a clerk whose token names them files, then the receipt names them as who received it', async () => {
    const named = await tokenFor({
      sub: 'clerk-mot-cua-7',
      name: 'Lê Thị Thu Hà',
      role: 'clerk',
      jurisdiction: '00004',
    });
    const filed = await request(stack.app)
      .post('/v1/cases')
      .set('Authorization', `Bearer ${named}`)
      .send(aBirthApplication(uniqueCertificate()));
    expect(filed.status).toBe(202);
    const receipt = await print(String(filed.body.caseId));
    const pdf = join(files.dir, 'named.pdf');
    await writeFile(pdf, receipt.body as Buffer);
    const text = await pdfText(pdf);
    expect(text).toContain('Lê Thị Thu Hà');
    expect(text).not.toContain('clerk-mot-cua-7');
  });

  it('when someone who is not a party asks for the receipt, then 404, as for the case', async () => {
    const filed = await file(stack.app, aBirthApplication(uniqueCertificate()));
    const stranger = await request(stack.app)
      .get(`/v1/cases/${encodeURIComponent(String(filed.body.caseId))}/receipt.pdf`)
      .set('Authorization', `Bearer ${await citizen(uniquePin())}`);
    expect(stranger.status).toBe(404);
  });
});
