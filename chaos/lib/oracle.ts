// The judge of a chaos run. It trusts nothing the engine says about itself: each case's end comes from
// the plan (plan.ts); what happened is read from three independent places — the workflow's own result
// in Temporal, the read model through the API as the applicant sees it, and the agencies' own tables —
// and they must all agree with the plan and with each other. A filing refused at the door must leave
// nothing behind its business key: no read-model row, no workflow. Every payment the payments system
// made for a death case went to a relative of the deceased in the population database (issue 19):
// read from the two agencies' own tables, not from the case.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { deathCaseId } from '../../api/filing';
import { decodePayloadsIn } from '../../config/data-converter';
import { verifyAuditChain } from '../../db/audit.repository';
import type { Db } from '../../db/pool';
import { isFinal } from '../../domain/procedures/case-status';
import type { CaseView } from '../../domain/procedures/views';
import { WORKFLOW_SOURCES } from '../../worker/create-worker';
import { workflowIds } from '../../workflows/task-queues';
import { citizen, sleep, type Api, type Reply, type SupplementAnswer } from './actors';
import { expectedOf, type Expected, type PlannedCase } from './plan';

export interface Finding {
  caseId: string;
  kind: string;
  /**
   * lost: another end than the plan's, or an effect missing; duplicate: an effect twice; mismatch:
   * places disagree; stuck: no end, and no one the plan expects it to wait for; wrong_payee: money
   * paid to someone the population database does not know as the deceased's relative.
   */
  problem: 'lost' | 'duplicate' | 'mismatch' | 'stuck' | 'wrong_payee';
  detail: string;
}

/** A `bad-input` case: what the API answered each of its filings. */
export interface DoorFilings {
  planned: PlannedCase;
  replies: Reply[];
}

export interface Verdict {
  findings: Finding[];
  /** Cases with something lost, duplicated, or told differently by the workflow and the read model. */
  lost: number;
  duplicates: number;
  mismatches: number;
  /**
   * Cases that, after the settle period, are neither final nor waiting on a person — a step in review
   * or awaiting a supplement in a case the plan expects to wait.
   */
  stuck: number;
  /** Cases with a payment to someone not a relative of the deceased (payments vs population tables). */
  wrongPayees: number;
  /** Payments made for the run's death cases, each checked against the population database. */
  paymentsChecked: number;
  /** Filings refused at the door as planned: 400 naming the field, nothing behind the key. */
  refusedAtDoor: number;
  /**
   * Supplement answers the citizen could not get accepted before the reply window closed (the API
   * down or the case's workers killed meanwhile), with what the API answered each try: those cases
   * are judged as unanswered — the window closing is then the right end, and nothing was lost.
   */
  supplementsNotDelivered: { caseId: string; seen: boolean; tries: string[] }[];
  /** Seconds after the faults stopped until the last case reached its end. */
  settledSeconds: number;
  auditRows: number;
  auditIntact: boolean;
  /** Activity attempts beyond the first, summed over every workflow's history. */
  activityRetries: number;
  workflows: number;
}

/** Step → status, in step-name order (views list steps in the order they changed). */
const stepStatuses = (view: { steps: readonly { step: string; status: string }[] }) =>
  Object.fromEntries(
    [...view.steps].sort((a, b) => a.step.localeCompare(b.step)).map((s) => [s.step, s.status]),
  );

/** Step → reason code, for the steps that show one. */
const stepReasons = (view: { steps: readonly { step: string; reasonCode?: string }[] }) =>
  Object.fromEntries(
    [...view.steps]
      .filter((s) => s.reasonCode !== undefined)
      .sort((a, b) => a.step.localeCompare(b.step))
      .map((s) => [s.step, s.reasonCode]),
  );

/** How a case ended, as the plan writes it: its status, each step's status and reason code. */
const endOf = (view: CaseView) => ({
  status: view.status,
  steps: stepStatuses(view),
  reasonCodes: stepReasons(view),
  caseReason: view.reason?.code,
});

/** The end the plan writes, in endOf's shape. */
const plannedEnd = (want: Expected) => ({
  status: want.status,
  steps: stepStatuses({
    steps: Object.entries(want.steps).map(([step, status]) => ({ step, status })),
  }),
  reasonCodes: stepReasons({
    steps: Object.entries(want.reasonCodes).map(([step, reasonCode]) => ({ step, reasonCode })),
  }),
  caseReason: want.caseReason,
});

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The states in which a step waits for a person: an officer's decision, a citizen's documents. */
const WAITING_ON_A_PERSON: readonly string[] = ['in_review', 'awaiting_supplement'];

