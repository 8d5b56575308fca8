// One agency step as a child workflow (STYLE rule 10): it sends the request, waits for the agency, an
// officer or the citizen, keeps the legal clock, and reports every change to its case. What may happen
// next is the step machine's; this file turns what happens outside (replies, decisions, signals,
// timers, failures) into its events and carries out its actions.
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
import { deadlineAfter, type WorkingCalendar } from '../../domain/calendar/working-days';
import type { Language, NotificationEvent } from '../../domain/notifications';
import type { Agency } from '../../domain/principal';
import {
  agencyStepMachine,
  decisionEvent,
  decisionsOpen,
  STEP_STATUS_OF,
  type StepAction,
  type StepEvent,
} from '../../domain/procedures/agency-step.machine';
import { refusal } from '../../domain/procedures/refusals';
import type { StepView } from '../../domain/procedures/views';
import { ActionRequests, refuse } from '../action-requests';
import { agencyOptions } from '../activity-options';
import {
  calendarChanged,
  cancelStep,
  closeReturnedStep,
  decideStep,
  getStepStatus,
  resendStep,
  stepChanged,
  submitSupplement,
  type OfficerDecisionInput,
} from '../messages';
import { bestEffort, orElse, runActions, type ActionHandlers } from '../outcomes';
import { CitizenNotifier } from '../notifier';
import { projectionsOfThisRun } from '../projections';
import type { AgencyQueue } from '../task-queues';
import { StepClock } from './step-clock';
import { outcomeEvent } from './step-events';

export interface AgencyStepInput {
  caseId: string;
  jurisdiction: string;
  agency: Agency;
  queue: AgencyQueue;
  request: StepRequest;
  /** There is an earlier agency to return the file to (false on a procedure's first step). */
  returnable: boolean;
  /** When the step's clock starts (epoch ms); the 15:00 cut-off applies. */
  startedAt: number;
  workingDays: number;
  /** Working days allowed when the agency needs a review or verification (residence: 5). */
  reviewWorkingDays?: number;
  /**
   * Working days from the step's start within which the agency may reject the file as invalid
   * (BHXH: 1, DOMAIN.md §2A [S18]); after that an officer approves, asks for a supplement or
   * returns it. Absent: no such limit (and on every step started before the field existed).
   */
  rejectWithinWorkingDays?: number;
  calendar: WorkingCalendar;
  supplementReplyDays: number;
  /** Drills only: the supplement window in milliseconds, replacing the working days (step-clock.ts). */
  supplementReplyMs?: number;
  reminderHours: number;
  contact: { phone: string; language: Language };
  /** What the officer needs to see in the inbox. */
  summary: Record<string, unknown>;
}

