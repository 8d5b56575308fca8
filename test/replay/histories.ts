import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HistoryAndWorkflowId } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { historyFromJSON, type History } from '@temporalio/common/lib/proto-utils';

export const HISTORIES_DIR = join(__dirname, 'histories');

/** A recorded history fixture, with the real workflow id it ran under (STYLE rule 46). */
export function loadHistory(path: string): HistoryAndWorkflowId & { history: History } {
  const fixture = JSON.parse(readFileSync(path, 'utf8')) as {
    workflowId: string;
    history: unknown;
  };
  return { workflowId: fixture.workflowId, history: historyFromJSON(fixture.history) };
}

/** Every committed history. */
export function loadHistories(): (ReturnType<typeof loadHistory> & { file: string })[] {
  return readdirSync(HISTORIES_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ file, ...loadHistory(join(HISTORIES_DIR, file)) }));
}

/** A marker the SDK recorded: a patch (its id) or a local activity (its activity type). */
export interface Marker {
  eventId: number;
  kind: 'patch' | 'local-activity';
  name: string;
}

/** The SDK's markers in a history, in order, decoded. */
export function markersOf(history: History): Marker[] {
  return (history.events ?? []).flatMap((event): Marker[] => {
    const marker = event.markerRecordedEventAttributes;
    const eventId = Number(event.eventId?.toString());
    const patch =
      marker?.markerName === 'core_patch' && marker.details?.['patch-data']?.payloads?.[0];
    if (patch) {
      const { id } = defaultPayloadConverter.fromPayload<{ id: string }>(patch);
      return [{ eventId, kind: 'patch', name: id }];
    }
    const local =
      marker?.markerName === 'core_local_activity' && marker.details?.data?.payloads?.[0];
    if (local) {
      const type = defaultPayloadConverter.fromPayload<{ activity_type: string }>(local);
      return [{ eventId, kind: 'local-activity', name: type.activity_type }];
    }
    return [];
  });
}
