// One generated case played on the real stack: filed by the clerk of its commune, then driven through
// the API as its people would — the officers deciding from their inboxes, the applicant answering
// requests for supplement or withdrawing, the relatives confirming the payee, a court's annulment —
// each act taken from the world's scripts while the case offers it. Then judged: within the bound,
// the case must keep the invariant of real-stack-invariant.ts.
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { vietnamDate } from '../../domain/calendar/vietnam';
import { isFinal } from '../../domain/procedures/case-status';
import type { OfficerDecision } from '../../domain/procedures/agency-step.machine';
import type { Agency } from '../../domain/principal';
import type { CaseView, StepView } from '../../domain/procedures/views';
import { getProcedureStatus, getStepStatus } from '../../workflows/messages';
import { tokenFor } from '../support/auth';
import { citizen, officer, readCase } from '../support/group-a';
import type { TestStack } from '../support/stack';
import type { PreparedCase } from './real-stack-cases';
import {
  brokenInvariant,
  stillMoving,
  type Observation,
  type TaskSeen,
} from './real-stack-invariant';
import type { PayeeAct } from './real-stack-world';

/** How long a case may take, after anyone last acted, to end or to wait on someone who can act. */
export const BOUND_MS = 30_000;
const POLL_MS = 250;

export interface Played {
  caseId?: string;
  /** What was done, in order, with the API's answers: the path to the verdict. */
  acts: string[];
  /** The case as its workflow showed it when judged. */
  seen?: string;
  /** Why the case breaks the invariant (or an act was answered as it must not be); else undefined. */
  broken?: string;
}

const FIRST_STEPS = new Set(['birth', 'death']);
const DECISIONS: Record<OfficerDecision, Record<string, unknown>> = {
  approve: { decision: 'approve' },
  reject: { decision: 'reject', reason: 'hồ sơ không hợp lệ' },
  request_supplement: { decision: 'request_supplement', missing: ['bản sao giấy tờ tùy thân'] },
  return: { decision: 'return', reason: 'sai thông tin ở cơ quan trước' },
};

async function readView(stack: TestStack, caseId: string, pin: string) {
  const response = await readCase(stack.app, caseId, pin);
  return response.status === 200 ? (response.body as CaseView) : undefined;
}

/** This case's tasks in the inbox of `agency`'s officer of `jurisdiction`, every page. */
async function tasksOf(stack: TestStack, caseId: string, agency: Agency, jurisdiction: string) {
  const token = await officer(agency, jurisdiction);
  const found: (TaskSeen & { taskId: string })[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = await request(stack.app)
      .get(`/v1/tasks?limit=200&offset=${offset}`)
      .set('Authorization', `Bearer ${token}`);
    const items = page.body.items as (TaskSeen & { taskId: string; caseId: string })[];
    found.push(...items.filter((t) => t.caseId === caseId));
    if (items.length < 200) return found;
  }
}

/** What the three places say about the case now. */
export async function observe(
  stack: TestStack,
  prepared: PreparedCase,
  caseId: string,
): Promise<Observation> {
  const handle = stack.client.workflow.getHandle(caseId);
  const workflow = (await handle.describe()).status.name;
  const query = await handle.query(getProcedureStatus);
  const result: CaseView | undefined =
    workflow === 'COMPLETED' ? ((await handle.result()) as CaseView) : undefined;
  const readModel = await readView(stack, caseId, prepared.applicantPin);
  const officers = new Map(
    query.steps.map((s) => [`${s.agency}@${prepared.jurisdictionOf(s.step)}`, s]),
  );
  const tasks: TaskSeen[] = [];
  for (const s of officers.values())
    tasks.push(...(await tasksOf(stack, caseId, s.agency, prepared.jurisdictionOf(s.step))));
  return {
    workflow,
    query,
    ...(result && { result }),
    ...(readModel && { readModel }),
    tasks: tasks.map(({ step, state, decisions }) => ({ step, state, decisions })),
    effects: await prepared.effects(stack, caseId, query),
  };
}

/** Cases still moving on their own: a step at an agency, a supplement window open, or a gap. */
const moving = (view: CaseView) =>
  !isFinal(view.status) &&
  (view.steps.some(
    (s) =>
      s.status === 'pending' || s.status === 'waiting_agency' || s.state === 'awaiting_supplement',
  ) ||
    !(view.steps.some((s) => s.state === 'in_review') || view.payee?.state === 'awaiting'));

class Driver {
  readonly acts: string[] = [];
  readonly findings: string[] = [];
  lastAct = Date.now();
  private count = 0;
  private readonly officers: Record<string, OfficerDecision[]>;
  private readonly supplements;
  private readonly payee: PayeeAct[];
  private readonly lapsing = new Set<string>();
  private withdrawn = false;
  private annulled = false;

