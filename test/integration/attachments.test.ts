// Attachments through the real stack (issue 21): API → Temporal → workers → simulators → read model.
// A clerk's scan filed with the application reaches the officer of the task byte for byte; a
// citizen's supplement answered with a file reaches the officer with its words; refused files are
// refused as problems; someone else's upload cannot be filed.
import { createHash } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CaseView } from '../../domain/procedures/views';
import { vietnamDate } from '../../domain/calendar/vietnam';
import { workflowIds } from '../../workflows/task-queues';
import { aBirthApplication } from '../fixtures/birth-application';
import { aLargePdf, aPdf, aPng, anExecutable } from '../fixtures/files';
import {
  citizen,
  clerk,
  decide,
  file,
  officer,
  stepOf,
  uniqueCertificate,
  waitForCase,
} from '../support/group-a';
import { addDeceased, aDeathApplication, uniquePin } from '../support/group-b';
import { decodedHistory, startTestStack, type TestStack } from '../support/stack';
import { asBytes, upload } from '../support/uploads';

interface Attachment {
  attachmentId: string;
  item: string;
  step: string | null;
  mediaType: string;
  size: number;
  sha256: string;
  href: string;
}
type CaseRead = CaseView & {
  attachments: Attachment[];
  supplementAnswers: { step: string; documents: string[]; attachments: string[] }[];
};

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('attachments, through the real stack', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const readAs = async (caseId: string, token: string) =>
    request(stack.app)
      .get(`/v1/cases/${encodeURIComponent(caseId)}`)
      .set('Authorization', `Bearer ${token}`);
  const openAs = async (href: string, token: string) =>
    request(stack.app)
      .get(href)
      .set('Authorization', `Bearer ${token}`)
      .buffer(true)
      .parse(asBytes);

  it('when a clerk uploads a scan and files with it, then the officer of the task sees it beside its item and opens the same bytes', async () => {
    const scan = aPdf();
    const uploaded = await upload(stack.app, await clerk(), scan, {
      item: 'Giấy chứng sinh (bản scan)',
    });
    expect(uploaded.status).toBe(201);
    const application = {
      ...aBirthApplication(uniqueCertificate()),
      attachments: [{ uploadId: uploaded.body.uploadId as string }],
    };

    const filed = await file(stack.app, application);

    expect(filed.status).toBe(202);
    const caseId = filed.body.caseId as string;
    await waitForCase(stack.app, caseId, application.applicant.pin, (v) =>
      expect(stepOf(v, 'birth').state).toBe('in_review'),
    );
    const asOfficer = await officer('civil-status');
    const view = (await readAs(caseId, asOfficer)).body as CaseRead;
    expect(view.attachments).toEqual([
      expect.objectContaining({
        item: 'Giấy chứng sinh (bản scan)',
        step: null,
        mediaType: 'application/pdf',
        size: scan.length,
        sha256: sha256(scan),
      }),
    ]);
    const [attachment] = view.attachments;
    const opened = await openAs(attachment?.href ?? '', asOfficer);
    expect(opened.status).toBe(200);
    expect(opened.headers['content-type']).toBe('application/pdf');
    expect(opened.headers['x-content-type-options']).toBe('nosniff');
    expect(opened.headers['content-disposition']).toMatch(/^inline; filename="[0-9a-f-]+\.pdf"$/);
    expect(sha256(opened.body as Buffer)).toBe(sha256(scan));
    const audit = await stack.database.db.query(
      `SELECT action, actor, sha256 FROM audit_log
        WHERE case_id = $1 AND action IN ('fileCase', 'getAttachment') ORDER BY seq`,
      [caseId],
    );
    expect(audit.rows).toEqual([
      { action: 'fileCase', actor: 'clerk-1', sha256: sha256(scan) },
      { action: 'getAttachment', actor: 'officer-civil-status', sha256: sha256(scan) },
    ]);

    // The desk's receipt names the file among the items received.
    const receipt = await stack.database.db.query(
      'SELECT facts FROM filing_receipts WHERE case_id = $1',
      [caseId],
    );
    expect(receipt.rows[0].facts.items).toContain('Giấy chứng sinh (bản scan) (tệp đính kèm)');

    // Not the officer of another agency, nor a stranger: 404, as for the case.
    const police = await openAs(attachment?.href ?? '', await officer('police', '00007'));
    const stranger = await openAs(attachment?.href ?? '', await citizen(uniquePin()));
    expect([police.status, stranger.status]).toEqual([404, 404]);
  });

  it('when a clerk files a death with the scanned death notice, then it is the case’s attachment and never part of the workflow’s input', async () => {
    const deceased = await addDeceased(stack.simulatorsUrl);
    const notice = aPdf();
    const uploaded = await upload(stack.app, await clerk(), notice, { item: 'Giấy báo tử' });
    const application = {
      ...aDeathApplication(deceased, vietnamDate(Date.now())),
      attachments: [{ uploadId: uploaded.body.uploadId as string }],
    };

    const filed = await file(stack.app, application);

    expect(filed.status).toBe(202);
    const caseId = filed.body.caseId as string;
    const view = await vi.waitFor(
      async () => {
        const read = await readAs(caseId, await clerk());
        expect(read.status).toBe(200);
        return read.body as CaseRead;
      },
      { timeout: 30_000, interval: 200 },
    );
    expect(view.attachments.map((a) => [a.item, a.sha256])).toEqual([
      ['Giấy báo tử', sha256(notice)],
    ]);
    const started = await decodedHistory(stack, caseId);
    const input = (
      started.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? []
    )
      .map((payload) => Buffer.from(payload.data ?? []).toString('utf8'))
      .join('\n');
    // Decoded (the application is there), and without the attachment.
    expect(input).toContain('"procedure":"death-residence-funeral"');
    expect(input).not.toContain('attachments');
    expect(input).not.toContain(uploaded.body.uploadId as string);
  });

  it('when a supplement is answered with a file, then the officer sees the answer’s words and opens its file', async () => {
    const application = aBirthApplication(uniqueCertificate());
    const filed = await file(stack.app, application);
    const caseId = filed.body.caseId as string;
    await waitForCase(stack.app, caseId, application.applicant.pin, (v) =>
      expect(stepOf(v, 'birth').state).toBe('in_review'),
    );
    await decide(stack.app, caseId, 'civil-status', {
      decision: 'request_supplement',
      missing: ['bản sao giấy chứng sinh'],
    });
    await waitForCase(stack.app, caseId, application.applicant.pin, (v) =>
      expect(v.status).toBe('awaiting_supplement'),
    );
    const applicant = await citizen(application.applicant.pin);
    const photo = aPng();
    const uploaded = await upload(stack.app, applicant, photo, {
      item: 'Bản sao giấy chứng sinh',
      filename: 'anh.jpg',
    });
    expect(uploaded.status).toBe(201);

    const answered = await request(stack.app)
      .post(`/v1/cases/${encodeURIComponent(caseId)}/supplements`)
      .set('Authorization', `Bearer ${applicant}`)
      .set('Idempotency-Key', `supplement-${caseId}`)
      .send({
        documents: ['Bản sao giấy chứng sinh, chụp từ bản gốc'],
        attachments: [{ uploadId: uploaded.body.uploadId as string }],
      });

    expect(answered.status).toBe(200);
    const asOfficer = await officer('civil-status');
    const view = (await readAs(caseId, asOfficer)).body as CaseRead;
    const attachment = view.attachments.find((a) => a.step === 'birth');
    expect(attachment).toMatchObject({ item: 'Bản sao giấy chứng sinh', mediaType: 'image/png' });
    expect(view.supplementAnswers).toEqual([
      expect.objectContaining({
        step: 'birth',
        documents: ['Bản sao giấy chứng sinh, chụp từ bản gốc'],
        attachments: [attachment?.attachmentId],
      }),
    ]);
    const opened = await openAs(attachment?.href ?? '', asOfficer);
    expect(opened.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(opened.body as Buffer, photo)).toBe(0);
  });

  it('when an executable renamed .pdf or an 11 MiB file is uploaded, then 400 and 413 problem+json', async () => {
    const token = await clerk();
    const executable = await upload(stack.app, token, anExecutable(), {
      filename: 'giay-chung-sinh.pdf',
    });
    const huge = await upload(stack.app, token, aLargePdf(11 * 1_048_576));

    expect(executable.status).toBe(400);
    expect(executable.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(executable.body.code).toBe('API.UPLOAD_TYPE_REFUSED');
    expect(huge.status).toBe(413);
    expect(huge.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(huge.body.code).toBe('API.PAYLOAD_TOO_LARGE');
  });

  it('when two filings name the same upload at the same moment, then one case gets it and the other filing is refused, its case not started', async () => {
    const scan = await upload(stack.app, await clerk(), aPdf());
    const applications = [0, 1].map(() => ({
      ...aBirthApplication(uniqueCertificate()),
      attachments: [{ uploadId: scan.body.uploadId as string }],
    }));

    const replies = await Promise.all(applications.map((a) => file(stack.app, a)));

    expect(replies.map((r) => r.status).sort()).toEqual([202, 409]);
    const refused = applications[replies.findIndex((r) => r.status === 409)];
    const refusedId = workflowIds.birthResidenceInsurance(
      refused?.medicalBirthCertificate.number ?? '',
    );
    await expect(stack.client.workflow.getHandle(refusedId).describe()).rejects.toBeInstanceOf(
      WorkflowNotFoundError,
    );
  });

  it('when a filing names a citizen’s upload, or one filed already, then it is refused and no case starts', async () => {
    const someone = await citizen(uniquePin());
    const theirs = await upload(stack.app, someone, aPdf());
    const mine = await upload(stack.app, await clerk(), aPdf());
    const first = await file(stack.app, {
      ...aBirthApplication(uniqueCertificate()),
      attachments: [{ uploadId: mine.body.uploadId as string }],
    });
    expect(first.status).toBe(202);

    const withTheirs = aBirthApplication(uniqueCertificate());
    const foreign = await file(stack.app, {
      ...withTheirs,
      attachments: [{ uploadId: theirs.body.uploadId as string }],
    });
    const again = await file(stack.app, {
      ...aBirthApplication(uniqueCertificate()),
      attachments: [{ uploadId: mine.body.uploadId as string }],
    });

    expect(foreign.status).toBe(422);
    expect(foreign.body).toMatchObject({
      code: 'API.ATTACHMENT_UNKNOWN',
      errors: [{ in: 'body', pointer: '/attachments/0/uploadId' }],
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('API.ATTACHMENT_TAKEN');
    // Refused before its workflow started: Temporal has no such case.
    const caseId = workflowIds.birthResidenceInsurance(withTheirs.medicalBirthCertificate.number);
    await expect(stack.client.workflow.getHandle(caseId).describe()).rejects.toBeInstanceOf(
      WorkflowNotFoundError,
    );
  });
});
