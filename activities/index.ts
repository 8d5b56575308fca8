// Activities are built by a factory from their dependencies (STYLE rule 4): the worker passes real
// adapters, tests pass fakes, and workflows type their proxies with `Activities`.
import type { Agencies } from '../agencies';
import type { Db } from '../db/pool';
import { birthResidenceInsuranceSteps } from './birth-residence-insurance.activities';
import { deathResidenceFuneralSteps } from './death-residence-funeral.activities';
import { notifyActivities } from './notify.activities';
import { readModelActivities } from './read-model.activities';
import { reportActivities } from './report.activities';
import { selfCheckActivities } from './self-check.activities';
import { stepActivities } from './steps';

export interface ActivityDeps {
  db: Db;
  agencies: Agencies;
}

export function createActivities(deps: ActivityDeps) {
  const groupA = birthResidenceInsuranceSteps(deps);
  const groupB = deathResidenceFuneralSteps(deps);
  return {
    ...selfCheckActivities(deps),
    ...readModelActivities(deps),
    ...reportActivities(deps),
    ...notifyActivities(deps),
    ...stepActivities({ ...groupA.handlers, ...groupB.handlers }),
    ...groupA.activities,
    ...groupB.activities,
  };
}
export type Activities = ReturnType<typeof createActivities>;
