// The invariant of issue 18 on the real stack, as a pure function of what three independent places
// say about one case: Temporal (the case workflow's status, its query, its result), the read model
// (the case as the applicant reads it through the API, and the officers' inboxes), and the agencies'
// own tables (how many records each effect left). Kept apart from the I/O so a fabricated observation
// can show that it bites (real-stack.property.test.ts).
import { isFinal } from '../../domain/procedures/case-status';
import type { CaseView, StepView } from '../../domain/procedures/views';

/** One task of the case, as an officer's inbox (GET /v1/tasks) lists it. */
export interface TaskSeen {
  step: string;
  state: string;
  decisions: string[];
}

export interface Observation {
  /** Temporal's status of the case's workflow: RUNNING, COMPLETED, FAILED, TERMINATED… */
  workflow: string;
  /** The workflow's own view (getProcedureStatus), and its result once it has closed. */
  query: CaseView;
  result?: CaseView;
  /** The read model's view, as the applicant reads it (GET /v1/cases/{id}); absent when unknown. */
  readModel?: CaseView;
  /** The case's tasks in the inboxes of the officers of its steps. */
  tasks: TaskSeen[];
  /**
   * Agency records per effect: `<step>` (the registration, card, removal, decision…),
   * `<step>:paid` (payments paid), `<step>:reclaim` (reclaims opened after an annulment).
   */
  effects: Record<string, number>;
}

const stepsOf = (view: CaseView) => new Map(view.steps.map((s) => [s.step, s]));
const digest = (s: StepView | undefined) =>
  s ? `${s.state}/${s.status}${s.reasonCode ? `/${s.reasonCode}` : ''}` : 'absent';
const describeSteps = (view: CaseView) =>
  view.steps.map((s) => `${s.step}:${digest(s)}`).join(', ') || 'no step';

/** Someone can act now: an officer on a task in their inbox, the citizen, or the relatives. */
function actionable(o: Observation): boolean {
  const read = o.readModel ? stepsOf(o.readModel) : new Map<string, StepView>();
  return (
    o.query.steps.some(
      (s) =>
        s.state === 'in_review' &&
        o.tasks.some((t) => t.step === s.step && t.state === 'in_review' && t.decisions.length > 0),
    ) ||
    o.query.steps.some(
      (s) => s.state === 'awaiting_supplement' && read.get(s.step)?.state === 'awaiting_supplement',
    ) ||
    (o.query.payee?.state === 'awaiting' && o.readModel?.payee?.state === 'awaiting')
  );
}

/** Steps everything else needs: once one ends without its record, the case cannot go on. */
const FIRST_STEPS = new Set(['birth', 'death']);

/** The case ends, or waits on someone who can act; an ended case leaves nothing in an inbox. */
function progress(o: Observation): string[] {
  const { status } = o.query;
  const first = o.query.steps.find((s) => FIRST_STEPS.has(s.step));
  if (
    o.workflow === 'RUNNING' &&
    !isFinal(status) &&
    first &&
    ['rejected', 'cancelled'].includes(first.status)
  )
    return [`the ${first.step} step is ${first.status} but the case is still ${status}`];
  if (o.workflow === 'COMPLETED') {
    if (!o.result || !isFinal(o.result.status))
      return [`the workflow closed but the case is ${o.result?.status ?? 'without a result'}`];
  } else if (o.workflow !== 'RUNNING') {
    return [`the case's workflow is ${o.workflow}`];
  } else if (isFinal(status)) {
    return [`the case is ${status} but its workflow has not closed`];
  } else if (!actionable(o)) {
    return [`the case is ${status} and nobody can act: ${describeSteps(o.query)}`];
  }
  const steps = stepsOf(o.query);
  return o.tasks
    .filter((t) => steps.get(t.step)?.state !== t.state)
    .map(
      (t) => `an inbox offers the ${t.step} step as ${t.state}; it is ${digest(steps.get(t.step))}`,
    );
}

