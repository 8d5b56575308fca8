// A pure model of one linked case for model-based tests: the real case and step machines, wired the
// way the workflows wire them (LinkedCase, agencyStep), and a world — agencies' replies, officers'
// decisions, citizens' answers, corrections, a withdrawal — given as scripts a property-testing
// library generates. No Temporal: each action a machine asks for is carried out at once from the
// scripts, and the case runs until nothing more can happen. What it then looks like is what the
// invariants judge.
import { initialTransition, transition } from 'xstate';
import {
  agencyStepMachine,
  decisionEvent,
  decisionsOpen,
  type OfficerDecision,
  type StepAction,
  type StepEvent,
} from '../../domain/procedures/agency-step.machine';
import {
  linkedProcedureMachine,
  type CaseAction,
  type CaseEvent,
  type RefuseParams,
  type ReturnedParams,
} from '../../domain/procedures/linked-procedure.machine';

/** What an agency answers to one request for the step. */
export type AgencyReply =
  | { kind: 'completed' }
  | { kind: 'review' }
  | { kind: 'rejected'; code: string }
  | { kind: 'returned' }
  /** The call failed for good (400 from the agency, a payment refused everywhere…). */
  | { kind: 'failed'; code: string };

/** What the officer does with a step in review, or the citizen with a request for supplement. */
export type PersonAct = OfficerDecision | 'answer_supplement' | 'let_supplement_lapse';

export interface World {
  procedure: { first: string; branches: string[]; maxCorrections: number };
  /** Which linked steps the applicant chose. */
  chosen: Record<string, boolean>;
  /** Per step, the agency's replies in order (to the first call, to a resend, to a decision…). */
  agency: Record<string, AgencyReply[]>;
  /** Per step, what people do each time the step waits on them; nothing more once it runs out. */
  people: Record<string, PersonAct[]>;
  /** Whether each correction of the first step's record succeeds. */
  corrections: boolean[];
  /** After how many events the applicant withdraws (never when undefined). */
  withdrawAfter?: number;
}

type StepSnapshot = ReturnType<typeof initialTransition<typeof agencyStepMachine>>[0];
type CaseSnapshot = ReturnType<typeof initialTransition<typeof linkedProcedureMachine>>[0];
type Handlers<A extends string> = Record<A, (params: never) => void>;

export interface CaseModel {
  case: CaseSnapshot;
  steps: Map<string, StepSnapshot>;
  /** Events applied, to the case and its steps. */
  events: number;
}

/** The outcome the case hears for a step that ended in `state`. */
const outcomeOf = (state: string) =>
  state === 'completed' || state === 'skipped' || state === 'cancelled' ? state : 'rejected';

/** Where the model stops when a bug makes it loop: far beyond any honest run of these scripts. */
const MAX_EVENTS = 2_000;

/**
 * Runs the case in `world` to where nothing more can happen. `override` replaces some of the case
 * workflow's action handlers (a deliberately broken one, in the test that shows the invariants bite).
 */
