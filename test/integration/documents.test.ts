// Each step's electronic result through the real stack (issue 21): a completed case lists its
// documents, each a PDF signed by its agency that poppler's pdfsig verifies under the development CA;
// the QR code printed on it opens the public verification, which an annulment turns to `revoked`.
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { vietnamDate } from '../../domain/calendar/vietnam';
import { subjectName } from '../../documents/signer';
import type { CaseView } from '../../domain/procedures/views';
import { aBirthApplication } from '../fixtures/birth-application';
import { tokenFor } from '../support/auth';
import {
  pdfsig,
  pdfText,
  qrCodes,
  scratch,
  TEST_PUBLIC_URL,
  trustStore,
} from '../support/documents';
import {
  citizen,
  decide,
  file,
  officer,
  stepOf,
  uniqueCertificate,
  uniqueChildName,
  waitForCase,
} from '../support/group-a';
import { addDeceased, aDeathApplication, participant } from '../support/group-b';
import { asBytes } from '../support/uploads';
import { setCivilStatusReview, startTestStack, type TestStack } from '../support/stack';

interface Listed {
  documentId: string;
  kind: string;
  number: string;
  state: string;
  validity: string;
  href?: string;
  verifyUrl: string;
  sha256?: string;
}

describe('signed electronic results', () => {
  let stack: TestStack;
  let files: Awaited<ReturnType<typeof scratch>>;
  let nssdir: string;
  const today = vietnamDate(Date.now());
  beforeAll(async () => {
    stack = await startTestStack({ documents: true });
    await setCivilStatusReview(stack.simulatorsUrl, '00004', 'automatic');
    files = await scratch();
    nssdir = await trustStore(files.dir, stack.keyring?.caCertificate ?? '');
  });
  afterAll(async () => {
    await files?.remove();
    await stack?.stop();
  });

  const listed = async (caseId: string, pin: string): Promise<Listed[]> => {
    const response = await request(stack.app)
      .get(`/v1/cases/${encodeURIComponent(caseId)}/documents`)
      .set('Authorization', `Bearer ${await citizen(pin)}`);
    expect(response.status).toBe(200);
    return (response.body as { items: Listed[] }).items;
  };
  /** The case's result documents once every one is issued (the receipt aside). */
  const issued = (caseId: string, pin: string, kinds: string[]) =>
    vi.waitFor(
      async () => {
        const results = (await listed(caseId, pin)).filter((d) => d.kind !== 'receipt');
        expect(results.map((d) => [d.kind, d.state]).sort()).toEqual(
          kinds.map((k) => [k, 'issued']).sort(),
        );
        return results;
      },
      { timeout: 30_000, interval: 250 },
    );
  const download = async (caseId: string, document: Listed, pin: string) => {
    const response = await request(stack.app)
      .get(document.href ?? '')
      .set('Authorization', `Bearer ${await citizen(pin)}`)
      .buffer(true)
      .parse(asBytes);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const path = join(files.dir, `${caseId.replace(/\W/g, '_')}-${document.kind}.pdf`);
    await writeFile(path, response.body as Buffer);
    return { path, bytes: response.body as Buffer };
  };
  const verify = (code: string, accept = 'application/json') =>
    request(stack.app).get(`/verify/${code}`).set('Accept', accept);

  it('when a Group A case completes, then it lists its birth extract, residence notice and health-insurance card, each signed by its agency under the development CA, printing the child and the numbers the agencies gave', async () => {
    const application = aBirthApplication(uniqueCertificate());
    application.child = { ...application.child, fullName: uniqueChildName() };
    const pin = application.applicant.pin;
    const filed = await file(stack.app, application);
    expect(filed.status).toBe(202);
    const caseId = filed.body.caseId as string;
    const view = await waitForCase(stack.app, caseId, pin, (v) =>
      expect(v.status).toBe('completed'),
    );

    const documents = await issued(caseId, pin, [
      'birth_extract',
      'residence_registration',
      'health_insurance_card',
    ]);
    const signers = {
      birth_extract: 'civil-status',
      residence_registration: 'police',
      health_insurance_card: 'social-insurance',
    } as const;
    const numbers = {
      birth_extract: stepOf(view, 'birth').result?.extractNumber,
      residence_registration: stepOf(view, 'residence').result?.residenceRef,
      health_insurance_card: stepOf(view, 'insurance').result?.insuranceNumber,
    };
    const childPin = stepOf(view, 'birth').result?.pin ?? '';
    expect(childPin).toMatch(/^\d{12}$/);
    for (const document of documents) {
      const kind = document.kind as keyof typeof signers;
      expect(document.number).toBe(numbers[kind]);
      expect(document.validity).toBe('valid');
      const { path, bytes } = await download(caseId, document, pin);
      expect(document.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));

      const [signature, ...more] = await pdfsig(path, nssdir);
      expect(more).toEqual([]);
      expect(signature, signature?.report).toMatchObject({
        type: 'ETSI.CAdES.detached',
        signatureValid: true,
        certificateTrusted: true,
        signer: subjectName(stack.keyring?.keys[signers[kind]].certificate ?? ''),
      });
      const text = await pdfText(path);
      expect(text).toContain(application.child.fullName);
      expect(text).toContain(`Số: ${document.number}`);
      expect(text).toContain(childPin);
    }
    const extract = await pdfText(
      join(files.dir, `${caseId.replace(/\W/g, '_')}-birth_extract.pdf`),
    );
    expect(extract).toContain('TRÍCH LỤC KHAI SINH');
    expect(extract).toContain(application.mother.fullName);
  });

  it('when one byte of a signed document is changed, then pdfsig reports the signature invalid', async () => {
    const application = aBirthApplication(uniqueCertificate());
    application.components = { residence: false, insurance: true };
    const filed = await file(stack.app, application);
    const caseId = filed.body.caseId as string;
    await waitForCase(stack.app, caseId, application.applicant.pin, (v) =>
      expect(v.status).toBe('completed'),
    );
    const extract = (
      await issued(caseId, application.applicant.pin, ['birth_extract', 'health_insurance_card'])
    ).find((d) => d.kind === 'birth_extract');
    const { path, bytes } = await download(caseId, extract as Listed, application.applicant.pin);
    expect((await pdfsig(path, nssdir))[0]?.signatureValid).toBe(true);

    // A byte of the binary comment under the header: inside the signed range, and the file still
    // reads as the same PDF — only the signature can tell.
    expect(bytes.subarray(0, 10).toString('latin1')).toBe('%PDF-1.7\n%');
    const tampered = Buffer.from(bytes);
    tampered[10] = (tampered[10] ?? 0) ^ 1;
    const changed = join(files.dir, 'tampered.pdf');
    await writeFile(changed, tampered);
    const [signature] = await pdfsig(changed, nssdir);
    expect(signature?.signatureValid, signature?.report).toBe(false);
    expect(signature?.report).toMatch(/Digest Mismatch|Signature is Invalid/);
  });

  it('when the QR code printed on a result is followed, then /verify answers without a token: what it is, its number, issuer and date, valid, the PDF’s SHA-256 — and nothing about the child', async () => {
    const application = aBirthApplication(uniqueCertificate());
    application.components = { residence: false, insurance: true };
    application.child = { ...application.child, fullName: uniqueChildName() };
    const filed = await file(stack.app, application);
    const caseId = filed.body.caseId as string;
    const view: CaseView = await waitForCase(stack.app, caseId, application.applicant.pin, (v) =>
      expect(v.status).toBe('completed'),
    );
    const extract = (
      await issued(caseId, application.applicant.pin, ['birth_extract', 'health_insurance_card'])
    ).find((d) => d.kind === 'birth_extract');
    const { path, bytes } = await download(caseId, extract as Listed, application.applicant.pin);

    const [link, ...others] = await qrCodes(path, files.dir);
    expect(others).toEqual([]);
    expect(link).toBe(extract?.verifyUrl);
    expect(link?.startsWith(`${TEST_PUBLIC_URL}/verify/`)).toBe(true);
    const code = String(link).slice(`${TEST_PUBLIC_URL}/verify/`.length);
    expect(await pdfText(path)).toContain(code);

    const json = await verify(code);
    expect(json.status).toBe(200);
    expect(json.body).toEqual({
      code,
      kind: 'birth_extract',
      title: { vi: 'Trích lục khai sinh', en: 'Birth registration extract' },
      number: stepOf(view, 'birth').result?.extractNumber,
      issuer: expect.stringContaining('UBND') as string,
      issuedAt: expect.any(String) as string,
      status: 'valid',
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    // Typed from paper: lower case, in groups.
    const typed = `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`.toLowerCase();
    expect((await verify(typed)).body.number).toBe(json.body.number);

    const page = await verify(code, 'text/html');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('Còn hiệu lực');
    for (const personal of [
      application.child.fullName,
      application.mother.fullName,
      stepOf(view, 'birth').result?.pin ?? '',
      caseId,
    ]) {
      expect(page.text).not.toContain(personal);
      expect(JSON.stringify(json.body)).not.toContain(personal);
    }

    const { rows } = await stack.database.db.query<{ actor: string; outcome: number }>(
      `SELECT actor, outcome FROM audit_log WHERE action = 'verifyDocument' AND case_id = $1`,
      [caseId],
    );
    expect(rows).toEqual(Array(3).fill({ actor: 'public', outcome: 200 }));
  });

  it('when the police return the residence step and civil status corrects the birth record, then the birth extract is issued again and the first issue verifies as superseded', async () => {
    const application = {
      ...aBirthApplication(uniqueCertificate()),
      components: { residence: true, insurance: false },
      residence: {
        address: { commune: '09877', line: 'Thôn Đông Xuân' },
        householdHeadPin: '001082003344',
        relationshipToHead: 'con',
      },
    };
    const pin = application.applicant.pin;
    const filed = await file(stack.app, application);
    const caseId = filed.body.caseId as string;
    const returned = await decide(
      stack.app,
      caseId,
      'police',
      { decision: 'return', reason: 'quê quán trên giấy khai sinh không khớp' },
      '09877',
    );
    expect(returned.status).toBe(200);
    await waitForCase(stack.app, caseId, pin, (v) =>
      expect(v.timeline.map((e) => e.event)).toContain('corrected'),
    );
    const approved = await decide(stack.app, caseId, 'police', { decision: 'approve' }, '09877');
    expect(approved.body.state).toBe('completed');
    await waitForCase(stack.app, caseId, pin, (v) => expect(v.status).toBe('completed'));

    const documents = await vi.waitFor(
      async () => {
        const all = (await listed(caseId, pin)).filter((d) => d.kind === 'birth_extract');
        expect(all.map((d) => [d.state, d.validity])).toEqual([
          ['issued', 'superseded'],
          ['issued', 'valid'],
        ]);
        return all;
      },
      { timeout: 30_000, interval: 250 },
    );
    const [first, again] = documents as [Listed, Listed];
    const code = (d: Listed) => d.verifyUrl.split('/').pop() ?? '';
    expect((await verify(code(first))).body).toMatchObject({
      status: 'superseded',
      supersededAt: expect.any(String) as string,
    });
    expect((await verify(code(again))).body.status).toBe('valid');
    const { path } = await download(caseId, again, pin);
    expect((await pdfText(path)).replace(/\s+/g, ' ')).toContain(
      'Cấp lại sau khi cải chính hộ tịch (lần 1)',
    );
    expect((await pdfsig(path, nssdir))[0]).toMatchObject({
      signatureValid: true,
      certificateTrusted: true,
    });
  });

  it('when a court’s annulment of a death is approved, then the results it undid verify as revoked and the receipt still as valid', async () => {
    await setCivilStatusReview(stack.simulatorsUrl, '00004', 'automatic');
    const deceased = await addDeceased(stack.simulatorsUrl, { insured: participant(14) });
    const application = aDeathApplication(deceased, today);
    const pin = application.applicant.pin;
    const filed = await file(stack.app, application);
    const caseId = filed.body.caseId as string;
    await waitForCase(stack.app, caseId, pin, (v) => expect(v.status).toBe('completed'));
    const receipt = await request(stack.app)
      .get(`/v1/cases/${encodeURIComponent(caseId)}/receipt.pdf`)
      .set('Authorization', `Bearer ${await citizen(pin)}`);
    expect(receipt.status).toBe(200);
    const results = await issued(caseId, pin, [
      'death_extract',
      'residence_removal',
      'funeral_decision',
    ]);
    const codes = results.map((d) => d.verifyUrl.split('/').pop() ?? '');
    for (const code of codes) expect((await verify(code)).body.status).toBe('valid');

    const path = `/v1/cases/${encodeURIComponent(caseId)}/annulment`;
    const recorded = await request(stack.app)
      .post(path)
      .set('Authorization', `Bearer ${await officer('civil-status')}`)
      .send({
        ruling: {
          number: '31/2026/QĐST-DS',
          court: 'TAND TP Hà Nội',
          date: today,
          document: 'qd-31-2026-QDST-DS.pdf',
        },
        reason: 'the person declared dead has returned',
      });
    expect(recorded.status).toBe(201);
    // Recorded, not yet approved: nothing is revoked.
    for (const code of codes) expect((await verify(code)).body.status).toBe('valid');
    const checker = await tokenFor({
      sub: 'officer-civil-status-2',
      role: 'officer',
      agency: 'civil-status',
      jurisdiction: '00004',
    });
    const approved = await request(stack.app)
      .post(`${path}/approval`)
      .set('Authorization', `Bearer ${checker}`);
    expect(approved.status).toBe(202);
    await waitForCase(stack.app, caseId, pin, (v) => expect(v.status).toBe('annulled'));

    await vi.waitFor(
      async () => {
        for (const code of codes) {
          const revoked = await verify(code);
          expect(revoked.body).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
        }
      },
      { timeout: 15_000, interval: 250 },
    );
    const page = await verify(codes[0] ?? '', 'text/html');
    expect(page.text).toContain('Đã bị thu hồi');
    const after = await listed(caseId, pin);
    expect(after.find((d) => d.kind === 'receipt')?.validity).toBe('valid');
    expect(after.filter((d) => d.kind !== 'receipt').map((d) => d.validity)).toEqual([
      'revoked',
      'revoked',
      'revoked',
    ]);
    // The PDFs stay downloadable: a revoked document is shown for what it was.
    const kept = await request(stack.app)
      .get(results[0]?.href ?? '')
      .set('Authorization', `Bearer ${await citizen(pin)}`);
    expect(kept.status).toBe(200);
  });
});
