// The shape of a finished workflow, read from its history and its children's: how many activities
// (scheduled and local), signals to its parent, timers and child workflows it ran. The bare workflow
// repeats exactly that.
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { Shape } from '../workflows/bare.workflow';

const EventType = temporal.api.enums.v1.EventType;
/** The marker the SDK records for each local activity (patches record 'core_patch'). */
const LOCAL_ACTIVITY_MARKER = 'core_local_activity';

export async function shapeOf(client: Client, workflowId: string): Promise<Shape> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const events = history.events ?? [];
  const count = (type: temporal.api.enums.v1.EventType) =>
    events.filter((e) => e.eventType === type).length;
  const childIds = events
    .filter((e) => e.eventType === EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED)
    .map((e) => e.childWorkflowExecutionStartedEventAttributes?.workflowExecution?.workflowId)
    .filter((id): id is string => typeof id === 'string');
  return {
    activities: count(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED),
    localActivities: events.filter(
      (e) => e.markerRecordedEventAttributes?.markerName === LOCAL_ACTIVITY_MARKER,
    ).length,
    signalsToParent: count(EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED),
    timers: count(EventType.EVENT_TYPE_TIMER_STARTED),
    children: await Promise.all(childIds.map((id) => shapeOf(client, id))),
  };
}
