// Issue 19 through the real stack (API → Temporal → workers → simulators → read model): a task goes
// only to an officer of its agency and jurisdiction in the directory, and is then decided by that
// officer alone; a case is withdrawn by its applicant or a clerk of its commune, not by a relative
// it names; and a withdrawn or rejected case's business key can be filed again, as a new case that
// names the earlier one.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView } from '../../domain/procedures/views';
import type { Principal } from '../../domain/principal';
import { aBirthApplication } from '../fixtures/birth-application';
import { tokenFor } from '../support/auth';
import {
  citizen,
  clerk,
  decide,
  file,
  readCase,
  stepOf,
  uniqueCertificate,
  waitForCase,
} from '../support/group-a';
import { startTestStack, type TestStack } from '../support/stack';

const SUPERVISOR: Principal = {
  sub: 'supervisor-00004',
  role: 'supervisor',
  jurisdiction: '00004',
};
const civilStatusOfficer = (sub: string): Principal => ({
  sub,
  role: 'officer',
  agency: 'civil-status',
  jurisdiction: '00004',
});

describe('who may act on a case, through the real stack', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** A Group A case whose birth step waits for the civil-status officer of 00004. */
  async function aCaseInReview() {
    const application = aBirthApplication(uniqueCertificate());
    const filed = await file(stack.app, application);
    expect(filed.status).toBe(202);
    const caseId = filed.body.caseId as string;
    await waitForCase(stack.app, caseId, application.applicant.pin, (v) =>
      expect(stepOf(v, 'birth').state).toBe('in_review'),
    );
    return { application, caseId, taskId: `${caseId}:birth` };
  }

  const assign = async (taskId: string, officer: string) =>
    request(stack.app)
      .post(`/v1/tasks/${encodeURIComponent(taskId)}/assignment`)
      .set('Authorization', `Bearer ${await tokenFor(SUPERVISOR)}`)
      .send({ officer });
  const decideAs = async (taskId: string, officer: Principal, language = 'vi') =>
    request(stack.app)
      .post(`/v1/tasks/${encodeURIComponent(taskId)}/decision`)
      .set('Authorization', `Bearer ${await tokenFor(officer)}`)
      .set('Accept-Language', language)
      .send({ decision: 'approve' });
  const post = async (caseId: string, action: string, token: string, body: object) =>
    request(stack.app)
      .post(`/v1/cases/${encodeURIComponent(caseId)}/${action}`)
      .set('Authorization', `Bearer ${token}`)
      .send(body);

  describe('assignment', () => {
    it('when a supervisor assigns a civil-status task to police-99999 or to an officer of another agency, then 422 problem+json in Vietnamese and English and the task stays unassigned', async () => {
      const { taskId } = await aCaseInReview();

      const unknown = await assign(taskId, 'police-99999');
      const otherAgency = await request(stack.app)
        .post(`/v1/tasks/${encodeURIComponent(taskId)}/assignment`)
        .set('Authorization', `Bearer ${await tokenFor(SUPERVISOR)}`)
        .set('Accept-Language', 'en')
        .send({ officer: 'officer-police' });

      expect(unknown.status).toBe(422);
      expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(unknown.body).toMatchObject({
        title: 'Không thể thực hiện',
        code: 'API.UNPROCESSABLE',
      });
      expect(unknown.body.detail).toContain('danh bạ cán bộ');
      expect(otherAgency.status).toBe(422);
      expect(otherAgency.body.title).toBe('Unprocessable request');
      expect(otherAgency.body.detail).toBe(
        "'officer-police' is not an active civil-status officer of 00004 in the officer directory",
      );
      const { rows } = await stack.database.db.query(
        'SELECT assignee FROM tasks WHERE task_id = $1',
        [taskId],
      );
      expect(rows).toEqual([{ assignee: null }]);
    });

    it('when a task is assigned, then another officer of the agency may not decide it (403 with the reason) until a supervisor reassigns it to them', async () => {
      const { application, caseId, taskId } = await aCaseInReview();
      expect((await assign(taskId, 'officer-civil-status-2')).status).toBe(200);

      const other = await decideAs(taskId, civilStatusOfficer('officer-civil-status'), 'en');
      expect(other.status).toBe(403);
      expect(other.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(other.body.detail).toBe(
        'this task is assigned to officer-civil-status-2: only its assignee (or whoever stands in for them) decides it, unless a supervisor reassigns it',
      );
      const still = await readCase(stack.app, caseId, application.applicant.pin);
      expect(stepOf(still.body as CaseView, 'birth').state).toBe('in_review');

      expect((await assign(taskId, 'officer-civil-status')).status).toBe(200);
      expect((await decideAs(taskId, civilStatusOfficer('officer-civil-status-2'))).status).toBe(
        403,
      );
      const decided = await decideAs(taskId, civilStatusOfficer('officer-civil-status'));
      expect(decided.status).toBe(200);
      await waitForCase(stack.app, caseId, application.applicant.pin, (v) =>
        expect(stepOf(v, 'birth').state).toBe('completed'),
      );
    });

    it('when an officer is deactivated in the directory, then tasks can no longer be assigned to them', async () => {
      const { taskId } = await aCaseInReview();
      const admin = await tokenFor({ sub: 'admin-1', role: 'admin' });
      const added = await request(stack.app)
        .post('/v1/officers')
        .set('Authorization', `Bearer ${admin}`)
        .send({
          sub: 'ho-tich-tam',
          name: 'Vũ Thị Tâm',
          agency: 'civil-status',
          jurisdiction: '00004',
        });
      expect(added.status).toBe(201);
      expect((await assign(taskId, 'ho-tich-tam')).status).toBe(200);

      const gone = await request(stack.app)
        .post('/v1/officers/ho-tich-tam/deactivation')
        .set('Authorization', `Bearer ${admin}`);
      expect(gone.status).toBe(200);

      expect((await assign(taskId, 'ho-tich-tam')).status).toBe(422);
    });
  });

  describe('withdrawal and refiling', () => {
    it('when a case is read, then it says whether the reader may withdraw it: the applicant and a clerk of its commune while it is open, not another party, an officer or anyone once it is withdrawn', async () => {
      const { application, caseId } = await aCaseInReview();
      const mayWithdraw = async (token: string) =>
        (
          await request(stack.app)
            .get(`/v1/cases/${encodeURIComponent(caseId)}`)
            .set('Authorization', `Bearer ${token}`)
        ).body.mayWithdraw as unknown;
      const applicant = await citizen(application.applicant.pin);
      const father = await citizen(application.father?.pin ?? '');
      const officer = await tokenFor(civilStatusOfficer('officer-who-reads'));

      const open = {
        applicant: await mayWithdraw(applicant),
        clerk: await mayWithdraw(await clerk()),
        father: await mayWithdraw(father),
        officer: await mayWithdraw(officer),
      };
      const withdrawn = await post(caseId, 'withdraw', applicant, { reason: 'nộp nhầm' });
      await waitForCase(stack.app, caseId, application.applicant.pin, (v) =>
        expect(v.status).toBe('withdrawn'),
      );
      const afterwards = await mayWithdraw(applicant);

      expect(open).toEqual({ applicant: true, clerk: true, father: false, officer: false });
      expect(withdrawn.status).toBe(200);
      expect(afterwards).toBe(false);
    });

    it('when a parent named in the case but not its applicant withdraws it or answers its supplement, then 403 with the reason, and the case goes on', async () => {
      const { application, caseId } = await aCaseInReview();
      const father = application.father?.pin ?? '';
      expect((await readCase(stack.app, caseId, father)).status).toBe(200);

      const withdrawal = await post(caseId, 'withdraw', await citizen(father), {
        reason: 'bố rút hồ sơ',
      });
      expect(withdrawal.status).toBe(403);
      expect(withdrawal.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(withdrawal.body.detail).toContain('chỉ người nộp hồ sơ');

      await decide(stack.app, caseId, 'civil-status', {
        decision: 'request_supplement',
        missing: ['giấy chứng sinh bản điện tử'],
      });
      await waitForCase(stack.app, caseId, application.applicant.pin, (v) =>
        expect(v.status).toBe('awaiting_supplement'),
      );
      const supplement = await post(caseId, 'supplements', await citizen(father), {
        documents: ['giay-chung-sinh.pdf'],
      });
      expect(supplement.status).toBe(403);
      const byApplicant = await post(
        caseId,
        'supplements',
        await citizen(application.applicant.pin),
        { documents: ['giay-chung-sinh.pdf'] },
      );
      expect(byApplicant.status).toBe(200);
      const view = await readCase(stack.app, caseId, application.applicant.pin);
      expect((view.body as CaseView).status).not.toBe('withdrawn');
    });

    it('when the applicant withdraws and files again, then a new case names the withdrawn one, which keeps its record and timeline', async () => {
      const { application, caseId } = await aCaseInReview();
      const withdrawn = await post(caseId, 'withdraw', await citizen(application.applicant.pin), {
        reason: 'nộp nhầm hồ sơ',
      });
      expect(withdrawn.status).toBe(200);

      const again = await file(stack.app, application);

      expect(again.status).toBe(202);
      expect(again.body).toEqual({
        caseId: `${caseId}~2`,
        caseCode: expect.stringMatching(/^KS-00004-\d{4}-\d{6}$/) as unknown,
        status: 'submitted',
        previousCaseId: caseId,
      });
      const refiled = await waitForCase(stack.app, `${caseId}~2`, application.applicant.pin, (v) =>
        expect(stepOf(v, 'birth').state).toBe('in_review'),
      );
      expect(refiled.caseId).toBe(`${caseId}~2`);
      const earlier = await waitForCase(stack.app, caseId, application.applicant.pin, (v) =>
        expect(stepOf(v, 'birth').status).toBe('cancelled'),
      );
      expect(earlier.status).toBe('withdrawn');
      expect(earlier.reason?.reason).toBe('withdrawn by the applicant');
      // The new case is open: the key is taken again until it, too, ends without a result.
      const third = await file(stack.app, application);
      expect(third.status).toBe(409);
      expect(third.body.caseId).toBe(`${caseId}~2`);
    });

    it('when the civil-status officer rejects the birth, then the clerk can file it again and it can be decided anew', async () => {
      const { application, caseId } = await aCaseInReview();
      await decide(stack.app, caseId, 'civil-status', {
        decision: 'reject',
        reason: 'giấy chứng sinh không hợp lệ',
      });
      await waitForCase(stack.app, caseId, application.applicant.pin, (v) =>
        expect(v.status).toBe('rejected'),
      );

      const again = await request(stack.app)
        .post('/v1/cases')
        .set('Authorization', `Bearer ${await clerk()}`)
        .send(application);

      expect(again.status).toBe(202);
      expect(again.body.previousCaseId).toBe(caseId);
      const refiledId = again.body.caseId as string;
      await waitForCase(stack.app, refiledId, application.applicant.pin, (v) =>
        expect(stepOf(v, 'birth').state).toBe('in_review'),
      );
      await decide(stack.app, refiledId, 'civil-status', { decision: 'approve' });
      await waitForCase(stack.app, refiledId, application.applicant.pin, (v) =>
        expect(stepOf(v, 'birth').status).toBe('completed'),
      );
      expect((await readCase(stack.app, caseId, application.applicant.pin)).body.status).toBe(
        'rejected',
      );
    });
  });
});
