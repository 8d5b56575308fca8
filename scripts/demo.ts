// `make demo` (with `make start` running): files a Group A case as a one-stop clerk, acts as the
// civil-status officer, and prints the finished case as its citizen sees it.
import { mintToken } from '../api/auth';
import { AuthEnv, loadEnv } from '../config/env';
import { EXAMPLE_BIRTH_APPLICATION, type BirthApplication } from '../domain/BirthApplication';
import { vietnamDate } from '../domain/calendar/vietnam';
import type { Principal } from '../domain/principal';
import type { CaseView } from '../domain/procedures/views';

const API = `http://127.0.0.1:${process.argv[2] ?? '3000'}`;
const auth = loadEnv(AuthEnv);
const token = (principal: Principal) =>
  mintToken(
    {
      secret: auth.AUTH_JWT_SECRET,
      issuer: auth.AUTH_JWT_ISSUER,
      audience: auth.AUTH_JWT_AUDIENCE,
    },
    principal,
  );

async function call<T>(
  method: string,
  path: string,
  principal: Principal,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${API}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${await token(principal)}`,
      'Content-Type': 'application/json',
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const json = (await response.json()) as T;
  if (!response.ok)
    throw new Error(`${method} ${path} → ${response.status}: ${JSON.stringify(json)}`);
  return json;
}

async function poll<T>(what: string, read: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 150; i += 1) {
    const found = await read();
    if (found !== undefined) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function main(): Promise<void> {
  const certificate = `CS-DEMO-${Date.now().toString(36).toUpperCase()}`;
  const today = vietnamDate(Date.now());
  const example = EXAMPLE_BIRTH_APPLICATION;
  const application: BirthApplication = {
    ...example,
    child: { ...example.child, dateOfBirth: today },
    medicalBirthCertificate: {
      ...example.medicalBirthCertificate,
      number: certificate,
      issuedOn: today,
    },
  };
  const clerk: Principal = { sub: 'demo-clerk', role: 'clerk', jurisdiction: '00004' };
  const officer: Principal = {
    sub: 'demo-officer',
    role: 'officer',
    agency: 'civil-status',
    jurisdiction: '00004',
  };
  const mother: Principal = { sub: 'demo-citizen', role: 'citizen', pin: '001190012345' };

  const { caseId } = await call<{ caseId: string }>('POST', '/v1/cases', clerk, application);
  console.log(`filed ${caseId} as a one-stop clerk of commune 00004`);
  const task = await poll('the civil-status task', async () => {
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
  console.log('the civil-status officer approved the birth registration');
  const view = await poll('the finished case', async () => {
    const current = await call<CaseView>('GET', `/v1/cases/${encodeURIComponent(caseId)}`, mother);
    return ['completed', 'partially_completed', 'rejected'].includes(current.status)
      ? current
      : undefined;
  });
  const result = (step: string) => view.steps.find((s) => s.step === step)?.result ?? {};
  console.log(`\ncase ${view.caseId}: ${view.status}`);
  console.log(`  personal ID number (PIN)       ${result('birth').pin}`);
  console.log(`  birth certificate extract      ${result('birth').extractNumber}`);
  console.log(`  permanent residence reference  ${result('residence').residenceRef}`);
  console.log(
    `  health-insurance card number   ${result('insurance').insuranceNumber} (valid to ${result('insurance').validTo})`,
  );
  console.log('  timeline:');
  for (const entry of view.timeline)
    console.log(
      `    ${entry.at}  ${entry.step ?? 'case'}: ${entry.event}${entry.detail ? ` (${entry.detail})` : ''}`,
    );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
