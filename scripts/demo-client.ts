// What the demo scripts share: calling the running API with a development token per person, waiting
// for something to happen, and printing a case's timeline.
import { authSettings, mintToken } from '../api/auth';
import { AuthEnv, loadEnv } from '../config/env';
import type { Principal } from '../domain/principal';
import type { CaseView } from '../domain/procedures/views';

export const API = `http://127.0.0.1:${process.argv[2] ?? '3000'}`;
const auth = loadEnv(AuthEnv);
const token = (principal: Principal) => mintToken(authSettings(auth), principal, '1h');

/** One API call as `principal`: the status and the parsed body. */
export async function send<T>(
  method: string,
  path: string,
  principal: Principal,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${API}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${await token(principal)}`,
      'Content-Type': 'application/json',
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** One API call that must succeed. */
export async function call<T>(
  method: string,
  path: string,
  principal: Principal,
  body?: unknown,
): Promise<T> {
  const reply = await send<T>(method, path, principal, body);
  if (reply.status >= 300)
    throw new Error(`${method} ${path} → ${reply.status}: ${JSON.stringify(reply.body)}`);
  return reply.body;
}

export async function poll<T>(what: string, read: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 150; i += 1) {
    const found = await read();
    if (found !== undefined) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Waits for the case's task in the officer's inbox and approves it. */
export async function approveTask(officer: Principal, caseId: string): Promise<void> {
  const task = await poll('the officer’s task', async () => {
    const inbox = await call<{ items: { caseId: string; taskId: string }[] }>(
      'GET',
      '/v1/tasks',
      officer,
    );
    return inbox.items.find((t) => t.caseId === caseId);
  });
  await call('POST', `/v1/tasks/${encodeURIComponent(task.taskId)}/decision`, officer, {
    decision: 'approve',
  });
}

/** Waits until the case (read as `reader`) is finished. */
export function finished(caseId: string, reader: Principal): Promise<CaseView> {
  return poll('the finished case', async () => {
    const current = await call<CaseView>('GET', `/v1/cases/${encodeURIComponent(caseId)}`, reader);
    return ['completed', 'partially_completed', 'rejected', 'annulled'].includes(current.status)
      ? current
      : undefined;
  });
}

export function printTimeline(view: CaseView): void {
  console.log('  timeline:');
  for (const entry of view.timeline)
    console.log(
      `    ${entry.at}  ${entry.step ?? 'case'}: ${entry.event}${entry.detail ? ` (${entry.detail})` : ''}`,
    );
}