/** The read model tells what the workflow tells: status, each step's state and reason, the payee. */
function agreement(o: Observation): string[] {
  const problems: string[] = [];
  const compare = (name: string, a: CaseView, b: CaseView) => {
    if (a.status !== b.status) problems.push(`${name}: ${a.status} ≠ ${b.status}`);
    const bSteps = stepsOf(b);
    const names = new Set([...a.steps.map((s) => s.step), ...bSteps.keys()]);
    const aSteps = stepsOf(a);
    for (const step of names)
      if (digest(aSteps.get(step)) !== digest(bSteps.get(step)))
        problems.push(
          `${name}, ${step}: ${digest(aSteps.get(step))} ≠ ${digest(bSteps.get(step))}`,
        );
    if (a.payee?.state !== b.payee?.state)
      problems.push(`${name}, payee: ${a.payee?.state} ≠ ${b.payee?.state}`);
  };
  if (o.readModel) compare('workflow query vs read model', o.query, o.readModel);
  else problems.push('the read model does not know the case');
  if (o.result) compare('workflow query vs result', o.query, o.result);
  return problems;
}

const DONE = new Set(['completed', 'compensated']);

/** No agency effect twice; a completed step left its record; money only for completed steps. */
function effects(o: Observation): string[] {
  const problems = Object.entries(o.effects)
    .filter(([, n]) => n > 1)
    .map(([effect, n]) => `${effect} happened ${n} times`);
  for (const step of o.query.steps) {
    const count = (suffix = '') => o.effects[`${step.step}${suffix}`];
    if (DONE.has(step.status) && count() === 0)
      problems.push(`the ${step.step} step is ${step.status} but its agency has no record`);
    // A compensated benefit may have been granted and never paid (its payment refused).
    const paidFor = step.status === 'completed' || step.result?.paymentRef !== undefined;
    if (DONE.has(step.status) && paidFor && count(':paid') === 0)
      problems.push(`the ${step.step} step is ${step.status} but nothing was paid`);
    if (!DONE.has(step.status) && (count(':paid') ?? 0) > 0)
      problems.push(`paid for the ${step.step} step, which is ${step.status}`);
    const reclaimWanted = step.status === 'compensated' && (count(':paid') ?? 0) > 0 ? 1 : 0;
    if (count(':reclaim') !== undefined && count(':reclaim') !== reclaimWanted)
      problems.push(`${count(':reclaim')} reclaims for the ${step.step} step (${step.status})`);
  }
  return problems;
}

/** A step or case that ended without its result says why. */
function reasons(o: Observation): string[] {
  const problems = o.query.steps
    .filter((s) => (s.status === 'rejected' || s.status === 'cancelled') && !s.reasonCode)
    .map((s) => `the ${s.step} step is ${s.status} without a reason code`);
  if ((o.query.status === 'rejected' || o.query.status === 'withdrawn') && !o.query.reason?.code)
    problems.push(`the case is ${o.query.status} without a reason`);
  return problems;
}

/** What is wrong with the case as observed, or undefined when it keeps every invariant. */
export function brokenInvariant(o: Observation): string | undefined {
  const problems = [...progress(o), ...agreement(o), ...effects(o), ...reasons(o)];
  return problems.length > 0 ? problems.join('; ') : undefined;
}

/**
 * Why the case is not at rest yet: a step still at its agency (or sent back, or in a supplement
 * window), or its workflow not closed although the case is final; undefined at rest.
 */
export function stillMoving(o: Observation): string | undefined {
  if (isFinal(o.query.status))
    return o.workflow === 'RUNNING'
      ? `the ${o.query.status} case's workflow is running`
      : undefined;
  const moving = o.query.steps.filter(
    (s) =>
      s.status === 'pending' || s.status === 'waiting_agency' || s.state === 'awaiting_supplement',
  );
  return moving.length > 0
    ? `still moving: ${moving.map((s) => `${s.step}:${s.state}`).join(', ')}`
    : undefined;
}
