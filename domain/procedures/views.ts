// The plain, serialisable views a procedure shows: one step, one case with its timeline. Workflows
// return them from their single query; the read model stores them; the API serves them.
import type { Agency } from '../principal';
import type { AgencyStepState, StepResult, StepStatus } from './agency-step.machine';
import type { CaseStatus } from './case-status';

export interface StepView {
  step: string;
  agency: Agency;
  /** Child workflow running the step (target of officers' decisions and supplements). */
  workflowId: string;
  status: StepStatus;
  state: AgencyStepState;
  /** Legal deadline (ISO instant); absent while the clock is paused or before the step starts. */
  deadline?: string;
  breached: boolean;
  result?: StepResult;
  reason?: string;
  /** What the citizen must still supply, while awaiting a supplement. */
  missing?: string[];
  /** When the citizen's time to answer a request for supplement runs out. */
  supplementDue?: string;
  /** Incremented on every change: read-model writes apply only newer versions. */
  version: number;
}

export interface TimelineEntry {
  at: string;
  event: string;
  step?: string;
  detail?: string;
}

export interface CaseView {
  caseId: string;
  procedure: string;
  status: CaseStatus;
  receivedAt: string;
  commune: string;
  deadline: string;
  steps: StepView[];
  timeline: TimelineEntry[];
  version: number;
}
