// What every linked procedure's case workflow does, whatever the procedure: it keeps the case
// machine's snapshot, starts each agency step as a child workflow, hears every step change and every
// step's end (a failed step included), answers the case query and withdrawal, tells the citizen,
// projects the case into the read model, and runs the machine's actions until the case is final. A
// procedure supplies the steps' requests and the actions only it knows (startBranches,
// requestCorrection); STYLE rules 14, 17 and 20a.
import {
  allHandlersFinished,
  condition,
  ParentClosePolicy,
  setHandler,
  startChild,
  workflowInfo,
  type ChildWorkflowHandle,
} from '@temporalio/workflow';
import { initialTransition, transition } from 'xstate';
import type { CalendarChange } from '../domain/calendar/notices';
import type { WorkingCalendar } from '../domain/calendar/working-days';
import type { Language, NotificationEvent } from '../domain/notifications';
import type { Refusal } from '../domain/procedures/agency-step.machine';
import {
  linkedProcedureMachine as machine,
  type CaseAction,
  type CaseEvent,
  type CaseInput,
  type RefuseParams,
  type ReturnedParams,
  WITHDRAWAL,
} from '../domain/procedures/linked-procedure.machine';
import { toCaseStatus } from '../domain/procedures/case-status';
import { refusal } from '../domain/procedures/refusals';
import type { CaseView, StepView, TimelineEntry } from '../domain/procedures/views';
import { ActionRequests, refuse } from './action-requests';
import {
  calendarChanged,
  cancelStep,
  closeReturnedStep,
  getProcedureStatus,
  resendStep,
  stepChanged,
  withdrawCase,
} from './messages';
import { bestEffort, orElse, refusalOf, runActions, type ActionHandlers } from './outcomes';
import { CitizenNotifier } from './notifier';
import { projectionsOfThisRun } from './projections';
import { agencyStep, type AgencyStepInput } from './steps/agency-step.workflow';
import { workflowIds } from './task-queues';

export interface LinkedCaseOptions extends CaseInput {
  procedure: string;
  /** When the one-stop desk or portal received the dossier (epoch ms). */
  receivedAt: number;
  /** The case's human-readable code (domain/case-code.ts), when it was given one. */
  caseCode?: string;
  commune: string;
  contact: { phone: string; language: Language };
  /** The working calendar the case was filed with (a newer one comes with `calendarChanged`). */
  calendar: WorkingCalendar;
  /** The case's legal deadline (epoch ms), asked each time the case is viewed. */
  deadline: () => number;
  /** Read-model keys: the business key and every person who may follow the case. */
  businessKey: string;
  partyPins: string[];
  /** What the procedure adds to the case view (a lump sum's payee confirmations). */
  details?: () => Partial<CaseView>;
  /** A procedure's own deadline still to come (a payee's confirmations), and what it then does. */
  nextTimer?: () => { at: number; fire: () => Promise<void> } | undefined;
  /** Runs once the case is final, before its last projection. */
  onFinished?: () => Promise<void> | undefined;
  /** A notice changed the case's calendar (`calendar` is the new one): recount the procedure's own dates. */
  onCalendarChanged?: () => Promise<void> | undefined;
}

/** A step's input without what the case fills in itself. */
export type StepStart = Omit<AgencyStepInput, 'caseId' | 'contact' | 'returnable'>;

/** The actions a procedure carries out itself; the case carries out the others. */
export type ProcedureHandlers = Pick<
  ActionHandlers<CaseAction>,
  'startBranches' | 'requestCorrection'
>;

export class LinkedCase {
  readonly caseId = workflowInfo().workflowId;
  readonly steps = new Map<string, StepView>();
  readonly timeline: TimelineEntry[];
  /** What people ask of the case (withdrawal; a procedure adds its own), shown once carried out. */
  readonly requests = new ActionRequests(() => this.project());
  /**
   * The working calendar in force for the case: the filing's, until an official notice published
   * while the case runs replaces it. Deadlines still to come are counted with it; steps started
   * from now on get it.
   */
  calendar: WorkingCalendar;
  private snapshot;
  private readonly actions;
  private readonly children = new Map<string, ChildWorkflowHandle<typeof agencyStep>>();
  /** How each step was started: where its task lives in the read model. */
  private readonly starts = new Map<string, StepStart>();
  /** What happened, in arrival order, for the machine to hear next. */
  private readonly events: CaseEvent[] = [];
  /** Wakes the case to project something that changed without an event (a procedure's own). */
  private changed = false;
  private version = 0;
  private readonly notifier: CitizenNotifier;
  private readonly projections: ReturnType<typeof projectionsOfThisRun>;

