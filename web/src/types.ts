// Shapes of the API's JSON, as the pages read them (the API documents them in /openapi.json).
export type { CaseView, StepView, TimelineEntry } from '../../domain/procedures/views';

export interface CaseSummary {
  caseId: string;
  procedure: string;
  status: string;
  commune: string;
  receivedAt: string;
  deadline: string;
  overdue: boolean;
}

export interface CaseList {
  total: number;
  items: CaseSummary[];
}

export interface Task {
  taskId: string;
  caseId: string;
  step: string;
  agency: string;
  jurisdiction: string;
  state: string;
  deadline: string | null;
  overdue: boolean;
  atRisk: boolean;
  breached: boolean;
  summary: Record<string, unknown>;
  /** Present once the inbox reports assignees (POST /v1/tasks/{id}/assignment sets them). */
  assignee?: string | null;
  /** The decisions the step allows now; the page offers these and no others. */
  decisions: ('approve' | 'reject' | 'request_supplement' | 'return')[];
}
