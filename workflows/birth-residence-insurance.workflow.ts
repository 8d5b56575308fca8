// Group A: one application; birth registration first, then residence ∥ health-insurance card as the
// citizen chose. The case machine decides what may happen next; each agency step is a child workflow.
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  ParentClosePolicy,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
  type ChildWorkflowHandle,
} from '@temporalio/workflow';
import { initialTransition, transition } from 'xstate';
import type { Activities } from '../activities';
import { deadlineAfter, type WorkingCalendar } from '../domain/calendar/working-days';
import type { BirthApplication } from '../domain/BirthApplication';
import { ProcedureError } from '../domain/errors';
import type { NotificationEvent } from '../domain/notifications';
import {
  birthResidenceInsuranceMachine as machine,
  type CaseEvent,
} from '../domain/procedures/birth-residence-insurance.machine';
import type { GroupARules, GroupAStep } from '../domain/procedures/birth-residence-insurance.rules';
import { toCaseStatus } from '../domain/procedures/case-status';
import type { CaseView, StepView, TimelineEntry } from '../domain/procedures/views';
import { ACTIVITY_OPTIONS, agencyOptions } from './activity-options';
import {
  birthRequest,
  insuranceRequest,
  residenceRequest,
  taskSummary,
} from './birth-residence-insurance.requests';
import {
  cancelStep,
  closeReturnedStep,
  getProcedureStatus,
  resendStep,
  stepChanged,
  withdrawCase,
} from './messages';
import { agencyStep, type AgencyStepInput } from './steps/agency-step.workflow';
import { workflowIds, type AgencyQueue } from './task-queues';

export interface BirthCaseInput {
  application: BirthApplication;
  /** When the one-stop desk or portal received the dossier (epoch ms). */
  receivedAt: number;
  /** Province code of the receiving commune (first digits of the child's PIN). */
  provinceCode: string;
  rules: GroupARules;
  calendar: WorkingCalendar;
}

const QUEUES: Record<GroupAStep, AgencyQueue> = {
  birth: 'civil-status',
  residence: 'police',
  insurance: 'social-insurance',
};

const DEFAULT_MAX_CORRECTIONS = 2;

const { projectCase } = proxyActivities<Activities>(ACTIVITY_OPTIONS.database);
const { correctBirth } = proxyActivities<Activities>(agencyOptions('civil-status'));
const { notifyCitizen } = proxyActivities<Activities>(agencyOptions('notifications'));

