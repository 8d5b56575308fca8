// The read-model projections (a case's view, a step's task) as the workflows call them. They write
// our own PostgreSQL, idempotently (an older version never overwrites a newer one), so they run as
// local activities: inside the workflow task, recorded as a marker, with none of a scheduled
// activity's round trips through the Temporal server — about half of a Group A case's activities are
// projections. Workflows started before that ran them as scheduled activities; patched() keeps their
// histories replaying (STYLE rule 16).
//
// One rule comes with it: ask every patch before a local projection, never for the first time right
// after one. A workflow task can end between a local activity's marker and the code after it (a
// history recorded on the time-skipping test server has it); on replay that code then runs within the
// earlier task, before the later task's patch markers are known, and the patch answers differently —
// a nondeterminism error, the case stuck once its worker forgets it.
import { patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { ACTIVITY_OPTIONS } from './activity-options';

/** patched() id: projections run as local activities. */
export const LOCAL_PROJECTIONS = 'local-projections';

type Projections = Pick<Activities, 'projectCase' | 'projectStep'>;

const scheduled = proxyActivities<Projections>(ACTIVITY_OPTIONS.database);
const local = proxyLocalActivities<Projections>(ACTIVITY_OPTIONS.database);

/** Whether to project locally: asked before each projection, where a running workflow meets it. */
export const projectsLocally = (): boolean => patched(LOCAL_PROJECTIONS);

/** The projections to call now. */
export function projections(locally = projectsLocally()): Projections {
  return locally ? local : scheduled;
}
