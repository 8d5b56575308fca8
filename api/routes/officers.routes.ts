// The officer directory (DESIGN.md §3): admins list, add and deactivate officers; a supervisor sees
// the active officers of their commune, and who of them may be given one of their tasks. Every call
// is audited by the route table (api/route.ts); the directory's rows keep who added and who
// deactivated each officer.
import {
  addOfficer,
  deactivateOfficer,
  listOfficers,
  type OfficerRow,
} from '../../db/officers.repository';
import { findTask } from '../../db/queries/cases.queries';
import { ApiError } from '../../domain/errors';
import { Role } from '../../domain/principal';
import type { ApiDeps } from '../deps';
import { HttpProblem } from '../problem';
import { defineRoute, type RouteDefinition } from '../route';
import { TaskParams } from '../schemas/case.schemas';
import { jsonContent } from '../schemas/content';
import {
  AssignableOfficers,
  NewOfficer,
  Officer,
  OfficerList,
  OfficerParams,
  OfficerSearch,
} from '../schemas/officer.schemas';
import { problemResponse } from '../schemas/problem.schemas';

const toOfficer = (row: OfficerRow) => ({
  sub: row.sub,
  name: row.name,
  role: row.role,
  agency: row.agency,
  jurisdiction: row.jurisdictions[0] ?? '',
  jurisdictions: row.jurisdictions,
  active: row.active,
  addedBy: row.added_by,
  addedAt: row.added_at,
  deactivatedBy: row.deactivated_by,
  deactivatedAt: row.deactivated_at,
});

export function officerRoutes({ db }: ApiDeps): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/v1/officers',
      operationId: 'listOfficers',
      summary: 'list the officer directory',
      description:
        'A supervisor sees the active officers serving their commune (the picker for delegations ' +
        'and assignments); an admin, anyone.',
      tags: ['officers'],
      access: [Role.admin, Role.supervisor],
      request: { query: OfficerSearch },
      responses: {
        200: { description: 'by agency, jurisdiction', content: jsonContent(OfficerList) },
        403: problemResponse(
          'A supervisor asking for another commune or for staff other than officers.',
        ),
      },
      handle: async ({ query, principal }) => {
        if (principal.role === 'supervisor') {
          const elsewhere =
            (query.jurisdiction !== undefined && query.jurisdiction !== principal.jurisdiction) ||
            (query.role !== undefined && query.role !== 'officer') ||
            query.active === 'false';
          if (elsewhere)
            throw new HttpProblem(ApiError.FORBIDDEN, {
              vi: 'lãnh đạo chỉ xem cán bộ đang làm việc tại xã mình',
              en: 'a supervisor sees the active officers of their own commune only',
            });
        }
        const rows = await listOfficers(
          db,
          principal.role === 'supervisor'
            ? { agency: query.agency, jurisdiction: principal.jurisdiction, active: true }
            : {
                role: query.role,
                agency: query.agency,
                jurisdiction: query.jurisdiction,
                ...(query.active !== undefined && { active: query.active === 'true' }),
              },
        );
        return { status: 200, body: { items: rows.map(toOfficer) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/officers',
      operationId: 'addOfficer',
      summary: 'add an officer, clerk or supervisor to the directory, or move one to another post',
      description:
        'One post (role, agency and jurisdiction) per person: adding a known `sub` again moves them ' +
        'and makes them active. Tasks they held elsewhere keep them as assignee until reassigned. ' +
        'The identity provider signs staff in with the role and jurisdiction listed here.',
      tags: ['officers'],
      access: [Role.admin],
      idempotent: true,
      request: { body: NewOfficer },
      responses: {
        201: { description: 'added', content: jsonContent(Officer) },
        200: { description: 'known: moved to this post, active', content: jsonContent(Officer) },
      },
      handle: async ({ body, principal }) => {
        const jurisdictions = body.jurisdictions ?? [body.jurisdiction ?? ''];
        const { officer, created } = await addOfficer(
          db,
          body.role === 'officer'
            ? { sub: body.sub, name: body.name, agency: body.agency ?? '', jurisdictions }
            : { sub: body.sub, name: body.name, role: body.role, jurisdictions },
          principal.sub,
        );
        return { status: created ? 201 : 200, body: toOfficer(officer) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/officers/{sub}/deactivation',
      operationId: 'deactivateOfficer',
      summary:
        'deactivate an officer: no longer assignable, no longer records or approves annulments',
      tags: ['officers'],
      access: [Role.admin],
      idempotent: true,
      request: { params: OfficerParams },
      responses: {
        200: { description: 'deactivated (kept for the record)', content: jsonContent(Officer) },
        404: problemResponse('No such officer in the directory.'),
      },
      handle: async ({ params, principal }) => {
        const officer = await deactivateOfficer(db, params.sub, principal.sub);
        if (!officer) throw new HttpProblem(ApiError.NOT_FOUND);
        return { status: 200, body: toOfficer(officer) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/tasks/{taskId}/officers',
      operationId: 'listAssignableOfficers',
      summary: 'officers a task of my jurisdiction may be given',
      tags: ['tasks'],
      access: [Role.supervisor],
      request: { params: TaskParams },
      responses: {
        200: { description: 'by their `sub`', content: jsonContent(AssignableOfficers) },
        404: problemResponse('No such task in your jurisdiction.'),
      },
      handle: async ({ params, principal }) => {
        const task = await findTask(db, params.taskId);
        if (!task || task.jurisdiction !== principal.jurisdiction)
          throw new HttpProblem(ApiError.NOT_FOUND);
        const rows = await listOfficers(db, {
          agency: task.agency,
          jurisdiction: task.jurisdiction,
          active: true,
        });
        return {
          status: 200,
          caseId: task.case_id,
          body: { items: rows.map((row) => ({ sub: row.sub, name: row.name })) },
        };
      },
    }),
  ];
}