export async function birthResidenceInsurance(input: BirthCaseInput): Promise<CaseView> {
  const { application: app, rules } = input;
  const caseId = workflowInfo().workflowId;
  const [initial, initialActions] = initialTransition(machine, {
    chosen: app.components,
    // Cases filed before the limit existed carry no value: the same limit applies to them.
    maxCorrections: rules.maxCorrections ?? DEFAULT_MAX_CORRECTIONS,
  });
  let snapshot = initial;
  const actions = [...initialActions];
  const steps = new Map<GroupAStep, StepView>();
  const children = new Map<GroupAStep, ChildWorkflowHandle<typeof agencyStep>>();
  const timeline: TimelineEntry[] = [
    { at: new Date(input.receivedAt).toISOString(), event: 'received' },
  ];
  const events: CaseEvent[] = [];
  let version = 0;
  let sent = 0;
  let verification = false;

  const view = (): CaseView => ({
    caseId,
    procedure: app.procedure,
    status: toCaseStatus(
      String(snapshot.value),
      [...steps.values()].map((s) => s.status),
    ),
    receivedAt: new Date(input.receivedAt).toISOString(),
    commune: app.receivingCommune,
    deadline: new Date(
      deadlineAfter(
        input.receivedAt,
        verification ? rules.deadlines.caseWithVerification : rules.deadlines.case,
        input.calendar,
      ),
    ).toISOString(),
    steps: [...steps.values()],
    timeline,
    version,
  });

  setHandler(getProcedureStatus, view);
  setHandler(stepChanged, (step) => {
    const name = step.step as GroupAStep;
    const previous = steps.get(name);
    if (previous && previous.version >= step.version) return;
    steps.set(name, step);
    if (previous?.state !== step.state)
      timeline.push({
        at: new Date().toISOString(),
        event: step.state,
        step: name,
        ...(step.reason && { detail: step.reason }),
      });
    if (name === 'residence' && step.state === 'in_review') verification = true;
    // A new return: the step was not returned before, or has been sent again since.
    const returnedAgain = previous?.state !== 'returned' || previous.resent !== step.resent;
    if (step.state === 'returned' && returnedAgain) events.push({ type: 'CORRECTION_REQUESTED' });
  });
  setHandler(
    withdrawCase,
    async (_request) => {
      events.push({ type: 'WITHDRAW' });
      await condition(() => snapshot.value === 'withdrawn' && actions.length === 0);
      return view();
    },
    {
      validator: (_request) => {
        if (!snapshot.can({ type: 'WITHDRAW' })) {
          throw ApplicationFailure.create({
            type: ProcedureError.STEP_NOT_ALLOWED,
            message: `a ${String(snapshot.value)} case cannot be withdrawn`,
            nonRetryable: true,
          });
        }
      },
    },
  );

  const notify = (event: NotificationEvent) =>
    notifyCitizen({
      key: `${caseId}:notify:${++sent}`,
      to: { phone: app.applicant.phone, language: app.language },
      event,
    });

  async function startStep(
    step: GroupAStep,
    request: AgencyStepInput['request'],
    workingDays: number,
    reviewWorkingDays?: number,
  ) {
    const handle = await startChild(agencyStep, {
      workflowId: workflowIds.step(caseId, step),
      parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
      args: [
        {
          caseId,
          jurisdiction:
            step === 'birth'
              ? app.receivingCommune
              : (app.residence?.address.commune ?? app.receivingCommune),
          agency: rules.agencies[step],
          queue: QUEUES[step],
          request,
          startedAt: step === 'birth' ? input.receivedAt : Date.now(),
          workingDays,
          ...(reviewWorkingDays !== undefined && { reviewWorkingDays }),
          calendar: input.calendar,
          supplementReplyDays: rules.supplementReplyDays,
          reminderHours: rules.reminderHoursBeforeDeadline,
          contact: { phone: app.applicant.phone, language: app.language },
          summary: taskSummary(app, steps.get('birth')?.result),
        },
      ],
    });
    children.set(step, handle);
    void handle.result().then((result) => {
      const seen = steps.get(step);
      if (!seen || seen.version < result.version) steps.set(step, result);
      if (result.status !== 'completed' && result.status !== 'rejected') return; // cancelled: already withdrawn
      events.push(
        step === 'birth'
          ? { type: 'BIRTH_SETTLED', outcome: result.status }
          : { type: 'BRANCH_SETTLED', step, outcome: result.status },
      );
    });
  }

  async function runActions(): Promise<void> {
    while (actions.length > 0) {
      const action = actions.shift();
      const birth = steps.get('birth')?.result ?? {};
      switch (String(action?.type)) {
        case 'startBranches':
          if (app.components.residence)
            await startStep(
              'residence',
              residenceRequest(app, birth),
              rules.deadlines.residence,
              rules.deadlines.residenceWithVerification,
            );
          if (app.components.insurance)
            await startStep('insurance', insuranceRequest(app, birth), rules.deadlines.insurance);
          break;
        case 'cancelSteps':
          for (const handle of children.values())
            await handle.signal(cancelStep, { reason: 'withdrawn by the applicant' });
          break;
        case 'requestCorrection': {
          const reason = steps.get('insurance')?.reason ?? 'defect found by a later agency';
          await correctBirth({
            caseId,
            round: 0,
            request: birthRequest(app, input.provinceCode),
            reason,
            correction: snapshot.context.corrections,
          });
          timeline.push({
            at: new Date().toISOString(),
            event: 'corrected',
            step: 'birth',
            detail: reason,
          });
          apply({ type: 'CORRECTION_DONE' });
          break;
        }
        case 'refuseReturnedStep':
          await children.get('insurance')?.signal(closeReturnedStep, {
            reason: `returned ${snapshot.context.corrections + 1} times for correction`,
          });
          break;
        case 'resendAfterCorrection':
          await children.get('insurance')?.signal(resendStep);
          break;
        case 'notifyOutcome':
          await notify({ template: 'case_finished', caseId, status: String(snapshot.value) });
          break;
        default:
      }
    }
  }

  function apply(event: CaseEvent): void {
    const [next, emitted] = transition(machine, snapshot, event);
    snapshot = next;
    actions.push(...emitted);
  }

  async function project(): Promise<void> {
    version += 1;
    const parties = [app.applicant.pin, app.mother.pin, ...(app.father ? [app.father.pin] : [])];
    await projectCase({
      view: view(),
      businessKey: app.medicalBirthCertificate.number,
      partyPins: [...new Set(parties)],
    });
  }

  await notify({ template: 'case_received', caseId });
  await startStep('birth', birthRequest(app, input.provinceCode), rules.deadlines.birth);
  for (;;) {
    await runActions();
    await project();
    if (snapshot.status === 'done') break;
    await condition(() => events.length > 0);
    apply(events.shift() as CaseEvent);
  }
  timeline.push({ at: new Date().toISOString(), event: String(snapshot.value) });
  await Promise.all([...children.values()].map((child) => child.result()));
  await project();
  await condition(allHandlersFinished);
  return view();
}
