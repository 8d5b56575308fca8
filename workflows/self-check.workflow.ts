import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { SelfCheckInput } from '../domain/self-check';
import { ACTIVITY_OPTIONS } from './activity-options';

const { recordSelfCheck } = proxyActivities<Activities>(ACTIVITY_OPTIONS.database);

/** Proves the chain end to end: the activity writes a row that the API then reads back. */
export async function selfCheck(input: SelfCheckInput): Promise<{ checkId: string }> {
  await recordSelfCheck({ ...input, workflowId: workflowInfo().workflowId });
  return { checkId: input.checkId };
}
