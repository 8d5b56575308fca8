// Activities are built by a factory from their dependencies (STYLE rule 4): the worker passes real
// adapters, tests pass fakes, and workflows type their proxies with `Activities`.
import type { Agencies } from '../agencies';
import type { Db } from '../db/pool';
import { birthResidenceInsuranceActivities } from './birth-residence-insurance.activities';
import { notifyActivities } from './notify.activities';
import { readModelActivities } from './read-model.activities';
import { selfCheckActivities } from './self-check.activities';

export interface ActivityDeps {
  db: Db;
  agencies: Agencies;
}

export function createActivities(deps: ActivityDeps) {
  return {
    ...selfCheckActivities(deps),
    ...readModelActivities(deps),
    ...notifyActivities(deps),
    ...birthResidenceInsuranceActivities(deps),
  };
}
export type Activities = ReturnType<typeof createActivities>;
