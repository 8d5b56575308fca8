// The people of a chaos run, acting only through the API as they would: a clerk files each case, the
// officers work their inboxes by script, relatives answer supplements and confirm the payee. Every
// call retries what a person would retry (the API down, 503, 429) with the same Idempotency-Key, so a
// reply lost to a crash never turns into a second effect; what each retry met is counted.
import { participant, type SimulatorsAdmin } from '../../agencies/simulators/admin.client';
import { token } from '../../bench/lib/engine';
import type { Principal } from '../../domain/principal';
import type { PlannedCase } from './plan';

export const clerk = (commune: string): Principal => ({
  sub: `chaos-clerk-${commune}`,
  role: 'clerk',
  jurisdiction: commune,
});
export const citizen = (pin: string): Principal => ({ sub: `chaos-${pin}`, role: 'citizen', pin });

/** What the API answered across the run, by status ('network' when nothing came back). */
export type Tally = Record<string, number>;

export interface Reply {
  status: number;
  contentType: string;
  body: Record<string, unknown>;
}

export class Api {
  readonly tally: Tally = {};
  constructor(
    private readonly base: string,
    private readonly giveUpAt: number,
  ) {}

  private count(what: string) {
    this.tally[what] = (this.tally[what] ?? 0) + 1;
  }

  /** One request; undefined when nothing came back (connection refused, reset, 15 s passed). */
  async once(
    method: string,
    path: string,
    principal: Principal,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<Reply | undefined> {
    try {
      const response = await fetch(`${this.base}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${await token(principal)}`,
          ...(body !== undefined && { 'Content-Type': 'application/json' }),
          ...(idempotencyKey && { 'Idempotency-Key': idempotencyKey }),
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(15_000),
      });
      const text = await response.text();
      this.count(String(response.status));
      return {
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
        body: text ? (JSON.parse(text) as Reply['body']) : {},
      };
    } catch {
      this.count('network');
      return undefined;
    }
  }

