// `make demo` (second part): a relative files the death of a seeded BHXH participant with all four
// procedures at the one-stop desk (the population database knows the filer as the deceased's spouse,
// and both adult relatives: SEED_RELATIVES); the civil-status officer, who sees that the filer is a
// verified relative, registers the death; both adult relatives
// confirm the one payee of the lump sum; the finished case shows the death extract, the residence
// removed, the funeral allowance and the survivor lump sum paid. One case per deceased person: run
// again, it shows the case filed the first time.
import { SEED_DECEASED } from '../agencies/simulators/seed';
import { vietnamDate } from '../domain/calendar/vietnam';
import { EXAMPLE_DEATH_APPLICATION, type DeathApplication } from '../domain/DeathApplication';
import type { Principal } from '../domain/principal';
import { approveTask, call, finished, poll, printTimeline, send } from './demo-client';

async function main(): Promise<void> {
  const today = vietnamDate(Date.now());
  const died = new Date(Date.parse(`${today}T00:00:00Z`) - 2 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const deceased = SEED_DECEASED.insured;
  const example = EXAMPLE_DEATH_APPLICATION;
  const application: DeathApplication = {
    ...example,
    deceased: { ...example.deceased, pin: deceased.pin, fullName: deceased.fullName },
    death: { ...example.death, date: died },
    deathNotice: { ...example.deathNotice, issuedOn: died },
  };
  const clerk: Principal = { sub: 'demo-clerk', role: 'clerk', jurisdiction: '00004' };
  const officer: Principal = {
    sub: 'demo-officer',
    role: 'officer',
    agency: 'civil-status',
    jurisdiction: '00004',
  };
  const relatives = application.relatives.map((r): Principal => ({
    sub: `demo-${r.relationship}`,
    role: 'citizen',
    pin: r.pin,
  }));
  const [spouse] = relatives;
  if (!spouse) throw new Error('the example names the relatives');

  const filed = await send<{ caseId: string }>('POST', '/v1/cases', clerk, application);
  const { caseId } = filed.body;
  if (filed.status === 409) console.log(`\n${caseId} was filed before (one case per deceased)`);
  else if (filed.status !== 202)
    throw new Error(`filing → ${filed.status}: ${JSON.stringify(filed.body)}`);
  else {
    console.log(`\nfiled ${caseId}: death, residence removal, funeral and survivor allowances`);
    const task = await poll('the officer’s task', async () => {
      const inbox = await call<{ items: { caseId: string; summary: Record<string, unknown> }[] }>(
        'GET',
        '/v1/tasks',
        officer,
      );
      return inbox.items.find((t) => t.caseId === caseId);
    });
    const filer = task.summary.filer as { relationship?: string; verified?: boolean } | undefined;
    console.log(
      `the officer's task: filed by the deceased's ${filer?.relationship ?? '?'}, ${filer?.verified ? 'a relative verified in the population database' : 'NOT a verified relative'}`,
    );
    await approveTask(officer, caseId);
    console.log('the civil-status officer registered the death');
    for (const relative of relatives) {
      await call('POST', `/v1/cases/${encodeURIComponent(caseId)}/payee-confirmations`, relative, {
        payeePin: application.survivor?.payeePin,
      });
      console.log(`relative ${relative.sub} confirmed the payee in VNeID`);
    }
  }
  const view = await finished(caseId, spouse);
  const result = (step: string) => view.steps.find((s) => s.step === step)?.result ?? {};
  const vnd = (amount?: string) => `${Number(amount ?? 0).toLocaleString('vi-VN')} ₫`;
  console.log(`\ncase ${view.caseId}: ${view.status}`);
  console.log(`  death extract                  ${result('death').extractNumber}`);
  console.log(`  residence removed              ${result('residence-removal').residenceRef}`);
  const funeral = result('funeral');
  console.log(
    `  funeral allowance              ${vnd(funeral.amountVnd)} (${funeral.payer}, ${funeral.decisionNumber}, paid ${funeral.paymentChannel} ${funeral.paymentRef})`,
  );
  const survivor = result('survivor');
  console.log(
    `  survivor allowance, lump sum   ${vnd(survivor.amountVnd)} (${survivor.decisionNumber}, paid ${survivor.paymentChannel} ${survivor.paymentRef})`,
  );
  printTimeline(view);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
