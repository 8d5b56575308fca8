// An audited request whose audit row the database refuses for good (a path segment with U+0000):
// answered with a clear 400 rather than a 500, recorded for operators without the refused text, and
// without failing the other requests audited in the same group.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../db/audit.repository';
import { CLERK, tokenFor } from '../support/auth';
import { useDatabaseApp } from '../support/api-app';

describe('audit rows the database refuses', () => {
  const subject = useDatabaseApp();

  it('when a clerk reads a case id holding U+0000, then 400 names the parameter, the refusal is recorded, and a request beside it is audited', async () => {
    // Arrange
    const token = await tokenFor(CLERK);

    // Act
    const [refused, beside] = await Promise.all([
      request(subject.app).get('/v1/cases/ab%00cd').set('Authorization', `Bearer ${token}`),
      request(subject.app).get('/v1/cases?limit=1').set('Authorization', `Bearer ${token}`),
    ]);

    // Assert
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      code: 'API.VALIDATION',
      errors: [expect.objectContaining({ in: 'params', pointer: '/caseId' })],
    });
    expect(beside.status).toBe(200);
    const audit = await subject.database.db.query('SELECT action, outcome FROM audit_log');
    expect(audit.rows).toEqual([{ action: 'searchCases', outcome: 200 }]);
    expect(await verifyAuditChain(subject.database.db)).toEqual({ rows: 1 });
    const recorded = await subject.database.db.query(
      'SELECT kind, target, case_id, sqlstate, message FROM write_refusals',
    );
    expect(recorded.rows).toEqual([
      {
        kind: 'audit',
        target: 'getCase',
        case_id: null,
        sqlstate: '22021',
        message: 'PostgreSQL refused the data: character_not_in_repertoire (SQLSTATE 22021)',
      },
    ]);
  });
});