  /** Retries until the API gives an answer that is not "try again" (network, 429, 502–504). */
  async call(
    method: string,
    path: string,
    principal: Principal,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<Reply> {
    for (let attempt = 0; ; attempt += 1) {
      const reply = await this.once(method, path, principal, body, idempotencyKey);
      if (reply && ![429, 502, 503, 504].includes(reply.status)) return reply;
      if (Date.now() > this.giveUpAt) throw new Error(`${method} ${path}: gave up`);
      await sleep(Math.min(250 * 2 ** attempt, 3_000));
    }
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Registers what the agencies know about a deceased person before the relatives file. */
export async function registerDeceased(
  admin: SimulatorsAdmin,
  planned: PlannedCase,
): Promise<void> {
  const { deceased } = planned;
  if (!deceased || !('deceased' in planned.application)) return;
  const { commune, line } = planned.application.deceased.lastResidence;
  const heads: Record<string, string> = { '00004': '001088054321', '00070': '001075001122' };
  const person = {
    pin: deceased.pin,
    fullName: planned.application.deceased.fullName,
    residence: { commune, line, householdHeadPin: heads[commune] ?? '' },
    ...(deceased.known === 'insured' && { insured: participant(14) }),
    ...(deceased.known === 'assistance' && { assistance: true }),
    ...(deceased.known === 'merit' && { meritCategory: 'thương binh' }),
    // The relatives who file and confirm, in the population database's family records (issue 19:
    // a death is filed, and money paid, only by and to relatives it knows).
    relatives: planned.application.relatives.map((r) => ({
      pin: r.pin,
      fullName: r.fullName,
      dateOfBirth: r.dateOfBirth,
      sex: r.relationship === 'spouse' ? ('female' as const) : ('male' as const),
      relationship: r.relationship,
    })),
  };
  // The admin endpoints share the agencies' database: retried through its restart.
  for (let attempt = 0; ; attempt += 1)
    try {
      return await admin.registerPerson(person);
    } catch (error) {
      if (attempt >= 60) throw error;
      await sleep(1_000);
    }
}

/** Files a planned case through the API as the commune's clerk; returns its case id. */
export async function fileCase(api: Api, run: string, planned: PlannedCase): Promise<string> {
  const reply = await api.call(
    'POST',
    '/v1/cases',
    clerk(planned.application.receivingCommune),
    planned.application,
    `chaos-${run}-file-${planned.index}`,
  );
  if (reply.status !== 202 || typeof reply.body.caseId !== 'string')
    throw new Error(`filing case ${planned.index} → ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.caseId;
}

/** Files each of a `bad-input` case's unstorable copies as the clerk would; returns the answers. */
export async function fileUnstorable(
  api: Api,
  run: string,
  planned: PlannedCase,
): Promise<Reply[]> {
  const replies: Reply[] = [];
  for (const [n, filing] of planned.door.entries())
    replies.push(
      await api.call(
        'POST',
        '/v1/cases',
        clerk(filing.application.receivingCommune),
        filing.application,
        `chaos-${run}-file-${planned.index}-unstorable-${n}`,
      ),
    );
  return replies;
}

interface Task {
  taskId: string;
  caseId: string;
  step: string;
  state: string;
}

export interface SupplementAnswer {
  /** The citizen saw the request (the case awaiting a supplement) at least once. */
  seen: boolean;
  accepted: boolean;
  tries: string[];
}

/**
 * The officers and the relatives, polling as people do until `stop()`: officers decide the tasks in
 * review by each case's script; relatives answer a supplement request or confirm the payee when
 * their case shows it.
 */
export function startPeople(
  api: Api,
  run: string,
  cases: Map<string, PlannedCase>,
  officers: Principal[],
) {
  let stopped = false;
  const decided = new Set<string>();
  const answered = new Set<string>();
  // What the API answered each citizen who tried to send a supplement, in order.
  const supplementTries = new Map<string, string[]>();
  const confirmed = new Set<string>();

  const decide = async (officer: Principal, task: Task) => {
    const planned = cases.get(task.caseId);
    if (!planned) return; // not ours (cannot happen: the stack is the run's own)
    const script = planned.officer[task.step] ?? 'approve';
    const decision =
      script === 'approve' || answered.has(task.caseId)
        ? { decision: 'approve' }
        : decided.has(`${task.taskId}:request_supplement`)
          ? undefined // waiting for the relatives, or for the window to close
          : { decision: 'request_supplement', missing: ['bản sao giấy chứng sinh có chữ ký số'] };
    if (!decision) return;
    const key = `${task.taskId}:${decision.decision}`;
    if (decided.has(key)) return;
    const reply = await api.call(
      'POST',
      `/v1/tasks/${encodeURIComponent(task.taskId)}/decision`,
      officer,
      decision,
      `chaos-${run}-${key}`,
    );
    // 422: the read model had not caught up with a decision already taken; the next look settles it.
    if (reply.status === 200 || reply.status === 202) decided.add(key);
  };

  const officerLoop = async (officer: Principal) => {
    while (!stopped) {
      for (let offset = 0; !stopped; offset += 200) {
        const reply = await api.call('GET', `/v1/tasks?limit=200&offset=${offset}`, officer);
        const page = (reply.body.items as Task[] | undefined) ?? [];
        // An office has many officers: eight decisions at a time, so one slow answer (a worker
        // restarting) does not hold up the rest of the inbox.
        const inReview = page.filter((t) => t.state === 'in_review');
        for (let i = 0; i < inReview.length; i += 8)
          await Promise.all(inReview.slice(i, i + 8).map((task) => decide(officer, task)));
        if (page.length < 200) break;
      }
      await sleep(1_000);
    }
  };

  const needs = (caseId: string, planned: PlannedCase) => ({
    answer: planned.officer.birth === 'supplement-then-approve' && !answered.has(caseId),
    confirmation: planned.confirmers.some((p) => !confirmed.has(`${caseId}:${p}`)),
  });

  const actFor = async (caseId: string, planned: PlannedCase) => {
    const { answer: needsAnswer, confirmation: needsConfirmation } = needs(caseId, planned);
    const path = `/v1/cases/${encodeURIComponent(caseId)}`;
    const view = await api.call('GET', path, citizen(planned.applicantPin));
    if (needsAnswer && view.body.status === 'awaiting_supplement') {
      if (!supplementTries.has(caseId)) supplementTries.set(caseId, []);
      const reply = await api.call(
        'POST',
        `${path}/supplements`,
        citizen(planned.applicantPin),
        { documents: ['giay-chung-sinh-ban-sao.pdf'] },
        `chaos-${run}-supplement-${planned.index}`,
      );
      supplementTries.set(caseId, [...(supplementTries.get(caseId) ?? []), String(reply.status)]);
      if (reply.status < 300) answered.add(caseId);
    }
    const payee = view.body.payee as { state?: string } | undefined;
    if (needsConfirmation && payee?.state === 'awaiting')
      for (const pin of planned.confirmers) {
        if (confirmed.has(`${caseId}:${pin}`)) continue;
        const reply = await api.call(
          'POST',
          `${path}/payee-confirmations`,
          citizen(pin),
          { payeePin: planned.applicantPin },
          `chaos-${run}-payee-${planned.index}-${pin}`,
        );
        if (reply.status === 200) confirmed.add(`${caseId}:${pin}`);
      }
  };

  // Each family minds its own case, as families do: a look at the case (and an answer) runs on
  // its own, so one slow call — the API restarting, a workflow whose worker was just killed — holds
  // up that family only, never the others past their supplement windows (a sweep that waited for
  // every call had left requests unseen for minutes). At most 32 families at a time.
  const acting = new Map<string, Promise<void>>();
  const relativesLoop = async () => {
    while (!stopped) {
      for (const [caseId, planned] of cases) {
        if (acting.has(caseId) || acting.size >= 32) continue;
        const { answer, confirmation } = needs(caseId, planned);
        if (!answer && !confirmation) continue;
        acting.set(
          caseId,
          actFor(caseId, planned)
            .catch(() => undefined) // past the run's bound: the oracle judges what is left
            .finally(() => acting.delete(caseId)),
        );
      }
      await sleep(1_000);
    }
    await Promise.allSettled(acting.values());
  };

  // Past the run's bound the API client gives up (throws): the people stop, and the oracle judges
  // what was left undone — a report, not a crashed run.
  const loops = [...officers.map(officerLoop), relativesLoop()].map((loop) =>
    loop.catch(() => undefined),
  );
  return {
    /**
     * The citizen's supplement answer for a case: whether the request was seen, whether the API
     * accepted the answer, and the final status of each try (api.call retries 503s and lost replies).
     */
    supplementAnswer(caseId: string): SupplementAnswer {
      const tries = supplementTries.get(caseId);
      return { seen: tries !== undefined, accepted: answered.has(caseId), tries: tries ?? [] };
    },
    async stop() {
      stopped = true;
      await Promise.allSettled(loops);
    },
  };
}