  constructor(
    private readonly stack: TestStack,
    private readonly prepared: PreparedCase,
    private readonly caseId: string,
  ) {
    const { world } = prepared;
    this.officers = structuredClone(world.officers);
    this.supplements = [...world.supplements];
    this.payee =
      world.procedure === 'death-residence-funeral' ? [...(world.survivor?.payee ?? [])] : [];
  }

  private get path() {
    return `/v1/cases/${encodeURIComponent(this.caseId)}`;
  }

  private caseNow(): Promise<CaseView> {
    return this.stack.client.workflow.getHandle(this.caseId).query(getProcedureStatus);
  }

  private stepNow(step: StepView): Promise<StepView> {
    return this.stack.client.workflow.getHandle(step.workflowId).query(getStepStatus);
  }

  private read() {
    return readView(this.stack, this.caseId, this.prepared.applicantPin);
  }

  /** Records an act and its answer; an answer other than `expected` must be explained by a race. */
  private async answered(
    what: string,
    status: number,
    expected: number,
    stillOffered: () => Promise<boolean>,
  ) {
    this.acts.push(`${what} → ${status}`);
    if (status === expected) return;
    // Refused because the case moved on meanwhile (a supplement window closed): its workflows, which
    // the API asks and the read model follows a moment later, no longer offer the act.
    if (expected === 200 && status === 422 && !(await stillOffered())) return;
    this.findings.push(`${what} answered ${status}, not ${expected}`);
  }

  /** Plays the scripts until the case ends, rests with people, or stops moving for too long. */
  async drive(): Promise<void> {
    while (Date.now() - this.lastAct < BOUND_MS) {
      const view = await this.read();
      const act = view && this.nextAct(view);
      if (act) {
        await act();
        this.count += 1;
        this.lastAct = Date.now();
      } else if (view && !moving(view)) return;
      else await sleep(POLL_MS);
    }
  }

  private nextAct(view: CaseView): (() => Promise<void>) | undefined {
    const { world } = this.prepared;
    if (!this.withdrawn && world.withdrawAfter === this.count) return () => this.withdraw(view);
    if (isFinal(view.status)) {
      const annullable = view.status === 'completed' || view.status === 'partially_completed';
      if (world.procedure === 'death-residence-funeral' && world.annul && annullable)
        return this.annulled ? undefined : () => this.annul();
      return undefined;
    }
    if (this.withdrawn) return undefined;
    for (const step of view.steps) {
      const next = this.officers[step.step];
      if (step.state === 'in_review' && next?.length)
        return () => this.decide(step, next.shift() as OfficerDecision);
      const request = `${step.step}@${step.supplementDue ?? ''}`;
      if (step.state === 'awaiting_supplement' && !this.lapsing.has(request)) {
        if ((this.supplements.shift() ?? 'lapse') === 'answer') return () => this.answer(step);
        this.lapsing.add(request);
        this.acts.push(`${step.step}: the applicant lets the supplement lapse`);
      }
    }
    if (view.payee?.state === 'awaiting' && this.payee.length > 0)
      return () => this.confirmPayee(this.payee.shift() as PayeeAct);
    return undefined;
  }

  private async decide(step: StepView, decision: OfficerDecision) {
    const jurisdiction = this.prepared.jurisdictionOf(step.step);
    const token = await officer(step.agency, jurisdiction);
    const task = (await tasksOf(this.stack, this.caseId, step.agency, jurisdiction)).find(
      (t) => t.step === step.step,
    );
    if (!task) {
      // The read model showed the step in review but its inbox does not: the judge will say so.
      this.officers[step.step]?.unshift(decision);
      return sleep(POLL_MS);
    }
    // A return needs an earlier agency: never offered on a procedure's first step, refused there.
    const offered = !(decision === 'return' && FIRST_STEPS.has(step.step));
    if (task.decisions.includes(decision) !== offered)
      this.findings.push(`the ${step.step} task offers ${task.decisions.join('/')}`);
    const response = await request(this.stack.app)
      .post(`/v1/tasks/${encodeURIComponent(task.taskId)}/decision`)
      .set('Authorization', `Bearer ${token}`)
      .send(DECISIONS[decision]);
    await this.answered(
      `${step.agency} officer: ${decision} ${step.step}`,
      response.status,
      offered ? 200 : 422,
      async () => (await this.stepNow(step)).state === 'in_review',
    );
  }

  private async answer(step: StepView) {
    const response = await request(this.stack.app)
      .post(`${this.path}/supplements`)
      .set('Authorization', `Bearer ${await citizen(this.prepared.applicantPin)}`)
      .send({ documents: ['ban-sao-bo-sung.pdf'] });
    await this.answered(
      `applicant: supplement for ${step.step}`,
      response.status,
      200,
      async () => (await this.stepNow(step)).state === 'awaiting_supplement',
    );
  }

