// Group A: one application; birth registration first, then residence ∥ health-insurance card as the
// citizen chose. The shared case (linked-case.ts) runs the machine and the steps; this file says what
// each agency receives and how a returned card step gets the birth record corrected.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { deadlineAfter, toLocalDate, type WorkingCalendar } from '../domain/calendar/working-days';
import type { BirthApplication } from '../domain/BirthApplication';
import { readModelKeys } from '../domain/case-people';
import type { GroupARules, GroupAStep } from '../domain/procedures/birth-residence-insurance.rules';
import type { ReturnedParams } from '../domain/procedures/linked-procedure.machine';
import { ReasonCode } from '../domain/procedures/reasons';
import type { CaseView } from '../domain/procedures/views';
import { agencyOptions } from './activity-options';
import {
  birthRequest,
  insuranceRequest,
  residenceRequest,
  taskSummary,
  timingOf,
} from './birth-residence-insurance.requests';
import { CaseDeadline } from './case-deadline';
import { LinkedCase, type ProcedureHandlers } from './linked-case';
import { orElse } from './outcomes';
import type { AgencyStepInput } from './steps/agency-step.workflow';
import type { AgencyQueue } from './task-queues';

export interface BirthCaseInput {
  application: BirthApplication;
  /** When the one-stop desk or portal received the dossier (epoch ms). */
  receivedAt: number;
  /** Province code of the receiving commune (first digits of the child's PIN). */
  provinceCode: string;
  rules: GroupARules;
  calendar: WorkingCalendar;
  /** The human-readable code the API gave it (domain/case-code.ts); absent on cases filed before. */
  caseCode?: string;
}

const QUEUES: Record<GroupAStep, AgencyQueue> = {
  birth: 'civil-status',
  residence: 'police',
  insurance: 'social-insurance',
};

const { correctBirth } = proxyActivities<Activities>(agencyOptions('civil-status'));

export async function birthResidenceInsurance(input: BirthCaseInput): Promise<CaseView> {
  const { application: app, rules } = input;
  const caseDeadline = (): number =>
    deadlineAfter(
      input.receivedAt,
      linked.context.verifying ? rules.deadlines.caseWithVerification : rules.deadlines.case,
      linked.calendar,
    );
  // Asked first, before any projection (the patch's rule, workflows/projections.ts).
  const keeper = CaseDeadline.ofThisRun(
    caseDeadline,
    rules.reminderHoursBeforeDeadline,
    // The case projects after every timer it fires: the entry is in the next projection.
    (entry) => linked.timeline.push(entry),
  );
  const linked = new LinkedCase({
    procedure: app.procedure,
    first: 'birth',
    chosen: app.components,
    maxCorrections: rules.maxCorrections,
    // A residence that needs the police's verification gives the whole case more working days.
    verificationStep: 'residence',
    receivedAt: input.receivedAt,
    ...(input.caseCode !== undefined && { caseCode: input.caseCode }),
    commune: app.receivingCommune,
    contact: { phone: app.applicant.phone, language: app.language },
    calendar: input.calendar,
    // Counted with the case's calendar as it is now: a notice published meanwhile moves it.
    deadline: caseDeadline,
    ...(keeper && {
      nextTimer: () => keeper.next(),
      details: () => ({ deadlineStatus: keeper.status }),
    }),
    ...readModelKeys(app),
  });
  const birth = () => linked.steps.get('birth')?.result ?? {};
  const timing = timingOf(app, rules, toLocalDate(input.receivedAt, input.calendar));

  const startStep = (
    step: GroupAStep,
    request: AgencyStepInput['request'],
    workingDays: number,
    limits: Pick<AgencyStepInput, 'reviewWorkingDays' | 'rejectWithinWorkingDays'> = {},
  ) =>
    linked.startStep(step, {
      jurisdiction:
        step === 'birth'
          ? app.receivingCommune
          : (app.residence?.address.commune ?? app.receivingCommune),
      agency: rules.agencies[step],
      queue: QUEUES[step],
      request,
      startedAt: step === 'birth' ? input.receivedAt : Date.now(),
      workingDays,
      ...limits,
      calendar: linked.calendar,
      supplementReplyDays: rules.supplementReplyDays,
      ...(rules.supplementReplyMs !== undefined && { supplementReplyMs: rules.supplementReplyMs }),
      reminderHours: rules.reminderHoursBeforeDeadline,
      summary: taskSummary(app, linked.steps.get('birth')?.result, timing),
    });

  const handlers: ProcedureHandlers = {
    async startBranches() {
      if (app.components.residence)
        await startStep('residence', residenceRequest(app, birth()), rules.deadlines.residence, {
          reviewWorkingDays: rules.deadlines.residenceWithVerification,
        });
      if (app.components.insurance)
        await startStep('insurance', insuranceRequest(app, birth()), rules.deadlines.insurance, {
          // BHXH rejects an invalid file within 1 working day, or not at all (DOMAIN.md §2A [S18]).
          rejectWithinWorkingDays: rules.deadlines.insuranceRejection,
        });
    },
    // Civil status corrects the birth record for the steps that found a defect caused by it; if it
    // cannot, those steps end rejected with its reason.
    async requestCorrection({ returned }: ReturnedParams) {
      const reason = returned.map((r) => r.reason).join('; ') || 'defect found by a later agency';
      const outcome = await orElse(
        () =>
          correctBirth({
            caseId: linked.caseId,
            round: 0,
            request: birthRequest(app, input.provinceCode),
            reason,
            correction: linked.context.corrections,
          }),
        (refusal) => ({ kind: 'rejected' as const, ...refusal }),
      );
      if (outcome.kind !== 'completed') {
        const refused =
          outcome.kind === 'rejected'
            ? { code: outcome.code, reason: outcome.reason }
            : { code: ReasonCode.CORRECTION_FAILED, reason: outcome.kind };
        return linked.apply({ type: 'CORRECTION_FAILED', ...refused });
      }
      linked.timeline.push({
        at: new Date().toISOString(),
        event: 'corrected',
        step: 'birth',
        detail: reason,
      });
      linked.apply({ type: 'CORRECTION_DONE' });
    },
  };

  // Requests are heard once the case exists (one sent with the filing's answer may be waiting).
  linked.requests.listen();
  linked.notify({ template: 'case_received', caseId: linked.caseId });
  await startStep('birth', birthRequest(app, input.provinceCode), rules.deadlines.birth);
  return linked.run(handlers);
}
