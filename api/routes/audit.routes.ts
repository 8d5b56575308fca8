// Supervisors and administrators read who did and saw what on a case.
import { z } from 'zod';
import { auditTrail } from '../../db/queries/audit.queries';
import { findCase } from '../../db/queries/cases.queries';
import { ApiError } from '../../domain/errors';
import { Role } from '../../domain/principal';
import { maySeeCase } from '../access';
import type { ApiDeps } from '../deps';
import { HttpProblem } from '../problem';
import { jsonContent } from '../schemas/content';
import { defineRoute, type RouteDefinition } from '../route';
import { CaseParams } from '../schemas/case.schemas';
import { problemResponse } from '../schemas/problem.schemas';

const AUDIT_EXAMPLE = {
  seq: 42,
  at: '2026-11-20T02:15:00.412Z',
  actor: 'clerk-1',
  role: 'clerk',
  action: 'fileCase',
  requestId: '6f1c0b8e-3b5e-4a57-9d7e-1c2b3a4d5e6f',
  outcome: 202,
};

const AuditEntry = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    actor: z.string(),
    role: z.string(),
    action: z.string().describe('the operation, as named in this document'),
    requestId: z.string().nullable(),
    outcome: z.number().int().describe('HTTP status of the call'),
    sha256: z
      .array(z.string())
      .optional()
      .describe('the SHA-256 of each file the call stored, attached or served'),
  })
  .meta({ id: 'AuditEntry', examples: [AUDIT_EXAMPLE] });

const AuditTrail = z
  .object({ items: z.array(AuditEntry) })
  .meta({ id: 'AuditTrail', examples: [{ items: [AUDIT_EXAMPLE] }] });

export function auditRoutes({ db }: ApiDeps): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/v1/cases/{caseId}/audit',
      operationId: 'getCaseAudit',
      summary: 'read a case’s audit trail',
      tags: ['audit'],
      access: [Role.supervisor, Role.admin],
      request: { params: CaseParams },
      responses: {
        200: {
          description: 'every call that touched the case, oldest first',
          content: jsonContent(AuditTrail),
        },
        404: problemResponse('No such case in your commune.'),
      },
      handle: async ({ params, principal }) => {
        const row = await findCase(db, params.caseId);
        const parties = row && { commune: row.commune, partyPins: row.party_pins, agencies: [] };
        if (!parties || !maySeeCase(principal, parties)) throw new HttpProblem(ApiError.NOT_FOUND);
        const items = (await auditTrail(db, params.caseId)).map((entry) => ({
          seq: entry.seq,
          at: entry.at,
          actor: entry.actor,
          role: entry.role,
          action: entry.action,
          requestId: entry.request_id,
          outcome: entry.outcome,
          ...(entry.sha256 && { sha256: entry.sha256.split(' ') }),
        }));
        return { status: 200, body: { items } };
      },
    }),
  ];
}
