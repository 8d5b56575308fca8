import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HistoryAndWorkflowId } from '@temporalio/client';
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