  private async withdraw(view: CaseView) {
    this.withdrawn = true;
    const response = await request(this.stack.app)
      .post(`${this.path}/withdraw`)
      .set('Authorization', `Bearer ${await citizen(this.prepared.applicantPin)}`)
      .send({ reason: 'rút hồ sơ' });
    // The read model never runs ahead of the workflow: a case it shows final cannot be withdrawn.
    await this.answered(
      `applicant: withdraw (case ${view.status})`,
      response.status,
      isFinal(view.status) ? 422 : 200,
      async () => !isFinal((await this.caseNow()).status),
    );
  }

  private async confirmPayee(act: PayeeAct) {
    const { spouse, child } = this.prepared.relatives ?? { spouse: '', child: '' };
    const [pin, body] =
      act === 'declaration'
        ? [spouse, { declarationForm: 'mau-09-HSB.pdf' }]
        : act === 'spouse_confirms'
          ? [spouse, { payeePin: child }]
          : [child, { payeePin: act === 'child_confirms' ? child : spouse }];
    const response = await request(this.stack.app)
      .post(`${this.path}/payee-confirmations`)
      .set('Authorization', `Bearer ${await citizen(pin)}`)
      .send(body);
    await this.answered(
      `relatives: ${act}`,
      response.status,
      act === 'child_names_spouse' ? 422 : 200,
      async () => (await this.caseNow()).payee?.state === 'awaiting',
    );
  }

  /** Maker–checker: one civil-status officer of the commune records the ruling, a second approves. */
  private async annul() {
    this.annulled = true;
    const { commune } = this.prepared;
    const civilStatus = (sub: string) =>
      tokenFor({ sub, role: 'officer', agency: 'civil-status', jurisdiction: commune });
    // Both in the officer directory's development seed (db/development-officers.ts).
    const maker = await civilStatus(`officer-civil-status-${commune}`);
    const checker = await civilStatus(`officer-civil-status-${commune}-2`);
    const recorded = await request(this.stack.app)
      .post(`${this.path}/annulment`)
      .set('Authorization', `Bearer ${maker}`)
      .send({
        ruling: {
          number: '12/2026/QĐST-DS',
          court: 'TAND TP Hà Nội',
          date: vietnamDate(Date.now()),
          document: 'qd-12-2026-QDST-DS.pdf',
        },
        reason: 'the person declared dead has returned',
      });
    await this.answered(
      'civil-status officer: record a court ruling annulling the death',
      recorded.status,
      201,
      () => Promise.resolve(true),
    );
    if (recorded.status !== 201) return;
    const approved = await request(this.stack.app)
      .post(`${this.path}/annulment/approval`)
      .set('Authorization', `Bearer ${checker}`);
    await this.answered(
      'second civil-status officer: approve the annulment',
      approved.status,
      202,
      () => Promise.resolve(true),
    );
  }
}

/** Observations of a case at rest that must agree, a moment apart, before it is judged settled. */
const SETTLE_MS = 1_000;

/**
 * Polls until the case is at rest — ended, or waiting only on people — and keeps the invariant, the
 * same for SETTLE_MS; past the bound (from the last act), why it does not.
 */
async function judge(stack: TestStack, prepared: PreparedCase, caseId: string, since: number) {
  let settled: { digest: string; at: number } | undefined;
  for (;;) {
    const observed = await observe(stack, prepared, caseId);
    const { status, steps, payee } = observed.query;
    const seen = [
      status,
      ...steps.map((s) => `${s.step}:${s.state}${s.reasonCode ? `(${s.reasonCode})` : ''}`),
      ...(payee ? [`payee:${payee.state}`] : []),
    ].join(' ');
    const broken = brokenInvariant(observed);
    const moving = stillMoving(observed);
    if (broken || moving) settled = undefined;
    else if (settled?.digest !== seen) settled = { digest: seen, at: Date.now() };
    else if (Date.now() - settled.at >= SETTLE_MS) return { seen };
    if (Date.now() - since > BOUND_MS)
      return { seen, broken: broken ?? `not at rest ${BOUND_MS} ms after the last act: ${moving}` };
    await sleep(POLL_MS);
  }
}

export async function play(stack: TestStack, prepared: PreparedCase): Promise<Played> {
  const clerk = await tokenFor({
    sub: `clerk-${prepared.commune}`,
    role: 'clerk',
    jurisdiction: prepared.commune,
  });
  const filed = await request(stack.app)
    .post('/v1/cases')
    .set('Authorization', `Bearer ${clerk}`)
    .send(prepared.application);
  if (filed.status !== 202)
    return { acts: [], broken: `filing answered ${filed.status}: ${JSON.stringify(filed.body)}` };
  const caseId = filed.body.caseId as string;
  const driver = new Driver(stack, prepared, caseId);
  await driver.drive();
  const { broken, seen } = await judge(stack, prepared, caseId, driver.lastAct);
  const problems = [...driver.findings, ...(broken ? [broken] : [])];
  return {
    caseId,
    acts: driver.acts,
    seen,
    ...(problems.length > 0 && { broken: problems.join('; ') }),
  };
}