export async function agencyStep(input: AgencyStepInput): Promise<StepView> {
  const { workflowId, parent } = workflowInfo();
  const projections = projectionsOfThisRun().call;
  const agencyCalls = proxyActivities<Activities>(agencyOptions(input.queue));
  const citizen = new CitizenNotifier(workflowId, input.contact);
  const clock = new StepClock(
    input.calendar,
    input.startedAt,
    input.workingDays,
    input.supplementReplyDays,
    input.reminderHours,
    input.supplementReplyMs,
  );
  const rejectionWindow = (calendar: WorkingCalendar) =>
    input.rejectWithinWorkingDays === undefined
      ? undefined
      : deadlineAfter(input.startedAt, input.rejectWithinWorkingDays, calendar);
  /** Counted on the step's calendar; a notice that moves the calendar moves it too. */
  let rejectBy = rejectionWindow(input.calendar);
  /** The rejection window has closed: a late rejection is refused, not recorded (rejectionClosed). */
  const rejectionClosed = () => rejectBy !== undefined && Date.now() >= rejectBy;
  /** The step woke when the window closed, to show it (only steps given a window arm this timer). */
  let rejectionShown = false;
  const [initial, actions] = initialTransition(agencyStepMachine, {
    returnable: input.returnable,
  });
  let snapshot = initial;
  /** What happened outside, in arrival order; each item gives the machine its next event. */
  const inbox: (() => Promise<StepEvent> | StepEvent)[] = [];
  let queued = 0;
  let handled = 0;
  let version = 0;
  /** When the machine reached its final state (workflow time): the reports' time per step. */
  let endedAt: number | undefined;

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
    decisions: decisionsOpen(snapshot).filter((d) => d !== 'reject' || !rejectionClosed()),
    ...(rejectBy !== undefined && { rejectBy: new Date(rejectBy).toISOString() }),
    ...(snapshot.context.result && { result: snapshot.context.result }),
    ...(snapshot.context.code && { reasonCode: snapshot.context.code }),
    ...(snapshot.context.reason && { reason: snapshot.context.reason }),
    ...(snapshot.context.missing && { missing: snapshot.context.missing }),
    startedAt: new Date(input.startedAt).toISOString(),
    ...(endedAt !== undefined && { endedAt: new Date(endedAt).toISOString() }),
    version,
  });
  /** Queues what happened; a person's request waits until the step has taken it in. */
  const receive = async (next: () => Promise<StepEvent> | StepEvent) => {
    inbox.push(next);
    const ticket = ++queued;
    await condition(() => handled >= ticket);
    return view();
  };

  setHandler(getStepStatus, view);
  const requests = new ActionRequests();
  requests.on(
    decideStep,
    (decision) => receive(() => decided(decision)),
    (decision: OfficerDecisionInput) => {
      if (decision.decision === 'return' && !snapshot.context.returnable)
        throw refuse(refusal('firstStep'));
      if (inbox.length > 0 || !snapshot.can(decisionEvent(decision.decision, decision)))
        throw refuse(
          refusal('decisionNotNow', {
            decision: decision.decision,
            state: String(snapshot.value),
          }),
        );
      if (decision.decision === 'reject' && rejectionClosed())
        throw refuse(refusal('rejectionClosed', { rejectBy: rejectBy ?? 0 }));
      if ((decision.decision === 'reject' || decision.decision === 'return') && !decision.reason)
        throw refuse(refusal('reasonRequired'));
      if (decision.decision === 'request_supplement' && !decision.missing?.length)
        throw refuse(refusal('missingRequired'));
    },
  );
  requests.on(
    submitSupplement,
    () => receive(() => ({ type: 'SUPPLEMENT_PROVIDED' })),
    () => {
      if (inbox.length > 0 || !snapshot.can({ type: 'SUPPLEMENT_PROVIDED' }))
        throw refuse(refusal('noSupplementAwaited'));
    },
  );
  requests.listen();
  // The case's signals wait in the inbox like people's requests (the handler ends once it is heard).
  const hear = async (event: StepEvent) => void (await receive(() => event));
  setHandler(cancelStep, (refusal) => hear({ type: 'CANCEL', ...refusal }));
  setHandler(resendStep, () => hear({ type: 'RESEND' }));
  setHandler(closeReturnedStep, (refusal) => hear({ type: 'RETURN_REFUSED', ...refusal }));
  // A notice moved the working calendar: the clock counts again and the loop re-arms its timer. The
  // new dates are shown at once, also while the step waits on its agency (the loop is then busy).
  let recalendared = false;
  setHandler(calendarChanged, async ({ calendar }) => {
    if (snapshot.status === 'done') return;
    if (!rejectionShown) rejectBy = rejectionWindow(calendar);
    if (!clock.recalendar(calendar)) return;
    recalendared = true;
    await publish();
  });

  const apply = (event: StepEvent) => {
    const [next, emitted] = transition(agencyStepMachine, snapshot, event);
    snapshot = next;
    if (snapshot.status === 'done') endedAt ??= Date.now();
    actions.push(...emitted);
  };
  // A step sent again after a return is a new request to the agency: a new round, so new keys.
  const call = () => ({
    caseId: input.caseId,
    round: snapshot.context.returns,
    request: input.request,
  });
  /** The agency's reply as the next event; a call that cannot succeed ends the step with why. */
  const reply = (agencyCall: () => Promise<StepEvent>) =>
    orElse(agencyCall, (refusal): StepEvent => ({ type: 'STEP_FAILED', ...refusal }));

  /** An officer's decision: approvals and rejections are recorded in the agency's system first. */
  function decided(decision: OfficerDecisionInput): Promise<StepEvent> | StepEvent {
    if (decision.decision !== 'approve' && decision.decision !== 'reject')
      return decisionEvent(decision.decision, decision);
    const agencyDecision =
      decision.decision === 'approve'
        ? { decision: 'approve' as const }
        : { decision: 'reject' as const, reason: decision.reason ?? '' };
    return reply(async () =>
      outcomeEvent(await agencyCalls.decideStep({ ...call(), decision: agencyDecision }), true),
    );
  }

  const handlers = {
    // Shown as waiting at the agency first: its reply may take a while (retried through outages).
    callAgency: async () => {
      await publish();
      apply(await reply(async () => outcomeEvent(await agencyCalls.submitStep(call()))));
    },
    // Withdrawing the request is a courtesy to the agency: the step is cancelled whatever it answers.
    cancelAgencyRequest: () => bestEffort(() => agencyCalls.cancelStep(call())),
    openTask: () => {
      if (input.reviewWorkingDays !== undefined)
        clock.extend(input.startedAt, input.reviewWorkingDays);
    },
    pauseClock: () => clock.pause(Date.now()),
    resumeClock: () => clock.resume(Date.now()),
    // Told in the background: the change is recorded and shown first (notifier.ts).
    notifyCitizen: () => citizen.notify(notificationFor()),
  } satisfies ActionHandlers<StepAction>;

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
    const { code, reason } = snapshot.context;
    return { template: 'step_rejected', ...base, ...(code && { code }), reason: reason ?? '' };
  }

  async function publish(): Promise<void> {
    version += 1;
    const current = view();
    await bestEffort(() =>
      projections.projectStep({
        caseId: input.caseId,
        jurisdiction: input.jurisdiction,
        view: current,
        summary: input.summary,
      }),
    );
    // The case may be gone (terminated by an operator): nothing then waits for this step's news.
    if (parent)
      await bestEffort(() =>
        getExternalWorkflowHandle(parent.workflowId).signal(stepChanged, current),
      );
  }

  apply({ type: 'SEND' });
  for (;;) {
    await runActions(actions, handlers);
    await publish();
    handled = queued - inbox.length;
    if (snapshot.status === 'done') break;
    const next = clock.next({
      reminded: snapshot.context.reminded,
      breached: snapshot.context.breached,
      awaitingSupplement: snapshot.value === 'awaiting_supplement',
    });
    // The rejection window's close changes what an officer may decide: woken then, to publish it.
    const closing =
      rejectBy !== undefined && !rejectionShown && (next === undefined || rejectBy < next.at)
        ? rejectBy
        : undefined;
    const wakeAt = closing ?? next?.at;
    const woken = await condition(
      () => inbox.length > 0 || recalendared,
      wakeAt === undefined ? undefined : Math.max(0, wakeAt - Date.now()),
    );
    // Only a calendarChanged signal sets it, which no earlier history holds: recorded runs replay
    // as before. The loop goes round to arm its timer for the new dates.
    if (woken && inbox.length === 0) {
      recalendared = false;
      continue;
    }
    if (woken) apply(await (inbox.shift() as () => Promise<StepEvent> | StepEvent)());
    else if (closing !== undefined) rejectionShown = true;
    else if (next?.timer === 'reminder') apply({ type: 'DEADLINE_APPROACHING' });
    else if (next?.timer === 'deadline') apply({ type: 'DEADLINE_PASSED' });
    else apply({ type: 'SUPPLEMENT_TIMED_OUT' });
  }
  // Whatever still waits in the inbox came too late for a finished step: its request is answered.
  handled = queued;
  await citizen.settled();
  await condition(allHandlersFinished);
  return view();
}
