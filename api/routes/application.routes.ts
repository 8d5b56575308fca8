// The whole dossier (issue 22, item 2): the application as filed, every field, for those who may see
// the case — the officers deciding its steps above all. Personal data: audited by the route table,
// PINs masked as in the case's view, bank accounts for those who pay or took them (api/masking.ts).
import { z } from 'zod';
import { filedApplication } from '../../db/queries/applications.queries';
import { EXAMPLE_BIRTH_APPLICATION } from '../../domain/BirthApplication';
import { ApiError } from '../../domain/errors';
import { Role } from '../../domain/principal';
import { CaseView } from '../../domain/procedures/views';
import { findVisibleCase } from '../access';
import type { ApiDeps } from '../deps';
import { applicationFor } from '../masking';
import { HttpProblem } from '../problem';
import { defineRoute, type RouteDefinition } from '../route';
import { CaseParams } from '../schemas/case.schemas';
import { jsonContent } from '../schemas/content';
import { problemResponse } from '../schemas/problem.schemas';

const FiledApplication = z.looseObject({ procedure: z.string() }).meta({
  id: 'FiledApplication',
  description: 'the BirthApplication or DeathApplication as filed (see the filing endpoints)',
  examples: [EXAMPLE_BIRTH_APPLICATION],
});

export function applicationRoutes({ db }: ApiDeps): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/v1/cases/{caseId}/application',
      operationId: 'readApplication',
      summary: 'the application as filed: every field, for the whole dossier',
      tags: ['cases'],
      access: [Role.citizen, Role.clerk, Role.officer, Role.supervisor, Role.admin],
      request: { params: CaseParams },
      responses: {
        200: { description: 'as filed', content: jsonContent(FiledApplication) },
        404: problemResponse('No such case (or not yours), or one filed before filings were kept.'),
      },
      handle: async ({ params, principal }) => {
        const found = await findVisibleCase(db, principal, params.caseId);
        if (!found) throw new HttpProblem(ApiError.NOT_FOUND);
        const application = await filedApplication(db, found.row.case_id);
        if (!application || typeof application !== 'object')
          throw new HttpProblem(ApiError.NOT_FOUND, {
            vi: 'hồ sơ này được nộp trước khi tờ khai được lưu lại',
            en: 'this case was filed before applications were kept',
          });
        const view = CaseView.parse(found.row.view);
        return {
          status: 200,
          body: applicationFor(
            principal,
            view,
            application as Record<string, unknown>,
            found.parties.partyPins,
          ),
        };
      },
    }),
  ];
}