  constructor(private readonly options: LinkedCaseOptions) {
    const { first, chosen, maxCorrections, verificationStep } = options;
    const [initial, initialActions] = initialTransition(machine, {
      first,
      chosen,
      maxCorrections,
      ...(verificationStep !== undefined && { verificationStep }),
    });
    this.snapshot = initial;
    this.projections = projectionsOfThisRun();
    this.notifier = new CitizenNotifier(this.caseId, options.contact);
    this.actions = [...initialActions];
    this.timeline = [{ at: new Date(options.receivedAt).toISOString(), event: 'received' }];
    this.calendar = options.calendar;

    setHandler(getProcedureStatus, () => this.view());
    setHandler(stepChanged, (step) => this.stepChanged(step));
    setHandler(calendarChanged, (change) => this.calendarChanged(change));
    this.requests.on(
      withdrawCase,
      // Heard at once, not behind the queue: the case may be busy in an action that waits on an
      // agency (a correction while civil status is down), and withdrawal must not wait for it. The
      // steps are cancelled as soon as that action ends; a step started meanwhile is cancelled too.
      (_request) => {
        this.apply({ type: 'WITHDRAW' });
        this.touch();
        return this.view();
      },
      (_request) => {
        if (!this.snapshot.can({ type: 'WITHDRAW' }))
          throw refuse(refusal('notWithdrawable', { state: this.state }));
      },
    );
  }

  get state(): string {
    return String(this.snapshot.value);
  }

  get context() {
    return this.snapshot.context;
  }

  get done(): boolean {
    return this.snapshot.status === 'done';
  }

  view(): CaseView {
    const { options, context } = this;
    return {
      caseId: this.caseId,
      ...(options.caseCode !== undefined && { caseCode: options.caseCode }),
      procedure: options.procedure,
      status: toCaseStatus(
        this.state,
        [...this.steps.values()].map((s) => s.status),
      ),
      receivedAt: new Date(options.receivedAt).toISOString(),
      commune: options.commune,
      deadline: new Date(options.deadline()).toISOString(),
      steps: [...this.steps.values()],
      timeline: this.timeline,
      ...(this.done && context.reason && { reason: context.reason }),
      ...options.details?.(),
      version: this.version,
    };
  }

  /** Tells the citizen, once per event, without waiting for the gateway (notifier.ts). */
  notify(event: NotificationEvent): void {
    this.notifier.notify(event);
  }

  /** Something the case shows changed outside the machine: project it. */
  touch(): void {
    this.changed = true;
  }

  /**
   * Starts an agency step; its end — whatever it is — comes back to the case machine, and to
   * `onSettled` (a step the case machine does not run itself, such as the review of a payee
   * declaration, which the case machine ignores).
   */
  async startStep(
    step: string,
    input: StepStart,
    onSettled?: (outcome: { status: string } & Partial<Refusal>) => Promise<void> | void,
  ): Promise<void> {
    this.starts.set(step, input);
    const handle = await orElse<ChildWorkflowHandle<typeof agencyStep> | undefined>(
      () =>
        startChild(agencyStep, {
          workflowId: workflowIds.step(this.caseId, step),
          parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
          args: [
            {
              caseId: this.caseId,
              contact: this.options.contact,
              returnable: step !== this.options.first,
              ...input,
            },
          ],
        }),
      async (refusal) => {
        await this.refuseStep(step, input.agency, refusal);
        return undefined;
      },
    );
    if (!handle) return;
    this.children.set(step, handle);
    handle.result().then(
      (result) => {
        const seen = this.steps.get(step);
        if (!seen || seen.version < result.version) this.steps.set(step, result);
        const { status } = result;
        this.events.push({
          type: 'STEP_SETTLED',
          step,
          // A step's workflow ends completed, rejected, skipped or cancelled (withdrawn).
          outcome:
            status === 'completed' || status === 'rejected' || status === 'skipped'
              ? status
              : 'cancelled',
          ...(result.reasonCode && { code: result.reasonCode }),
          ...(result.reason && { reason: result.reason }),
        });
        return onSettled?.({
          status,
          ...(result.reasonCode && { code: result.reasonCode }),
          ...(result.reason && { reason: result.reason }),
        });
      },
      // The step's workflow failed, timed out or was stopped: the step ends rejected with why.
      async (failure) => {
        const refusal = refusalOf(failure);
        await this.refuseStep(step, input.agency, refusal);
        await onSettled?.({ status: 'rejected', ...refusal });
      },
    );
  }

