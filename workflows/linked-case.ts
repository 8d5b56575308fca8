// What every linked procedure's case workflow does, whatever the procedure: it keeps the case
// machine's snapshot, starts each agency step as a child workflow, hears every step change, answers
// the case query and withdrawal, tells the citizen, projects the case into the read model, and runs
// the machine's actions until the case is final. A procedure supplies the steps' requests and the
// actions only it knows (startBranches, requestCorrection); STYLE rules 14 and 17.
import {
  allHandlersFinished,
  condition,
  ParentClosePolicy,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
  type ChildWorkflowHandle,
} from '@temporalio/workflow';
import { initialTransition, transition } from 'xstate';
import type { Activities } from '../activities';
import type { Language, NotificationEvent } from '../domain/notifications';
import {
  linkedProcedureMachine as machine,
  type CaseEvent,
  type CaseInput,
} from '../domain/procedures/linked-procedure.machine';
import { toCaseStatus } from '../domain/procedures/case-status';
import type { CaseView, StepView, TimelineEntry } from '../domain/procedures/views';
import { ActionRequests, refuse } from './action-requests';
import { agencyOptions } from './activity-options';
import {
  cancelStep,
  closeReturnedStep,
  getProcedureStatus,
  resendStep,
  stepChanged,
  withdrawCase,
} from './messages';
import { projections, projectsLocally } from './projections';
import { agencyStep, type AgencyStepInput } from './steps/agency-step.workflow';
import { workflowIds } from './task-queues';

/** patched() id: the case projects itself after every step change, not only after its own events. */
export const PROJECT_STEP_CHANGES = 'project-step-changes';
const { notifyCitizen } = proxyActivities<Activities>(agencyOptions('notifications'));

export interface LinkedCaseOptions extends CaseInput {
  procedure: string;
  /** When the one-stop desk or portal received the dossier (epoch ms). */
  receivedAt: number;
  commune: string;
  contact: { phone: string; language: Language };
  /** The case's legal deadline (epoch ms), asked each time the case is viewed. */
  deadline: () => number;
  /** Read-model keys: the business key and every person who may follow the case. */
  businessKey: string;
  partyPins: string[];
  /** What the procedure adds to the case view (a lump sum's payee confirmations). */
  details?: () => Partial<CaseView>;
  /** Called for each new state of a step, before the case reacts to it. */
  onStepChanged?: (step: StepView, previous: StepView | undefined) => void;
}

/** A step's input without what the case fills in itself. */
export type StepStart = Omit<AgencyStepInput, 'caseId' | 'contact'>;

export class LinkedCase {
  readonly caseId = workflowInfo().workflowId;
  readonly steps = new Map<string, StepView>();
  readonly timeline: TimelineEntry[];
  /** What people ask of the case (withdrawal; a procedure adds its own). */
  readonly requests = new ActionRequests();
  private snapshot;
  private readonly actions;
  private readonly children = new Map<string, ChildWorkflowHandle<typeof agencyStep>>();
  private readonly events: CaseEvent[] = [];
  /** The step a later agency returned, waiting for the first step's correction. */
  private returnedStep: string | undefined;
  private version = 0;
  private sent = 0;
  /** A step changed since the case last projected itself. */
  private stale = false;

