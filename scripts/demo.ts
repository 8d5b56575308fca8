// `make demo` (with `make start` running): files a Group A case as a one-stop clerk, acts as the
// civil-status officer, and prints the finished case as its citizen sees it.
import { EXAMPLE_BIRTH_APPLICATION, type BirthApplication } from '../domain/BirthApplication';
import { vietnamDate } from '../domain/calendar/vietnam';
import type { Principal } from '../domain/principal';
import { approveTask, call, finished, printTimeline } from './demo-client';

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
  await approveTask(officer, caseId);
  console.log('the civil-status officer approved the birth registration');
  const view = await finished(caseId, mother);
  const result = (step: string) => view.steps.find((s) => s.step === step)?.result ?? {};
  console.log(`\ncase ${view.caseId}: ${view.status}`);
  console.log(`  personal ID number (PIN)       ${result('birth').pin}`);
  console.log(`  birth certificate extract      ${result('birth').extractNumber}`);
  console.log(`  permanent residence reference  ${result('residence').residenceRef}`);
  console.log(
    `  health-insurance card number   ${result('insurance').insuranceNumber} (valid to ${result('insurance').validTo})`,
  );
  printTimeline(view);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
