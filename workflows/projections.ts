// The read-model projections (a case's view, a step's task) as the workflows call them. They write
// our own PostgreSQL, idempotently (an older version never overwrites a newer one).
//
// They ran as local activities until v1.1.0 (inside the workflow task, recorded as a marker, none of a
// scheduled activity's round trips). A local activity's result is not an event in the history the
// way a scheduled activity's is: live, the SDK may hand it to the workflow before or after another
// result that came in meanwhile (a citizen's message sent, a child's end), and on replay in another
// order. Code that reacts to both then gives its commands in another order on replay — a recorded
// death case did (its payee deadline's timer before its next message): a nondeterminism error, the
// case stuck once its worker forgets it. Scheduled activities come back in the order the history
// has them, live and on replay. A workflow asks which once, when it starts (`projectionsOfThisRun`),
// so one started before the patch keeps its local projections to the end.
//
// For those older runs one rule stays (STYLE rule 16): ask every patch before a local projection,
// never for the first time right after one. A workflow task can end between a local activity's
// marker and the code after it; on replay that code then runs within the earlier task, before the
// later task's patch markers are known, and the patch answers differently.
import { patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { ACTIVITY_OPTIONS } from './activity-options';

type Projections = Pick<Activities, 'projectCase' | 'projectStep'>;

/** Patch: projections are scheduled activities, not local ones (CHANGELOG 1.1.0). */
export const SCHEDULED_PROJECTIONS_PATCH = 'scheduled-projections';

const local = proxyLocalActivities<Projections>(ACTIVITY_OPTIONS.database);
const scheduled = proxyActivities<Projections>(ACTIVITY_OPTIONS.database);

/**
 * The projections this run calls, and whether they are scheduled (the patch's answer, for code that
 * depends on it): asked once, as the workflow starts, before any projection.
 */
export function projectionsOfThisRun(): { scheduled: boolean; call: Projections } {
  const isScheduled = patched(SCHEDULED_PROJECTIONS_PATCH);
  return { scheduled: isScheduled, call: isScheduled ? scheduled : local };
}
