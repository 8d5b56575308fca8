// Activities are built by a factory from their dependencies (STYLE rule 4): the worker passes real
// adapters, tests pass fakes, and workflows type their proxies with `Activities`.
import type { Db } from '../db/pool';
import { selfCheckActivities } from './self-check.activities';

export interface ActivityDeps {
  db: Db;
}

export function createActivities(deps: ActivityDeps) {
  return { ...selfCheckActivities(deps) };
}
export type Activities = ReturnType<typeof createActivities>;
