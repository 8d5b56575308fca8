// The read-model projections (a case's view, a step's task) as the workflows call them. They write
// our own PostgreSQL, idempotently (an older version never overwrites a newer one), so they run as
// local activities: inside the workflow task, recorded as a marker, with none of a scheduled
// activity's round trips through the Temporal server — about half of a Group A case's activities are
// projections.
//
// One rule comes with it, for the patches still to come (STYLE rule 16): ask every patch before a
// local projection, never for the first time right after one. A workflow task can end between a
// local activity's marker and the code after it (a history recorded on the time-skipping test server
// has it); on replay that code then runs within the earlier task, before the later task's patch
// markers are known, and the patch answers differently — a nondeterminism error, the case stuck once
// its worker forgets it.
import { proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { ACTIVITY_OPTIONS } from './activity-options';

type Projections = Pick<Activities, 'projectCase' | 'projectStep'>;

const local = proxyLocalActivities<Projections>(ACTIVITY_OPTIONS.database);

/** The projections to call. */
export const projections = (): Projections => local;
