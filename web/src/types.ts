// Shapes of the API's JSON, as the pages read them (the API documents them in /openapi.json).
export type { CaseView, StepView, TimelineEntry } from '../../domain/procedures/views';
import type { CaseView } from '../../domain/procedures/views';
import type { StuckReason } from '../../domain/stuck-cases';
import type { DeadlineClock } from './format';
export type { StuckReason };

export interface CaseSummary {
  caseId: string;
  /** The code on the desk receipt (cases filed before it existed have none). */
  caseCode?: string;
  /** Whom the case is about: the child, the deceased (absent on cases filed before it was kept). */
  name?: string;
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
  /** The case's readable code (none on cases filed before codes). */
  caseCode?: string;
  /** The caller may decide it now (not given to someone they do not stand in for). */
  mayDecide: boolean;
  step: string;
  agency: string;
  jurisdiction: string;
  state: string;
  deadline: string | null;
  overdue: boolean;
  /** The deadline in working days by the official calendar; absent: none. */
  clock?: DeadlineClock;
  atRisk: boolean;
  breached: boolean;
  summary: Record<string, unknown>;
  /** Present once the inbox reports assignees (POST /v1/tasks/{id}/assignment sets them). */
  assignee?: string | null;
  /** The decisions the step allows now; the page offers these and no others. */
  decisions: ('approve' | 'reject' | 'request_supplement' | 'return')[];
}

/** GET /v1/tasks/{taskId}/officers: who of the officer directory the task may be given. */
export interface AssignableOfficers {
  items: { sub: string; name: string }[];
}

/** GET /v1/ops/stuck-cases */
export interface StuckCase {
  caseId: string;
  procedure: string | null;
  commune: string | null;
  status: string | null;
  since: string;
  reasons: { code: StuckReason; since: string; detail: string }[];
}

/** GET /v1/reports/compliance. */
export interface ComplianceReport {
  from: string;
  to: string;
  asOf: string;
  commune: string | null;
  agency: string | null;
  rows: {
    agency: string;
    step: string;
    decided: number;
    onTime: number;
    onTimeRate: number | null;
    medianHours: number | null;
    p90Hours: number | null;
    open: number;
    overdue: number;
  }[];
  days: { day: string; agency: string; decided: number; onTime: number }[];
}

export interface MonthlyReportList {
  items: { month: string; producedAt: string }[];
}

export interface StuckCaseList {
  total: number;
  items: StuckCase[];
}

/** A file handed in with the filing (`step` null) or with a supplement answer to `step`. */
export interface Attachment {
  attachmentId: string;
  item: string;
  step: string | null;
  answerId: string | null;
  mediaType: 'application/pdf' | 'image/jpeg' | 'image/png';
  size: number;
  sha256: string;
  uploadedAt: string;
  href: string;
}

export interface SupplementAnswer {
  answerId: string;
  step: string;
  documents: string[];
  attachments: string[];
  answeredAt: string;
}

/** GET /v1/cases/{caseId}: the view, with what was handed in (absent from older APIs). */
export type CaseRead = CaseView & {
  attachments?: Attachment[];
  supplementAnswers?: SupplementAnswer[];
  /** Deadlines in working days as of this reading: the whole case's, and each open step's. */
  clocks?: { case?: DeadlineClock; steps: Record<string, DeadlineClock> };
  /** Whether this caller may withdraw the case now. */
  mayWithdraw?: boolean;
};

/** POST /v1/uploads */
export interface UploadReceipt {
  uploadId: string;
  sha256: string;
  size: number;
  mediaType: string;
}