export function runCase(world: World, override: Partial<Handlers<CaseAction>> = {}): CaseModel {
  const agency = structuredClone(world.agency);
  const people = structuredClone(world.people);
  const corrections = [...world.corrections];
  const model: CaseModel = { case: undefined as never, steps: new Map(), events: 0 };
  const caseEvents: CaseEvent[] = [];
  const stepEvents: { step: string; event: StepEvent }[] = [];
  let caseActions: { type: string; params?: unknown }[];

  const stepInput = (step: string) => ({ returnable: step !== world.procedure.first });
  const reply = (step: string, decided: boolean): StepEvent => {
    const next = agency[step]?.shift() ?? { kind: 'completed' };
    switch (next.kind) {
      case 'completed':
        return decided
          ? { type: 'APPROVED', result: {} }
          : { type: 'AGENCY_COMPLETED', result: {} };
      case 'review':
        return decided ? { type: 'APPROVED', result: {} } : { type: 'AGENCY_REVIEW_REQUIRED' };
      case 'rejected':
        return decided
          ? { type: 'REJECTED', code: next.code, reason: 'r' }
          : { type: 'AGENCY_REJECTED', code: next.code, reason: 'r' };
      case 'returned':
        return decided
          ? { type: 'APPROVED', result: {} }
          : { type: 'AGENCY_RETURNED', reason: 'r' };
      case 'failed':
        return { type: 'STEP_FAILED', code: next.code, reason: 'f' };
    }
  };

  // The step workflow's handlers (workflows/steps/agency-step.workflow.ts), from the scripts.
  const stepHandlers = (step: string): Handlers<StepAction> => ({
    callAgency: () => stepEvents.push({ step, event: reply(step, false) }),
    cancelAgencyRequest: () => undefined,
    openTask: () => undefined,
    notifyCitizen: () => undefined,
    pauseClock: () => undefined,
    resumeClock: () => undefined,
  });

  // The case workflow's handlers (workflows/linked-case.ts and the procedure's own).
  const signal = (steps: string[], event: StepEvent) => {
    for (const step of steps) if (model.steps.has(step)) stepEvents.push({ step, event });
  };
  const caseHandlers: Handlers<CaseAction> = {
    startBranches: () => {
      for (const step of world.procedure.branches.filter((s) => world.chosen[s])) start(step);
    },
    cancelSteps: () =>
      signal([...model.steps.keys()], { type: 'CANCEL', code: 'CASE.WITHDRAWN', reason: 'w' }),
    requestCorrection: () =>
      caseEvents.push(
        corrections.shift() === false
          ? { type: 'CORRECTION_FAILED', code: 'CIVIL_STATUS.CORRECTION_REFUSED', reason: 'no' }
          : { type: 'CORRECTION_DONE' },
      ),
    resendAfterCorrection: ({ returned }: ReturnedParams) =>
      signal(
        returned.map((r) => r.step),
        { type: 'RESEND' },
      ),
    refuseReturnedSteps: ({ returned, refusal }: RefuseParams) =>
      signal(
        returned.map((r) => r.step),
        { type: 'RETURN_REFUSED', ...refusal },
      ),
    notifyOutcome: () => undefined,
    ...override,
  };

  const runStepActions = (step: string, actions: { type: string }[]) => {
    const handlers = stepHandlers(step) as unknown as Record<string, () => void>;
    for (const action of actions) handlers[action.type]?.();
  };
  const runCaseActions = () => {
    while (caseActions.length > 0) {
      const action = caseActions.shift() as { type: string; params?: unknown };
      (caseHandlers as unknown as Record<string, (params: unknown) => void>)[action.type]?.(
        action.params,
      );
    }
  };
  function start(step: string) {
    const [initial] = initialTransition(agencyStepMachine, stepInput(step));
    model.steps.set(step, initial);
    stepEvents.push({ step, event: { type: 'SEND' } });
  }
  function applyToStep(step: string, event: StepEvent) {
    const before = model.steps.get(step) as StepSnapshot;
    if (before.status === 'done') return;
    const [after, actions] = transition(agencyStepMachine, before, event);
    model.steps.set(step, after);
    model.events += 1;
    runStepActions(step, actions);
    caseEvents.push({
      type: 'STEP_CHANGED',
      step,
      state: after.value,
      resent: after.context.returns,
      reason: after.context.reason ?? '',
    });
    if (after.status === 'done')
      caseEvents.push({
        type: 'STEP_SETTLED',
        step,
        outcome: outcomeOf(after.value),
        ...(after.context.code && { code: after.context.code }),
      });
  }
  /** What the people waiting on a step do next, if anything is left for them to do. */
  function personActs(step: string, snapshot: StepSnapshot): boolean {
    const script = people[step] ?? [];
    while (script.length > 0) {
      const act = script.shift() as PersonAct;
      if (snapshot.value === 'awaiting_supplement') {
        if (act === 'answer_supplement')
          stepEvents.push({ step, event: { type: 'SUPPLEMENT_PROVIDED' } });
        else stepEvents.push({ step, event: { type: 'SUPPLEMENT_TIMED_OUT' } });
        return true;
      }
      if (act === 'answer_supplement' || act === 'let_supplement_lapse') continue;
      // The API refuses what the step does not offer (422); the person then does something else.
      if (!decisionsOpen(snapshot).includes(act)) continue;
      if (act === 'approve' || act === 'reject') {
        const answer = reply(step, true);
        stepEvents.push({
          step,
          event:
            act === 'reject' && answer.type === 'APPROVED'
              ? { type: 'REJECTED', code: 'OFFICER.REJECTED', reason: 'r' }
              : answer,
        });
      } else stepEvents.push({ step, event: decisionEvent(act, { reason: 'r', missing: ['x'] }) });
      return true;
    }
    return false;
  }

  [model.case, caseActions] = initialTransition(linkedProcedureMachine, {
    first: world.procedure.first,
    chosen: world.chosen,
    maxCorrections: world.procedure.maxCorrections,
  });
  runCaseActions();
  start(world.procedure.first);
  while (model.events < MAX_EVENTS) {
    if (world.withdrawAfter !== undefined && model.events === world.withdrawAfter)
      caseEvents.push({ type: 'WITHDRAW' });
    const stepEvent = stepEvents.shift();
    if (stepEvent) {
      applyToStep(stepEvent.step, stepEvent.event);
      continue;
    }
    const caseEvent = caseEvents.shift();
    if (caseEvent) {
      [model.case, caseActions] = transition(linkedProcedureMachine, model.case, caseEvent);
      model.events += 1;
      runCaseActions();
      continue;
    }
    const waiting = [...model.steps].find(
      ([step, s]) => s.status !== 'done' && personActs(step, s),
    );
    if (!waiting) break;
  }
  return model;
}

/** Why the case, run to its end, breaks an invariant — or undefined when it keeps them all. */
export function brokenInvariant(model: CaseModel): string | undefined {
  if (model.events >= MAX_EVENTS) return 'the case never settles (it loops)';
  const steps = [...model.steps];
  const states = steps.map(([n, s]) => `${n}:${String(s.value)}`).join(', ');
  // A returned step waits for the first record's correction, which the case settles at once.
  if (steps.some(([, s]) => s.value === 'returned'))
    return `a returned step waits for a correction nobody asked for: ${states}`;
  if (model.case.status === 'done') {
    if (steps.some(([, s]) => s.status !== 'done'))
      return `the case ended with steps still running: ${states}`;
    // Withdrawn: a step may still finish after the case (registered facts stand).
    if (model.case.value === 'withdrawn') return undefined;
    const { outcomes } = model.case.context;
    const disagree = steps.filter(([n, s]) => outcomes[n] !== outcomeOf(String(s.value)));
    if (disagree.length > 0)
      return `the case's outcomes ${JSON.stringify(outcomes)} disagree with its steps: ${states}`;
    return undefined;
  }
  // Not final: someone must be able to act now.
  const actionable = steps.some(
    ([, s]) =>
      (s.value === 'in_review' && decisionsOpen(s).length > 0) || s.value === 'awaiting_supplement',
  );
  return actionable
    ? undefined
    : `the case is ${String(model.case.value)} and nobody can act: ${states}`;
}
