// Issue 20, Group A's real dossiers through the real stack (DOMAIN.md §1A, §3A, §4): a foreign father
// identified by passport (BHXH QĐ 1449 [S15]), a birth on a witness statement instead of the medical
// certificate (Luật Hộ tịch 2014 Art. 16(1), NĐ 63/2024 Art. 5 [S6]) — always reviewed by the
// civil-status officer — and a late registration (Luật Hộ tịch Art. 15, 11) shown with its fee.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BirthApplication } from '../../domain/BirthApplication';
import { aBirthApplication } from '../fixtures/birth-application';
import { decide, file, officer, stepOf, uniqueCertificate, waitForCase } from '../support/group-a';
import { setCivilStatusReview, startTestStack, type TestStack } from '../support/stack';

describe('Group A real dossiers, through the real stack', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
    // Births on the medical certificate are registered at once here: only a substitute waits.
    await setCivilStatusReview(stack.simulatorsUrl, '00004', 'automatic');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const civilStatusTask = async (caseId: string) => {
    const token = await officer('civil-status');
    return vi.waitFor(
      async () => {
        const inbox = await request(stack.app)
          .get('/v1/tasks')
          .set('Authorization', `Bearer ${token}`);
        const task = (
          inbox.body.items as { caseId: string; summary: Record<string, unknown> }[]
        ).find((t) => t.caseId === caseId);
        expect(task).toBeDefined();
        return task as { summary: Record<string, unknown> };
      },
      { timeout: 30_000, interval: 200 },
    );
  };

  /** Filed by the clerk, its birth approved by the civil-status officer, followed to its end. */
  const reviewedAndApproved = async (application: BirthApplication) => {
    const filed = await file(stack.app, application);
    const task = await civilStatusTask(filed.body.caseId);
    const approved = await decide(stack.app, filed.body.caseId, 'civil-status', {
      decision: 'approve',
    });
    const done = await waitForCase(stack.app, filed.body.caseId, application.applicant.pin, (v) =>
      expect(v.status).toBe('completed'),
    );
    return { filed, task, approved, done };
  };

  it('when a born-late child of a Korean father is filed on a witness statement, then the officer reviews it, sees the late registration and its fee, approves, and the case completes', async () => {
    // Arrange: born 10 January 2026, filed today (more than 60 days on); no medical certificate.
    const base = aBirthApplication(uniqueCertificate());
    const { pin: _pin, ...father } = base.father ?? base.mother;
    const application: BirthApplication = {
      ...base,
      child: { ...base.child, dateOfBirth: '2026-01-10' },
      medicalBirthCertificate: {
        ...base.medicalBirthCertificate,
        kind: 'witness_statement',
        facility: 'Nguyễn Văn Chứng, hàng xóm',
        issuedOn: '2026-01-12',
      },
      father: { ...father, nationality: 'KR', passport: { number: 'M12345678', country: 'KR' } },
      // The household the child joins is headed by a Vietnamese resident the police know (the
      // example's head), not by the foreign father.
    };

    // Act
    const { filed, task, approved, done } = await reviewedAndApproved(application);

    // Assert
    expect(filed.status).toBe(202);
    expect(task.summary).toMatchObject({
      lateRegistration: { late: true, fee: 'provincial_fee' },
    });
    expect(approved.status).toBe(200);
    expect(stepOf(done, 'birth').result?.pin).toMatch(/^\d{12}$/);
    expect(stepOf(done, 'insurance').status).toBe('completed');
  });

  it('when an abandoned child whose parents are unknown is filed by its temporary carer on the record of its finding (NĐ 123/2015/NĐ-CP Art. 14(3)), then the officer reviews it knowing the parents are unknown, approves, and the child gets its PIN and card', async () => {
    // Arrange: no mother, no father; the carer is the applicant (a guardian).
    const { mother: _mother, father: _father, ...base } = aBirthApplication(uniqueCertificate());
    const application: BirthApplication = {
      ...base,
      applicant: { ...base.applicant, relationship: 'guardian' },
      medicalBirthCertificate: {
        ...base.medicalBirthCertificate,
        kind: 'abandoned_child_record',
        facility: 'Công an phường Ba Đình (biên bản)',
      },
    };

    // Act
    const { filed, task, approved, done } = await reviewedAndApproved(application);

    // Assert
    expect(filed.status).toBe(202);
    expect(task.summary).toMatchObject({ parentsUnknown: true });
    expect(task.summary).not.toHaveProperty('motherName');
    expect(approved.status).toBe(200);
    expect(stepOf(done, 'birth').result?.pin).toMatch(/^\d{12}$/);
    expect(stepOf(done, 'residence').status).toBe('completed');
    expect(stepOf(done, 'insurance').status).toBe('completed');
    const registered = await stack.database.db.query<{ parents: unknown }>(
      'SELECT parents FROM sim_civil_status.birth_registrations WHERE certificate_number = $1',
      [application.medicalBirthCertificate.number],
    );
    expect(registered.rows).toEqual([{ parents: { mother: null, father: null } }]);
  });
});
