// Records the histories of a finished case (the case workflow and each of its step workflows) as
// replay fixtures, when the suite runs with LIEN_THONG_RECORD_HISTORIES=1 (`make histories`).
// The replay test then checks every committed history against today's workflow code.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { workflowIds } from '../../workflows/task-queues';

const DIR = join(__dirname, '..', 'replay', 'histories');
export const recording = process.env.LIEN_THONG_RECORD_HISTORIES === '1';

/** Records one workflow's history as `<file>.json`, when recording. */
export async function recordHistory(client: Client, workflowId: string, file: string) {
  if (!recording) return;
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const fixture = { workflowId, history: JSON.parse(historyToJSON(history)) as unknown };
  writeFileSync(join(DIR, `${file}.json`), `${JSON.stringify(fixture)}\n`);
}

export async function recordHistories(
  client: Client,
  caseId: string,
  scenario: string,
): Promise<void> {
  if (!recording) return;
  const ids = [
    caseId,
    ...[
      'birth',
      'residence',
      'insurance',
      'death',
      'residence-removal',
      'funeral',
      'survivor',
      'pension-stop',
      'payee-declaration',
    ].map((s) => workflowIds.step(caseId, s)),
  ];
  for (const [i, workflowId] of ids.entries()) {
    try {
      const history = await client.workflow.getHandle(workflowId).fetchHistory();
      const name = i === 0 ? 'case' : (workflowId.split(':').pop() ?? 'step');
      const fixture = { workflowId, history: JSON.parse(historyToJSON(history)) as unknown };
      writeFileSync(join(DIR, `${scenario}.${name}.json`), `${JSON.stringify(fixture)}\n`);
    } catch (error) {
      // A step the citizen did not choose never ran.
      if (!/NOT_FOUND|not found/i.test(String(error))) throw error;
    }
  }
}