/** A case the plan expects to wait (a status that is not final), waiting on a person. */
const waitsAsPlanned = (view: CaseView, planned: PlannedCase) =>
  !isFinal(planned.expected.status) &&
  view.steps.some((s) => WAITING_ON_A_PERSON.includes(s.state));

/** How long a workflow may take to return once the read model shows its case final. */
const RESULT_WITHIN_MS = 60_000;

/**
 * The payments made for a death case (references `<caseId>:<step>`), as the payments system keeps
 * them, each with whether the population database's family records know its payee as a relative of
 * the deceased.
 */
async function paymentsOf(
  db: Db,
  caseId: string,
  deceasedPin: string,
): Promise<{ reference: string; payee: string; relative: boolean }[]> {
  const { rows } = await db.query<{ reference: string; payee: string; relative: boolean }>(
    `SELECT p.reference, p.payee->>'pin' AS payee,
            EXISTS (SELECT 1 FROM sim_population.relatives r
                     WHERE r.pin = $2 AND r.relative_pin = p.payee->>'pin') AS relative
       FROM sim_payments.payments p
      WHERE left(p.reference, length($1) + 1) = $1 || ':' AND p.status = 'paid'`,
    [caseId, deceasedPin],
  );
  return rows;
}

/** Waits (up to `boundMs`) until the read-model status of every case in `ids` is final. */
async function waitForEnds(db: Db, ids: string[], boundMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < boundMs) {
    const { rows } = await db.query<{ status: string }>(
      'SELECT status FROM cases WHERE case_id = ANY($1)',
      [ids],
    );
    if (rows.length === ids.length && rows.every((r) => isFinal(r.status))) break;
    await sleep(1_000);
  }
  return Math.round((Date.now() - started) / 1000);
}

async function count(db: Db, sql: string, value: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(sql, [value]);
  return rows[0]?.n ?? 0;
}

/** The agencies' records of one case: exactly one of each effect its steps produced. */
async function effects(db: Db, caseId: string, planned: PlannedCase, workflow: CaseView) {
  const found: { what: string; rows: number; want: number }[] = [];
  const expect = async (what: string, want: number, sql: string, value: string) =>
    found.push({ what, want, rows: await count(db, sql, value) });
  const steps = planned.expected.steps;
  const app = planned.application;
  if ('medicalBirthCertificate' in app) {
    // A refused birth leaves its record unregistered (rejected, or cancelled by us when the window
    // closed) — but a request the agency refused as malformed (400) was never recorded at all.
    const recorded = planned.expected.reasonCodes.birth !== 'AGENCY.BAD_REQUEST';
    await expect(
      'birth registration',
      recorded ? 1 : 0,
      `SELECT count(*)::int AS n FROM sim_civil_status.birth_registrations WHERE certificate_number = $1${recorded ? ` AND (status = 'registered') = ${steps.birth === 'completed'}` : ''}`,
      app.medicalBirthCertificate.number,
    );
    const pin = workflow.steps.find((s) => s.step === 'birth')?.result?.pin;
    if (steps.birth === 'completed') {
      if (typeof pin !== 'string') return [...found, { what: 'child PIN', rows: 0, want: 1 }];
      await expect(
        'personal ID number',
        1,
        'SELECT count(*)::int AS n FROM sim_population.citizens WHERE pin = $1',
        pin,
      );
      await expect(
        'permanent residence',
        steps.residence === 'completed' ? 1 : 0,
        `SELECT count(*)::int AS n FROM sim_police.residence_registrations WHERE pin = $1 AND status = 'registered'`,
        pin,
      );
      await expect(
        'health-insurance card',
        steps.insurance === 'completed' ? 1 : 0,
        'SELECT count(*)::int AS n FROM sim_social_insurance.cards WHERE pin = $1',
        pin,
      );
    }
    return found;
  }
  const pin = app.deceased.pin;
  await expect(
    'death registration',
    1,
    `SELECT count(*)::int AS n FROM sim_civil_status.death_registrations WHERE deceased_pin = $1 AND status = 'registered'`,
    pin,
  );
  await expect(
    'residence removal',
    1,
    'SELECT count(*)::int AS n FROM sim_police.residence_removals WHERE pin = $1',
    pin,
  );
  const payer = {
    insured: 'sim_social_insurance.funeral_decisions',
    assistance: 'sim_social_protection.funeral_supports',
    merit: 'sim_merit_services.funeral_allowances',
  }[planned.deceased?.known ?? 'insured'];
  await expect(
    'funeral allowance decision',
    1,
    `SELECT count(*)::int AS n FROM ${payer} WHERE pin = $1 AND status = 'granted'`,
    pin,
  );
  if (steps.survivor)
    await expect(
      'survivor allowance decision',
      1,
      `SELECT count(*)::int AS n FROM sim_social_insurance.survivor_decisions WHERE pin = $1 AND status = 'granted'`,
      pin,
    );
  for (const [benefit, { channel, refused }] of Object.entries(planned.expected.payments)) {
    const reference = `${caseId}:${benefit}`;
    // Paid once by the planned channel, never by the other; nothing paid when the plan says none.
    for (const by of ['bank', 'post'] as const)
      await expect(
        `${benefit} payment by ${by}`,
        channel === by ? 1 : 0,
        `SELECT count(*)::int AS n FROM sim_payments.payments WHERE reference = $1 AND status = 'paid' AND channel = '${by}'`,
        reference,
      );
    await expect(
      `${benefit} payment refused by the bank`,
      refused,
      `SELECT count(*)::int AS n FROM sim_payments.payments WHERE reference = $1 AND status = 'rejected'`,
      reference,
    );
  }
  return found;
}