  /** Stops a step still under way (its request no longer matters); a step that ended hears nothing. */
  cancelStep(step: string, refusal: Refusal): Promise<void> {
    return this.toSteps([step], (c) => c.signal(cancelStep, refusal));
  }

  /**
   * A step settled without an agency's decision: refused by the rules before any claim (a funeral
   * claim after 90 days, a payee never confirmed) or failed; shown like any other step. `result`
   * records what refused it: a refusal by a rule names the rule (issue 20), so the engine is never
   * taken for the agency.
   */
  async refuseStep(
    step: string,
    agency: StepView['agency'],
    refusal: Refusal,
    result?: StepView['result'],
  ): Promise<void> {
    const view = this.settle(step, agency, refusal, result);
    // A step whose workflow failed cannot close its own task: the case closes it in the inbox,
    // before the machine hears of it — the case never shows the step ended while its task is open.
    // Final, not newer: the step may have written versions the case never heard of.
    const start = this.starts.get(step);
    if (start)
      await bestEffort(() =>
        this.projections.call.projectStep({
          caseId: this.caseId,
          jurisdiction: start.jurisdiction,
          view,
          summary: start.summary,
          final: true,
        }),
      );
    this.events.push({ type: 'STEP_SETTLED', step, outcome: 'rejected', ...refusal });
    this.notify({ template: 'step_rejected', caseId: this.caseId, step, ...refusal });
  }

  /** A linked step that does not apply to this case (no pension to stop). */
  skipStep(step: string): void {
    this.events.push({ type: 'STEP_SETTLED', step, outcome: 'skipped' });
  }

  apply(event: CaseEvent): void {
    const [next, emitted] = transition(machine, this.snapshot, event);
    this.snapshot = next;
    this.actions.push(...emitted);
  }

  /**
   * Runs the case to its end: the machine's actions (the procedure's own through `handlers`), a
   * projection after each change, then the next event.
   */
  async run(procedure: ProcedureHandlers): Promise<CaseView> {
    const handlers = {
      ...procedure,
      cancelSteps: () =>
        this.toSteps([...this.children.keys()], (c) => c.signal(cancelStep, WITHDRAWAL)),
      resendAfterCorrection: ({ returned }: ReturnedParams) =>
        this.toSteps(
          returned.map((r) => r.step),
          (c) => c.signal(resendStep),
        ),
      refuseReturnedSteps: ({ returned, refusal }: RefuseParams) =>
        this.toSteps(
          returned.map((r) => r.step),
          (c) => c.signal(closeReturnedStep, refusal),
        ),
      notifyOutcome: () =>
        this.notify({ template: 'case_finished', caseId: this.caseId, status: this.state }),
    } satisfies ActionHandlers<CaseAction>;
    for (;;) {
      await runActions(this.actions, handlers);
      await this.project();
      // A withdrawal is heard at once, also while the case projects (a scheduled activity, with
      // time for a signal to arrive): the actions it left — cancelling the steps — run before the
      // case ends, else it would wait forever on steps nobody cancelled. Runs that project
      // locally (started before the patch) keep the loop their histories were recorded with.
      if (this.projections.scheduled && this.actions.length > 0) continue;
      if (this.done) break;
      const timer = this.options.nextTimer?.();
      const woken = await condition(
        () => this.events.length > 0 || this.changed,
        timer && Math.max(0, timer.at - Date.now()),
      );
      this.changed = false;
      if (!woken) await timer?.fire();
      const event = this.events.shift();
      if (event) this.apply(event);
    }
    await this.options.onFinished?.();
    this.timeline.push({ at: new Date().toISOString(), event: this.state });
    // Withdrawn: the steps end cancelled; their last views come with their results.
    await Promise.allSettled([...this.children.values()].map((child) => child.result()));
    await this.project();
    await this.notifier.settled();
    await condition(allHandlersFinished);
    return this.view();
  }

