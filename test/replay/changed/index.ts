// A deliberately changed copy of the workflows: selfCheck now waits before its activity, which
// commands a timer that recorded histories do not have. Replaying them against this copy must fail.
import { proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../../activities';
import type { SelfCheckInput } from '../../../domain/self-check';
import { ACTIVITY_OPTIONS } from '../../../workflows/activity-options';

const { recordSelfCheck } = proxyActivities<Activities>(ACTIVITY_OPTIONS.database);

export async function selfCheck(input: SelfCheckInput): Promise<{ checkId: string }> {
  await sleep('1 second');
  await recordSelfCheck({ ...input, workflowId: workflowInfo().workflowId });
  return { checkId: input.checkId };
}