/** The messages the applicant got: one per event — received, each step's end, the case's end. */
async function notifications(db: Db, caseId: string, planned: PlannedCase) {
  const { rows } = await db.query<{ template: string; text: string; n: number }>(
    `SELECT template, text, count(*)::int AS n FROM sim_notifications.messages
      WHERE reference = $1 GROUP BY template, text`,
    [caseId],
  );
  const findings: Pick<Finding, 'problem' | 'detail'>[] = rows
    .filter((r) => r.n > 1)
    .map((r) => ({ problem: 'duplicate', detail: `notification ${r.template} sent ${r.n} times` }));
  const sent = (template: string) =>
    rows.filter((r) => r.template === template).reduce((sum, r) => sum + r.n, 0);
  const steps = Object.values(planned.expected.steps);
  const want: Record<string, number> = {
    case_received: 1,
    case_finished: 1,
    step_completed: steps.filter((s) => s === 'completed').length,
    step_rejected: steps.filter((s) => s === 'rejected').length,
  };
  for (const [template, n] of Object.entries(want))
    if (sent(template) < n)
      findings.push({
        problem: 'lost',
        detail: `notification ${template}: ${sent(template)} of ${n}`,
      });
  return findings;
}

/**
 * The plan a case is judged by: as planned, except a supplement the citizen never got accepted
 * (listed in `notDelivered`), judged as one left unanswered.
 */
function judgedAs(
  caseId: string,
  planned: PlannedCase,
  supplementAnswer: (caseId: string) => SupplementAnswer,
  notDelivered: Verdict['supplementsNotDelivered'],
): PlannedCase {
  if (planned.kind !== 'birth-supplement-answered') return planned;
  const { seen, accepted, tries } = supplementAnswer(caseId);
  if (accepted) return planned;
  notDelivered.push({ caseId, seen, tries });
  return { ...planned, expected: expectedOf('birth-supplement-timeout') };
}

/** A failure's message as raised: stored encrypted (workflows/failure-converter.ts), decoded here. */
async function failureMessage(
  client: Client,
  failure: temporal.api.failure.v1.IFailure | null | undefined,
): Promise<string> {
  if (!failure) return '';
  const { payloadCodecs, payloadConverter, failureConverter } = client.options.loadedDataConverter;
  for (const codec of [...payloadCodecs].reverse()) await decodePayloadsIn(failure, codec);
  return failureConverter.failureToError(failure, payloadConverter).message;
}

/**
 * For a case that did not end: its steps in the read model and what its workflows are waiting on;
 * their histories are kept in `evidence` for the post-mortem.
 */
