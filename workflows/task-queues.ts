// The one module for task-queue names and workflow-ID builders, shared by the API and the worker
// (STYLE rule 6): never write a queue name as a string literal twice.
export const TASK_QUEUES = {
  /** Procedure workflows and their bookkeeping activities (read model). */
  orchestration: 'lien-thong.orchestration',
  /** Calls to each agency's system run on its own queue, so an agency can host its own worker. */
  agency: {
    'civil-status': 'agency.civil-status',
    police: 'agency.police',
    'social-insurance': 'agency.social-insurance',
    'social-protection': 'agency.social-protection',
    'merit-services': 'agency.merit-services',
    payments: 'agency.payments',
    notifications: 'agency.notifications',
  },
} as const;
export type AgencyQueue = keyof typeof TASK_QUEUES.agency;

/** Case ids are workflow ids built from the business key, so a second filing finds the first. */
export const workflowIds = {
  selfCheck: (checkId: string) => `self-check:${checkId}`,
  birthResidenceInsurance: (certificateNumber: string) =>
    `birth-residence-insurance:${certificateNumber.trim().toUpperCase()}`,
  /**
   * One case per deceased person: `deceasedKey` is made from their personal ID number by a keyed hash
   * (api/filing.ts), so the id — in URLs, logs and messages — does not reveal the PIN.
   */
  deathResidenceFuneral: (deceasedKey: string) => `death-residence-funeral:${deceasedKey}`,
  step: (caseId: string, step: string) => `${caseId}:${step}`,
} as const;
