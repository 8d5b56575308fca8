// The whole dossier through the API (issue 22, item 2), on a real database: the application as
// filed, every field, for those who may see the case — PINs masked for those who watch, not decide —
// and nothing for anyone else, or for a case filed before applications were kept.
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { upsertCase } from '../../db/read-model.repository';
import { EXAMPLE_BIRTH_APPLICATION } from '../../domain/BirthApplication';
import { EXAMPLE_DEATH_APPLICATION } from '../../domain/DeathApplication';
import type { Principal } from '../../domain/principal';
import { useDatabaseApp } from '../support/api-app';
import { tokenFor } from '../support/auth';
import { projectCase, projectTask, stepView } from '../support/tasks';

const CASE = 'birth-residence-insurance:CS-DOSSIER-1';
const UNKEPT = 'birth-residence-insurance:CS-DOSSIER-OLD';
const OFFICER: Principal = {
  sub: 'officer-civil-status',
  role: 'officer',
  agency: 'civil-status',
  jurisdiction: '00004',
};
const SUPERVISOR: Principal = { sub: 'lanh-dao', role: 'supervisor', jurisdiction: '00004' };
const STRANGER: Principal = { sub: 'citizen-x', role: 'citizen', pin: '001099000001' };
const CLERK: Principal = { sub: 'clerk-1', role: 'clerk', jurisdiction: '00004' };

describe('GET /v1/cases/{caseId}/application', () => {
  const subject = useDatabaseApp();

  beforeAll(async () => {
    for (const caseId of [CASE, UNKEPT]) {
      await upsertCase(subject.database.appDb, {
        businessKey: caseId,
        partyPins: [EXAMPLE_BIRTH_APPLICATION.applicant.pin],
        view: {
          caseId,
          procedure: 'birth-residence-insurance',
          status: 'in_progress',
          receivedAt: new Date().toISOString(),
          commune: '00004',
          deadline: new Date(Date.now() + 3 * 86_400_000).toISOString(),
          steps: [],
          timeline: [],
          version: 1,
        },
      });
      await projectTask(subject.database.appDb, { caseId });
    }
    await subject.database.db.query(
      'INSERT INTO filed_applications (case_id, application) VALUES ($1, $2)',
      [CASE, EXAMPLE_BIRTH_APPLICATION],
    );
  });

  const read = async (who: Principal, caseId = CASE) =>
    request(subject.app)
      .get(`/v1/cases/${encodeURIComponent(caseId)}/application`)
      .set('Authorization', `Bearer ${await tokenFor(who)}`);

  it('when the officer deciding its step reads it, then every field comes back as filed', async () => {
    const response = await read(OFFICER);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(JSON.parse(JSON.stringify(EXAMPLE_BIRTH_APPLICATION)));
  });

  it('when the commune’s supervisor reads it, then every PIN in it is masked', async () => {
    const response = await read(SUPERVISOR);
    expect(response.status).toBe(200);
    expect(response.body.mother.pin).toBe('********2345');
    expect(JSON.stringify(response.body)).not.toMatch(/"\d{12}"/);
    expect(response.body.child.placeOfBirth).toBe(EXAMPLE_BIRTH_APPLICATION.child.placeOfBirth);
  });

  describe('a death’s bank accounts', () => {
    const DEATH = 'death-residence-funeral:001162000111';
    const account = EXAMPLE_DEATH_APPLICATION.funeral?.payment.bankAccount?.number ?? '';
    const applicant = EXAMPLE_DEATH_APPLICATION.applicant.pin;
    const otherRelative = '001090000222';
    const officerOf = (agency: 'social-insurance' | 'police'): Principal => ({
      sub: `officer-${agency}`,
      role: 'officer',
      agency,
      jurisdiction: '00004',
    });
    beforeAll(async () => {
      const steps = [
        stepView(DEATH, { step: 'residence-removal', agency: 'police' }),
        stepView(DEATH, { step: 'funeral', agency: 'social-insurance' }),
      ];
      await projectCase(subject.database.appDb, {
        caseId: DEATH,
        partyPins: [applicant, otherRelative],
        steps,
        application: EXAMPLE_DEATH_APPLICATION,
      });
      for (const view of steps) await projectTask(subject.database.appDb, { caseId: DEATH, view });
    });
    const accountsSeenBy = async (who: Principal) => {
      const response = await read(who, DEATH);
      expect(response.status).toBe(200);
      const numberOf = (claim: 'funeral' | 'survivor'): unknown =>
        response.body[claim].payment.bankAccount.number;
      return [numberOf('funeral'), numberOf('survivor')];
    };

    it('when those who pay or took them read the dossier (the paying agency’s officer, the clerk, the applicant), then the account numbers are whole', async () => {
      for (const who of [
        officerOf('social-insurance'),
        CLERK,
        { sub: 'citizen-applicant', role: 'citizen', pin: applicant } as Principal,
      ])
        expect(await accountsSeenBy(who)).toEqual([account, account]);
    });

    it('when anyone else of the case reads it (the police officer, another relative, the supervisor), then only the last four digits show', async () => {
      const masked = `${'*'.repeat(account.length - 4)}${account.slice(-4)}`;
      for (const who of [
        officerOf('police'),
        { sub: 'citizen-other', role: 'citizen', pin: otherRelative } as Principal,
        SUPERVISOR,
      ])
        expect(await accountsSeenBy(who)).toEqual([masked, masked]);
    });
  });

  it('when someone who may not see the case asks, or the case was filed before applications were kept, then 404', async () => {
    expect((await read(STRANGER)).status).toBe(404);
    const old = await read(OFFICER, UNKEPT);
    expect(old.status).toBe(404);
    expect(old.body.detail).toBe('hồ sơ này được nộp trước khi tờ khai được lưu lại');
  });

  it('when the dossier is read, then every read is audited against the case, the refused one too', async () => {
    const { rows } = await subject.database.db.query(
      `SELECT actor, outcome FROM audit_log WHERE action = 'readApplication' AND case_id = $1
        ORDER BY seq`,
      [CASE],
    );
    expect(rows).toEqual([
      { actor: OFFICER.sub, outcome: 200 },
      { actor: SUPERVISOR.sub, outcome: 200 },
      { actor: STRANGER.sub, outcome: 404 },
    ]);
  });
});
