// A citizen's particulars from the population database (issue 22, item 4): a one-stop clerk types a
// PIN and the form fills itself; a citizen may read their own. Personal data: every lookup is audited
// with whose data it was (keyed, migration 0029), answered or refused.
import { ApiError } from '../../domain/errors';
import { ETHNIC_GROUPS } from '../../domain/ethnic-groups';
import { Role } from '../../domain/principal';
import type { ApiDeps } from '../deps';
import { pinKey } from '../filing';
import { HttpProblem, populationUnavailable } from '../problem';
import { defineRoute, setAuditSubject, type RouteDefinition } from '../route';
import { jsonContent } from '../schemas/content';
import { Person, PersonLookup } from '../schemas/people.schemas';
import { problemResponse } from '../schemas/problem.schemas';

const ETHNICITY_BY_CODE = new Map(ETHNIC_GROUPS.map((group) => [group.code, group.name]));

export function peopleRoutes({ population, caseIdSecret }: ApiDeps): RouteDefinition[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/people/lookup',
      operationId: 'lookUpPerson',
      summary: 'a citizen’s particulars from the population database, to fill in a form',
      description:
        'Clerks look up anyone (at the desk, for the person in front of them); citizens only ' +
        'themselves. Audited with the person looked up.',
      tags: ['people'],
      access: [Role.clerk, Role.citizen],
      request: { body: PersonLookup },
      responses: {
        200: { description: 'what the database holds', content: jsonContent(Person) },
        403: problemResponse('A citizen looking up someone else.'),
        404: problemResponse('The population database does not know the PIN.'),
        503: problemResponse('The population database is unreachable.'),
      },
      handle: async ({ body, principal, res }) => {
        setAuditSubject(res, pinKey(body.pin, caseIdSecret));
        if (principal.role === 'citizen' && principal.pin !== body.pin)
          throw new HttpProblem(ApiError.FORBIDDEN, {
            vi: 'công dân chỉ tra cứu được thông tin của chính mình',
            en: 'a citizen may look up only themselves',
          });
        if (!population) throw populationUnavailable(false);
        const citizen = await population.citizen(body.pin).catch(() => {
          throw populationUnavailable(true);
        });
        if (!citizen)
          throw new HttpProblem(ApiError.NOT_FOUND, {
            vi: 'cơ sở dữ liệu quốc gia về dân cư không có số định danh này',
            en: 'the population database does not know this personal ID number',
          });
        const ethnicity = citizen.ethnicityCode && ETHNICITY_BY_CODE.get(citizen.ethnicityCode);
        return {
          status: 200,
          body: {
            pin: citizen.pin,
            fullName: citizen.fullName,
            dateOfBirth: citizen.dateOfBirth,
            sex: citizen.sex,
            ...(ethnicity && { ethnicity }),
            ...(citizen.nationality && { nationality: citizen.nationality }),
            ...(citizen.residence && { residence: citizen.residence }),
            deceased: citizen.deceased,
          },
        };
      },
    }),
  ];
}