  /** Sends each step's workflow a signal; a step already ended has nothing to hear. */
  private async toSteps(
    steps: string[],
    send: (child: ChildWorkflowHandle<typeof agencyStep>) => Promise<void>,
  ): Promise<void> {
    for (const step of steps) {
      const child = this.children.get(step);
      if (child) await bestEffort(() => send(child));
    }
  }

  /** Ends a step rejected with why in the view (refuseStep tells the machine). */
  private settle(
    step: string,
    agency: StepView['agency'],
    refusal: Refusal,
    result?: StepView['result'],
  ): StepView {
    const seen = this.steps.get(step);
    const view: StepView = {
      step,
      agency,
      workflowId: workflowIds.step(this.caseId, step),
      state: 'rejected',
      status: 'rejected',
      resent: seen?.resent ?? 0,
      reminded: seen?.reminded ?? false,
      breached: seen?.breached ?? false,
      reasonCode: refusal.code,
      reason: refusal.reason,
      ...(result && { result }),
      ...(seen?.startedAt && { startedAt: seen.startedAt }),
      endedAt: seen?.endedAt ?? new Date().toISOString(),
      version: (seen?.version ?? 0) + 1,
    };
    this.steps.set(step, view);
    this.timeline.push({
      at: new Date().toISOString(),
      event: 'rejected',
      step,
      detail: refusal.reason,
    });
    return view;
  }

  /**
   * An official notice changed the calendar (api/calendar-delivery.ts): the case's own deadline and
   * its running steps' dates are counted again with it, and the timeline names the notice. Steps that
   * have ended keep their dates. Sent again (a retried delivery), it changes nothing.
   */
  private async calendarChanged(change: CalendarChange): Promise<void> {
    if ((change.calendar.revision ?? 0) <= (this.calendar.revision ?? 0)) return;
    this.calendar = change.calendar;
    this.timeline.push({
      at: new Date().toISOString(),
      event: 'calendar_changed',
      detail: noticeLabel(change.notice),
    });
    this.touch();
    await this.options.onCalendarChanged?.();
    const ended = ['completed', 'rejected', 'cancelled', 'skipped', 'compensated'];
    const running = [...this.children.keys()].filter(
      (step) => !ended.includes(this.steps.get(step)?.status ?? ''),
    );
    await this.toSteps(running, (child) => child.signal(calendarChanged, change));
  }

  private stepChanged(step: StepView): void {
    const previous = this.steps.get(step.step);
    if (previous && previous.version >= step.version) return;
    this.steps.set(step.step, step);
    if (previous?.state !== step.state)
      this.timeline.push({
        at: new Date().toISOString(),
        event: step.state,
        step: step.step,
        ...(step.reason && { detail: step.reason }),
      });
    this.events.push({
      type: 'STEP_CHANGED',
      step: step.step,
      state: step.state === 'compensated' ? 'completed' : step.state,
      resent: step.resent,
      ...(step.reason && { reason: step.reason }),
    });
  }

  private async project(): Promise<void> {
    this.version += 1;
    await bestEffort(() =>
      this.projections.call.projectCase({
        view: this.view(),
        businessKey: this.options.businessKey,
        partyPins: [...new Set(this.options.partyPins)],
      }),
    );
  }
}

/**
 * How a case's timeline names the notice that moved its dates. Here, not beside the notice's schema
 * in domain/calendar/notices.ts: that module loads zod, which the workflow bundle must not carry.
 */
function noticeLabel(notice: CalendarChange['notice']): string {
  return notice.number
    ? `${notice.number} (${notice.issuer}), ${notice.year}`
    : `${notice.issuer}, ${notice.year}${notice.provisional ? ' (provisional)' : ''}`;
}