  constructor(private readonly options: LinkedCaseOptions) {
    const [initial, initialActions] = initialTransition(machine, {
      first: options.first,
      chosen: options.chosen,
      maxCorrections: options.maxCorrections,
    });
    this.snapshot = initial;
    this.actions = [...initialActions];
    this.timeline = [{ at: new Date(options.receivedAt).toISOString(), event: 'received' }];

    setHandler(getProcedureStatus, () => this.view());
    setHandler(stepChanged, (step) => this.stepChanged(step));
    this.requests.on(
      withdrawCase,
      async (_request) => {
        this.events.push({ type: 'WITHDRAW' });
        await condition(() => this.snapshot.value === 'withdrawn' && this.actions.length === 0);
        return this.view();
      },
      (_request) => {
        if (!this.snapshot.can({ type: 'WITHDRAW' }))
          throw refuse(`a ${this.state} case cannot be withdrawn`);
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
    const { options } = this;
    return {
      caseId: this.caseId,
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
      ...options.details?.(),
      version: this.version,
    };
  }

  /** Tells the citizen, once per event (the key is the case and the event's sequence number). */
  notify(event: NotificationEvent): Promise<void> {
    return notifyCitizen({
      key: `${this.caseId}:notify:${++this.sent}`,
      to: this.options.contact,
      event,
    });
  }

  /** Starts an agency step; its outcome comes back to the case machine when it ends. */
  async startStep(step: string, input: StepStart): Promise<void> {
    const handle = await startChild(agencyStep, {
      workflowId: workflowIds.step(this.caseId, step),
      parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
      args: [{ caseId: this.caseId, contact: this.options.contact, ...input }],
    });
    this.children.set(step, handle);
    void handle.result().then((result) => {
      const seen = this.steps.get(step);
      if (!seen || seen.version < result.version) this.steps.set(step, result);
      if (result.status !== 'completed' && result.status !== 'rejected') return; // cancelled: withdrawn
      this.events.push(
        step === this.options.first
          ? { type: 'FIRST_SETTLED', outcome: result.status }
          : { type: 'BRANCH_SETTLED', step, outcome: result.status },
      );
    });
  }

  /**
   * A step settled without an agency: refused by the rules before any claim (a funeral claim after
   * 90 days, a payee never confirmed), shown like any other step.
   */
  async refuseStep(step: string, agency: StepView['agency'], reason: string): Promise<void> {
    this.steps.set(step, {
      step,
      agency,
      workflowId: workflowIds.step(this.caseId, step),
      state: 'rejected',
      status: 'rejected',
      resent: 0,
      reminded: false,
      breached: false,
      reason,
      version: 1,
    });
    this.timeline.push({ at: new Date().toISOString(), event: 'rejected', step, detail: reason });
    this.events.push({ type: 'BRANCH_SETTLED', step, outcome: 'rejected' });
    await this.notify({ template: 'step_rejected', caseId: this.caseId, step, reason });
  }

  /** A linked step that does not apply to this case (no pension to stop). */
  skipStep(step: string): void {
    this.events.push({ type: 'BRANCH_SETTLED', step, outcome: 'skipped' });
  }

  apply(event: CaseEvent): void {
    const [next, emitted] = transition(machine, this.snapshot, event);
    this.snapshot = next;
    this.actions.push(...emitted);
  }

  /**
   * Runs the case to its end: the machine's actions (the procedure's own through `perform`), a
   * projection after each change, then the next event.
   */
  async run(perform: (action: string) => Promise<void>): Promise<CaseView> {
    for (;;) {
      await this.runActions(perform);
      // Cases started before this patch projected only when the case machine moved on; now every step
      // change reaches the read model's case view (and its timeline) at once. Asked before a local
      // projection (projections.ts says why), after a scheduled one (where such cases asked it).
      const local = projectsLocally();
      const stepChangesFirst = local ? patched(PROJECT_STEP_CHANGES) : undefined;
      await this.project(local);
      this.stale = false;
      if (this.done) break;
      const projectStepChanges = stepChangesFirst ?? patched(PROJECT_STEP_CHANGES);
      await condition(() => this.events.length > 0 || (projectStepChanges && this.stale));
      const event = this.events.shift();
      if (event) this.apply(event);
    }
    this.timeline.push({ at: new Date().toISOString(), event: this.state });
    await Promise.all([...this.children.values()].map((child) => child.result()));
    await this.project();
    await condition(allHandlersFinished);
    return this.view();
  }

  private async runActions(perform: (action: string) => Promise<void>): Promise<void> {
    while (this.actions.length > 0) {
      const action = String(this.actions.shift()?.type);
      const returned = this.returnedStep && this.children.get(this.returnedStep);
      switch (action) {
        case 'cancelSteps':
          for (const handle of this.children.values())
            await handle.signal(cancelStep, { reason: 'withdrawn by the applicant' });
          break;
        case 'refuseReturnedStep':
          if (returned)
            await returned.signal(closeReturnedStep, {
              reason: `returned ${this.context.corrections + 1} times for correction`,
            });
          break;
        case 'resendAfterCorrection':
          if (returned) await returned.signal(resendStep);
          break;
        case 'notifyOutcome':
          await this.notify({ template: 'case_finished', caseId: this.caseId, status: this.state });
          break;
        default:
          await perform(action);
      }
    }
  }

  /** The step a later agency returned, and why (for the first step's correction). */
  get returned(): { step: string; reason: string } | undefined {
    const step = this.returnedStep;
    return step ? { step, reason: this.steps.get(step)?.reason ?? '' } : undefined;
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
    this.stale = true;
    this.options.onStepChanged?.(step, previous);
    // A new return: the step was not returned before, or has been sent again since.
    const returnedAgain = previous?.state !== 'returned' || previous.resent !== step.resent;
    if (step.state === 'returned' && returnedAgain) {
      this.returnedStep = step.step;
      this.events.push({ type: 'CORRECTION_REQUESTED' });
    }
  }

  private async project(local?: boolean): Promise<void> {
    this.version += 1;
    await projections(local).projectCase({
      view: this.view(),
      businessKey: this.options.businessKey,
      partyPins: [...new Set(this.options.partyPins)],
    });
  }
}
