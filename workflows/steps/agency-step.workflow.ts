// One agency step as a child workflow (STYLE rule 10): it sends the request, waits for the agency, an
// officer or the citizen, keeps the legal clock, and reports every change to its case.
import {
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { initialTransition, transition } from 'xstate';
import type { Activities } from '../../activities';
import type { StepRequest } from '../../activities/steps';
import type { WorkingCalendar } from '../../domain/calendar/working-days';
import type { Language, NotificationEvent } from '../../domain/notifications';
import type { Agency } from '../../domain/principal';
import {
  agencyStepMachine,
  STEP_STATUS_OF,
  type StepEvent,
} from '../../domain/procedures/agency-step.machine';
import type { StepView } from '../../domain/procedures/views';
import { ActionRequests, refuse } from '../action-requests';
import { agencyOptions } from '../activity-options';
import {
  cancelStep,
  closeReturnedStep,
  decideStep,
  getStepStatus,
  resendStep,
  stepChanged,
  submitSupplement,
  type OfficerDecisionInput,
} from '../messages';
import { projections } from '../projections';
import type { AgencyQueue } from '../task-queues';
import { StepClock } from './step-clock';
import { decisionEvent, outcomeEvent } from './step-events';

export interface AgencyStepInput {
  caseId: string;
  jurisdiction: string;
  agency: Agency;
  queue: AgencyQueue;
  request: StepRequest;
  /** When the step's clock starts (epoch ms); the 15:00 cut-off applies. */
  startedAt: number;
  workingDays: number;
  /** Working days allowed when the agency needs a review or verification (residence: 5). */
  reviewWorkingDays?: number;
  calendar: WorkingCalendar;
  supplementReplyDays: number;
  /** Drills only: the supplement window in milliseconds, replacing the working days (step-clock.ts). */
  supplementReplyMs?: number;
  reminderHours: number;
  contact: { phone: string; language: Language };
  /** What the officer needs to see in the inbox. */
  summary: Record<string, unknown>;
}

type Work = { kind: 'decision'; decision: OfficerDecisionInput } | { kind: 'supplement' };

export async function agencyStep(input: AgencyStepInput): Promise<StepView> {
  const { workflowId, parent } = workflowInfo();
  const agencyCalls = proxyActivities<Activities>(agencyOptions(input.queue));
  const notifications = proxyActivities<Activities>(agencyOptions('notifications'));
  const clock = new StepClock(
    input.calendar,
    input.startedAt,
    input.workingDays,
    input.supplementReplyDays,
    input.reminderHours,
    input.supplementReplyMs,
  );
  const [initial, initialActions] = initialTransition(agencyStepMachine);
  let snapshot = initial;
  const actions = [...initialActions];
  const work: Work[] = [];
  let cancelReason: string | undefined;
  let resend = false;
  let closeReason: string | undefined;
  let round = 0;
  let version = 0;
  let sent = 0;

  const view = (): StepView => ({
    step: input.request.step,
    agency: input.agency,
    workflowId,
    state: snapshot.value,
    status: STEP_STATUS_OF[snapshot.value],
    ...(clock.deadline !== undefined && { deadline: new Date(clock.deadline).toISOString() }),
    ...(clock.supplementDue !== undefined &&
      snapshot.value === 'awaiting_supplement' && {
        supplementDue: new Date(clock.supplementDue).toISOString(),
      }),
    resent: snapshot.context.returns,
    reminded: snapshot.context.reminded,
    breached: snapshot.context.breached,
    ...(snapshot.context.result && { result: snapshot.context.result }),
    ...(snapshot.context.reason && { reason: snapshot.context.reason }),
    ...(snapshot.context.missing && { missing: snapshot.context.missing }),
    version,
  });
  const settled = (before: number) => () => version > before && work.length === 0;

  setHandler(getStepStatus, view);
  const requests = new ActionRequests();
  requests.on(
    decideStep,
    async (decision) => {
      const before = version;
      work.push({ kind: 'decision', decision });
      await condition(settled(before));
      return view();
    },
    (decision: OfficerDecisionInput) => {
      if (work.length > 0 || !snapshot.can(decisionEvent(decision)))
        throw refuse(`cannot ${decision.decision} a step that is ${String(snapshot.value)}`);
      if ((decision.decision === 'reject' || decision.decision === 'return') && !decision.reason)
        throw refuse('a reason is required');
      if (decision.decision === 'request_supplement' && !decision.missing?.length)
        throw refuse('say what is missing');
    },
  );
  requests.on(
    submitSupplement,
    async (_supplement) => {
      const before = version;
      work.push({ kind: 'supplement' });
      await condition(settled(before));
      return view();
    },
    (_supplement) => {
      if (work.length > 0 || !snapshot.can({ type: 'SUPPLEMENT_PROVIDED' }))
        throw refuse('no supplement is awaited');
    },
  );
  setHandler(cancelStep, ({ reason }) => void (cancelReason = reason));
  setHandler(resendStep, () => void (resend = true));
  setHandler(closeReturnedStep, ({ reason }) => void (closeReason = reason));

  const apply = (event: StepEvent) => {
    const [next, emitted] = transition(agencyStepMachine, snapshot, event);
    snapshot = next;
    actions.push(...emitted);
  };
  const call = () => ({ caseId: input.caseId, round, request: input.request });
  const notify = (event: NotificationEvent) =>
    notifications.notifyCitizen({
      key: `${workflowId}:notify:${++sent}`,
      to: input.contact,
      event,
    });

  async function runActions(): Promise<void> {
    while (actions.length > 0) {
      const action = actions.shift();
      switch (String(action?.type)) {
        case 'callAgency':
          apply(outcomeEvent(await agencyCalls.submitStep(call())));
          break;
        case 'openTask':
          if (input.reviewWorkingDays !== undefined)
            clock.extend(input.startedAt, input.reviewWorkingDays);
          break;
        case 'cancelAgencyRequest':
          await agencyCalls.cancelStep(call());
          break;
        case 'pauseClock':
          clock.pause(Date.now());
          break;
        case 'resumeClock':
          clock.resume(Date.now());
          break;
        case 'notifyCitizen':
          await notify(notificationFor());
          break;
        default: // closeTask, remindOfficer, escalate: shown through the projection
      }
    }
  }

  function notificationFor(): NotificationEvent {
    const base = { caseId: input.caseId, step: input.request.step };
    if (snapshot.value === 'completed') return { template: 'step_completed', ...base };
    if (snapshot.value === 'awaiting_supplement') {
      return {
        template: 'supplement_requested',
        ...base,
        missing: snapshot.context.missing ?? [],
        due: new Date(clock.supplementDue ?? 0).toISOString().slice(0, 10),
      };
    }
    return { template: 'step_rejected', ...base, reason: snapshot.context.reason ?? '' };
  }

  async function perform(item: Work): Promise<void> {
    if (item.kind === 'supplement') return apply({ type: 'SUPPLEMENT_PROVIDED' });
    const { decision } = item;
    if (decision.decision === 'approve' || decision.decision === 'reject') {
      const agencyDecision =
        decision.decision === 'approve'
          ? { decision: 'approve' as const }
          : { decision: 'reject' as const, reason: decision.reason ?? '' };
      return apply(
        outcomeEvent(await agencyCalls.decideStep({ ...call(), decision: agencyDecision }), true),
      );
    }
    apply(decisionEvent(decision));
  }

  async function publish(): Promise<void> {
    version += 1;
    const current = view();
    await projections().projectStep({
      caseId: input.caseId,
      jurisdiction: input.jurisdiction,
      view: current,
      summary: input.summary,
    });
    if (parent) await getExternalWorkflowHandle(parent.workflowId).signal(stepChanged, current);
  }

  apply({ type: 'SEND' });
  for (;;) {
    await runActions();
    await publish();
    if (snapshot.status === 'done') break;
    const next = clock.next({
      reminded: snapshot.context.reminded,
      breached: snapshot.context.breached,
      awaitingSupplement: snapshot.value === 'awaiting_supplement',
    });
    const woken = await condition(
      () => work.length > 0 || cancelReason !== undefined || resend || closeReason !== undefined,
      next === undefined ? undefined : Math.max(0, next.at - Date.now()),
    );
    if (cancelReason !== undefined) apply({ type: 'CANCEL', reason: cancelReason });
    else if (closeReason !== undefined) {
      apply({ type: 'REJECTED', reason: closeReason });
      closeReason = undefined;
    } else if (resend) {
      resend = false;
      round += 1;
      apply({ type: 'RESEND' });
    } else if (woken) await perform(work.shift() as Work);
    else if (next?.timer === 'reminder') apply({ type: 'DEADLINE_APPROACHING' });
    else if (next?.timer === 'deadline') apply({ type: 'DEADLINE_PASSED' });
    else apply({ type: 'SUPPLEMENT_TIMED_OUT' });
  }
  await condition(allHandlersFinished);
  return view();
}
