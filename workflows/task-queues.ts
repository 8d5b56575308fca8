// The one module for task-queue names and workflow-ID builders, shared by the API and the worker
// (STYLE rule 6): never write a queue name as a string literal twice.
export const TASK_QUEUES = {
  /** Procedure workflows and their bookkeeping activities (read model, outbox). */
  orchestration: 'lien-thong.orchestration',
} as const;

export const workflowIds = {
  selfCheck: (checkId: string) => `self-check:${checkId}`,
} as const;
