// Delegation of an officer's inbox for a period (issue 22, item 8): the commune's supervisor lets an
// officer decide, for some days, the tasks given to another officer of the same agency who is away.
// The decision route (tasks.routes.ts) and the inbox's "assigned to me" read them; every call is
// audited by the route table.
import {
  createDelegation,
  listDelegations,
  officersForDelegation,
  revokeDelegation,
  type DelegationRow,
} from '../../db/delegations.repository';
import { vietnamDate } from '../../domain/calendar/vietnam-time';
import { ApiError } from '../../domain/errors';
import { Role } from '../../domain/principal';
import type { ApiDeps } from '../deps';
import { HttpProblem, type ProblemIssue } from '../problem';
import { defineRoute, type RouteDefinition } from '../route';
import { jsonContent } from '../schemas/content';
import {
  Delegation,
  DelegationList,
  DelegationParams,
  NewDelegation,
} from '../schemas/delegation.schemas';
import { problemResponse } from '../schemas/problem.schemas';

/** The longest delegation: a year (longer absences are a reassignment). */
const MAX_DAYS = 366;

const toDelegation = (row: DelegationRow, today: string) => ({
  delegationId: row.delegation_id,
  commune: row.commune,
  delegator: row.delegator,
  delegate: row.delegate,
  startsOn: row.starts_on,
  endsOn: row.ends_on,
  inForce: row.revoked_at === null && row.starts_on <= today && today <= row.ends_on,
  createdBy: row.created_by,
  createdAt: row.created_at,
  revokedBy: row.revoked_by,
  revokedAt: row.revoked_at,
});

const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;

export function delegationRoutes({ db }: ApiDeps): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/v1/delegations',
      operationId: 'listDelegations',
      summary: 'the delegations of my commune, latest first',
      tags: ['tasks'],
      access: [Role.supervisor],
      responses: {
        200: { description: 'in force, to come and past', content: jsonContent(DelegationList) },
      },
      handle: async ({ principal }) => {
        const today = vietnamDate(Date.now());
        const rows = await listDelegations(db, principal.jurisdiction);
        return { status: 200, body: { items: rows.map((row) => toDelegation(row, today)) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/delegations',
      operationId: 'delegateInbox',
      summary: 'let one officer decide another’s tasks of my commune for some days',
      description:
        'Both officers active in the directory, of the same agency, both serving the commune; the ' +
        'period from today on, at most a year. The tasks stay the absent officer’s: the delegate ' +
        'may decide them, and sees them under “assigned to me”, while the delegation is in force.',
      tags: ['tasks'],
      access: [Role.supervisor],
      idempotent: true,
      request: { body: NewDelegation },
      responses: {
        201: { description: 'recorded', content: jsonContent(Delegation) },
        422: problemResponse(
          'An officer not of the directory, the agency or the commune; a period in the past or too long.',
        ),
      },
      handle: async ({ body, principal }) => {
        const today = vietnamDate(Date.now());
        const commune = principal.jurisdiction;
        const refusals: { pointer: string; en: string; vi: string }[] = [];
        const refuse = (pointer: string, en: string, vi: string) =>
          refusals.push({ pointer, en, vi });
        if (body.startsOn < today)
          refuse('/startsOn', 'must be today or later', 'ngày bắt đầu phải từ hôm nay trở đi');
        if (days(body.startsOn, body.endsOn) > MAX_DAYS)
          refuse(
            '/endsOn',
            `at most ${MAX_DAYS} days after the first`,
            `không quá ${MAX_DAYS} ngày kể từ ngày bắt đầu`,
          );
        const officers = await officersForDelegation(db, [body.delegator, body.delegate], commune);
        const of = (sub: string) => officers.find((o) => o.sub === sub);
        for (const role of ['delegator', 'delegate'] as const) {
          const officer = of(body[role]);
          if (!officer?.active)
            refuse(
              `/${role}`,
              'not an active officer of the directory',
              `${body[role]} không phải cán bộ đang làm việc trong danh bạ`,
            );
          else if (!officer.serves)
            refuse(
              `/${role}`,
              `does not serve commune ${commune}`,
              `${body[role]} không làm việc tại xã ${commune}`,
            );
        }
        const [delegator, delegate] = [of(body.delegator), of(body.delegate)];
        if (delegator?.active && delegate?.active && delegator.agency !== delegate.agency)
          refuse(
            '/delegate',
            `not of the agency ${delegator.agency}`,
            `${body.delegate} không cùng cơ quan với ${body.delegator}`,
          );
        if (refusals.length > 0)
          throw new HttpProblem(
            ApiError.UNPROCESSABLE,
            {
              vi: `không thể ủy quyền: ${refusals.map((r) => r.vi).join('; ')}`,
              en: `cannot delegate: ${refusals.map((r) => `${r.pointer} ${r.en}`).join('; ')}`,
            },
            {
              errors: refusals.map((r): ProblemIssue => ({
                in: 'body',
                pointer: r.pointer,
                detail: { vi: r.vi, en: r.en },
              })),
            },
          );
        const row = await createDelegation(db, { ...body, commune, by: principal.sub });
        return { status: 201, body: toDelegation(row, today) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/delegations/{delegationId}/revocation',
      operationId: 'revokeDelegation',
      summary: 'end a delegation of my commune now (kept for the record)',
      tags: ['tasks'],
      access: [Role.supervisor],
      idempotent: true,
      request: { params: DelegationParams },
      responses: {
        200: { description: 'revoked', content: jsonContent(Delegation) },
        404: problemResponse('No delegation of your commune, or one revoked already.'),
      },
      handle: async ({ params, principal }) => {
        const row = await revokeDelegation(db, {
          delegationId: params.delegationId,
          commune: principal.jurisdiction,
          by: principal.sub,
        });
        if (!row) throw new HttpProblem(ApiError.NOT_FOUND);
        return { status: 200, body: toDelegation(row, vietnamDate(Date.now())) };
      },
    }),
  ];
}