async function whereStuck(
  db: Db,
  client: Client,
  caseId: string,
  evidence: string,
): Promise<string> {
  const { rows } = await db.query<{ task_id: string; state: string; open: boolean }>(
    'SELECT task_id, state, open FROM tasks WHERE case_id = $1',
    [caseId],
  );
  const parts = [`read model ${JSON.stringify(rows.map((r) => `${r.task_id}=${r.state}`))}`];
  for (const id of [caseId, ...rows.map((r) => r.task_id)]) {
    const described = await client.workflow
      .getHandle(id)
      .describe()
      .catch((error: unknown) => String(error));
    if (typeof described === 'string') {
      parts.push(`${id}: ${described}`);
      continue;
    }
    const pending = await Promise.all(
      (described.raw.pendingActivities ?? []).map(
        async (a) =>
          `${a.activityType?.name ?? '?'} attempt ${a.attempt ?? 0}: ${await failureMessage(client, a.lastFailure)}`,
      ),
    );
    const task = described.raw.pendingWorkflowTask;
    parts.push(
      `${id}: ${described.status.name} ${JSON.stringify(pending)}${task ? ` workflow task attempt ${task.attempt ?? 1}` : ''}`,
    );
    const history = await client.workflow.getHandle(id).fetchHistory();
    // Kept decrypted: the run's keys go with its throw-away data directory.
    for (const codec of [...client.options.loadedDataConverter.payloadCodecs].reverse())
      await decodePayloadsIn(history, codec);
    mkdirSync(evidence, { recursive: true });
    writeFileSync(join(evidence, `${id.replace(/[^\w.-]/g, '_')}.json`), historyToJSON(history));
    // A workflow stuck on a failing workflow task: does today's code replay its history?
    if (described.status.name === 'RUNNING')
      await Worker.runReplayHistory(WORKFLOW_SOURCES, history, id).catch((error: unknown) =>
        parts.push(
          `${id} does not replay: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
  }
  return parts.join('; ');
}

async function activityRetries(client: Client): Promise<{ retries: number; workflows: number }> {
  let retries = 0;
  let workflows = 0;
  const ids: { workflowId: string; runId: string }[] = [];
  for await (const execution of client.workflow.list())
    ids.push({ workflowId: execution.workflowId, runId: execution.runId });
  for (const { workflowId, runId } of ids) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    workflows += 1;
    for (const event of history.events ?? []) {
      const attempt = event.activityTaskStartedEventAttributes?.attempt ?? 1;
      if (attempt > 1) retries += attempt - 1;
    }
  }
  return { retries, workflows };
}

/**
 * The workflow's own result; lost when it failed, stuck when it has not returned RESULT_WITHIN_MS
 * after the read model showed the case final.
 */
async function resultOf(
  client: Client,
  caseId: string,
): Promise<{ view: CaseView } | { problem: 'lost' | 'stuck'; detail: string }> {
  const result = client.workflow.getHandle(caseId).result() as Promise<CaseView>;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ problem: 'stuck'; detail: string }>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          problem: 'stuck',
          detail: `the workflow had not returned ${RESULT_WITHIN_MS / 1000} s later`,
        }),
      RESULT_WITHIN_MS,
    );
  });
  try {
    return await Promise.race([result.then((view) => ({ view })), late]);
  } catch (error) {
    return { problem: 'lost', detail: `workflow failed: ${String(error)}` };
  } finally {
    clearTimeout(timer);
  }
}

/** The id a filing's business key gives its case (workflows/task-queues.ts, api/filing.ts). */
const caseIdOf = (app: PlannedCase['application']) =>
  'medicalBirthCertificate' in app
    ? workflowIds.birthResidenceInsurance(app.medicalBirthCertificate.number)
    : deathCaseId(app.deceased.pin);

/**
 * A `bad-input` case: each filing answered 400 problem+json naming its one field, and nothing exists
 * behind the business key — no read-model row, no workflow.
 */
async function judgeDoor(db: Db, client: Client, door: DoorFilings): Promise<string[]> {
  const problems: string[] = [];
  door.planned.door.forEach((filing, n) => {
    const reply = door.replies[n];
    const errors = reply?.body.errors as { in?: string; pointer?: string; detail?: string }[];
    const named =
      Array.isArray(errors) &&
      errors.length === 1 &&
      errors[0]?.in === 'body' &&
      errors[0].pointer === filing.pointer &&
      errors[0].detail === filing.detail;
    if (
      reply?.status !== 400 ||
      !reply.contentType.startsWith('application/problem+json') ||
      !named
    )
      problems.push(
        `${filing.pointer}: ${reply?.status ?? 'no answer'} ${reply?.contentType ?? ''} ${JSON.stringify(reply?.body)}, not 400 naming it (${filing.detail})`,
      );
  });
  const caseId = caseIdOf(door.planned.application);
  const rows = await count(db, 'SELECT count(*)::int AS n FROM cases WHERE case_id = $1', caseId);
  if (rows) problems.push(`${caseId} has a read-model row`);
  const described = await client.workflow
    .getHandle(caseId)
    .describe()
    .then(
      (d) => `${caseId} has a workflow (${d.status.name})`,
      (error: unknown) =>
        error instanceof WorkflowNotFoundError ? undefined : `${caseId}: ${String(error)}`,
    );
  if (described) problems.push(described);
  return problems;
}

export async function judge(options: {
  db: Db;
  api: Api;
  client: Client;
  cases: Map<string, PlannedCase>;
  /** The `bad-input` cases, judged apart: they have no case id from the API. */
  door: DoorFilings[];
  boundMs: number;
  /** Where the histories of cases that did not end are written. */
  evidence: string;
  supplementAnswer: (caseId: string) => SupplementAnswer;
}): Promise<Verdict> {
  const { db, api, client, cases } = options;
  const ending = [...cases].filter(([, planned]) => isFinal(planned.expected.status));
  const settledSeconds = await waitForEnds(
    db,
    ending.map(([caseId]) => caseId),
    options.boundMs,
  );
  const findings: Finding[] = [];
  const supplementsNotDelivered: Verdict['supplementsNotDelivered'] = [];
  for (const [caseId, asPlanned] of cases) {
    const report = (problem: Finding['problem'], detail: string) =>
      findings.push({ caseId, kind: asPlanned.kind, problem, detail });
    const planned = judgedAs(caseId, asPlanned, options.supplementAnswer, supplementsNotDelivered);
    const want = planned.expected;
    const plan = plannedEnd(want);
    const read = await api.call(
      'GET',
      `/v1/cases/${encodeURIComponent(caseId)}`,
      citizen(planned.applicantPin),
    );
    const view = read.body as unknown as CaseView;
    if (!isFinal(String(view.status))) {
      if (waitsAsPlanned(view, planned)) {
        if (view.status !== want.status)
          report('lost', `read model ${view.status}; plan ${want.status}, waiting`);
      } else
        report(
          'stuck',
          `${view.status} after the settle period, no one to act: ${await whereStuck(db, client, caseId, options.evidence)}`,
        );
      continue;
    }
    const returned = await resultOf(client, caseId);
    if ('problem' in returned) {
      report(returned.problem, `read model ${view.status}; ${returned.detail}`);
      continue;
    }
    const workflow = returned.view;
    if (!same(endOf(view), plan))
      report('lost', `read model ${JSON.stringify(endOf(view))}; plan ${JSON.stringify(plan)}`);
    if (!same(endOf(workflow), endOf(view)))
      report(
        'mismatch',
        `workflow ${JSON.stringify(endOf(workflow))}; read model ${JSON.stringify(endOf(view))}`,
      );
    for (const effect of await effects(db, caseId, planned, workflow))
      if (effect.rows !== effect.want)
        report(
          effect.rows > effect.want ? 'duplicate' : 'lost',
          `${effect.what}: ${effect.rows} records, ${effect.want} expected`,
        );
    for (const f of await notifications(db, caseId, planned)) report(f.problem, f.detail);
  }
  // Every payment for a death case, whatever the case says: to a relative of the deceased only.
  let paymentsChecked = 0;
  for (const [caseId, planned] of cases) {
    if (!('deceased' in planned.application)) continue;
    for (const paid of await paymentsOf(db, caseId, planned.application.deceased.pin)) {
      paymentsChecked += 1;
      if (!paid.relative)
        findings.push({
          caseId,
          kind: planned.kind,
          problem: 'wrong_payee',
          detail: `${paid.reference} paid to ${paid.payee.slice(-4).padStart(12, '*')}, not a relative of the deceased in the population database`,
        });
    }
  }
  let refusedAtDoor = 0;
  for (const door of options.door) {
    const problems = await judgeDoor(db, client, door);
    refusedAtDoor += door.planned.door.length;
    for (const detail of problems)
      findings.push({
        caseId: caseIdOf(door.planned.application),
        kind: door.planned.kind,
        problem: 'lost',
        detail,
      });
  }
  const audit = await verifyAuditChain(db);
  if (audit.firstBroken !== undefined)
    findings.push({
      caseId: '-',
      kind: 'audit',
      problem: 'mismatch',
      detail: `audit chain broken at row ${audit.firstBroken}`,
    });
  const { retries, workflows } = await activityRetries(client);
  // Cases, not findings: a case that did not reach its end usually misses several effects too.
  const tally = (problem: Finding['problem']) =>
    new Set(findings.filter((f) => f.problem === problem).map((f) => f.caseId)).size;
  return {
    findings,
    lost: tally('lost'),
    duplicates: tally('duplicate'),
    mismatches: tally('mismatch'),
    stuck: tally('stuck'),
    wrongPayees: tally('wrong_payee'),
    paymentsChecked,
    refusedAtDoor,
    supplementsNotDelivered,
    settledSeconds,
    auditRows: audit.rows,
    auditIntact: audit.firstBroken === undefined,
    activityRetries: retries,
    workflows,
  };
}
