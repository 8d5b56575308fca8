// Group B and deadlines in a real browser against the real stack: a clerk files a death with both
// allowances, the civil-status officer registers it, a relative confirms the payee, and the money
// paid shows in đồng; an overdue step heads the inbox, marked, and the supervisor sees it late.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROUP_A_RULES } from '../../domain/procedures/birth-residence-insurance.rules';
import { formatMoney, todayInVietnam } from '../../web/src/format';
import { aBirthApplication } from '../fixtures/birth-application';
import { citizen, file, stepOf, uniqueCertificate, waitForCase } from '../support/group-a';
import {
  addDeceased,
  aDeathApplication,
  participant,
  registerRelatives,
  uniquePin,
} from '../support/group-b';
import {
  CIVIL_STATUS,
  CLERK,
  MOTHER,
  openTask,
  sendDecision,
  ready,
  screenshot,
  signedIn,
  startBrowserStack,
  untilShown,
  type BrowserStack,
} from './browser';
import { fieldsOf, fillForm } from './forms';

describe('web pages in Chromium: allowances and deadlines', () => {
  let env: BrowserStack;
  beforeAll(async () => {
    env = await startBrowserStack();
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('when a clerk files a Group B case in the browser and a relative confirms the payee there, then the allowances paid show in đồng', async () => {
    const deceased = await addDeceased(env.stack.simulatorsUrl, {
      insured: participant(14),
      relatives: [],
    });
    const [spouse, child] = [
      uniquePin({ sex: 'female', yearOfBirth: 1955 }),
      uniquePin({ yearOfBirth: 1980 }),
    ];
    const payment = {
      bankAccount: { bank: 'VCB', number: '0011001234567' },
      postAddress: { commune: '00004', line: '12 Phố Đội Cấn' },
    };
    const relative = (pin: string, relationship: 'spouse' | 'child', born: string) => ({
      fullName: relationship === 'spouse' ? 'Lê Thị Hoa' : 'Lê Minh Khoa',
      pin,
      relationship,
      dateOfBirth: born,
      survivorEligible: false,
      hasDirectCarer: true,
    });
    const today = todayInVietnam();
    const application = aDeathApplication(deceased, today, 3, {
      components: { funeral: true, survivor: true },
      applicant: { ...aDeathApplication(deceased, today).applicant, pin: spouse },
      relatives: [relative(spouse, 'spouse', '1955-01-01'), relative(child, 'child', '1980-01-01')],
      survivor: { kind: 'lump_sum', payeePin: spouse, payment },
    });
    await registerRelatives(env.stack.simulatorsUrl, application);

    const clerk = await signedIn(env.browser, env.base, CLERK);
    await clerk.page.check('#procedure-1');
    await clerk.page.click('text=Thêm thân nhân');
    await clerk.page.click('text=Thêm thân nhân');
    await fillForm(clerk.page, fieldsOf(application));
    await screenshot(clerk.page, 'clerk-form-group-b');
    await Promise.all([
      clerk.page.waitForURL(/\/cases\//),
      clerk.page.click('button[type=submit].primary'),
    ]);
    await ready(clerk.page);
    const caseId = await clerk.page.locator('#case-id').innerText();
    expect(caseId).toMatch(/^death-residence-funeral:/);
    await clerk.context.close();

    const officer = await signedIn(env.browser, env.base, CIVIL_STATUS);
    await openTask(officer.page, caseId);
    expect(await officer.page.locator('main').innerText()).toContain(deceased.fullName);
    await sendDecision(officer.page, 'approve');
    await expect.poll(() => officer.page.locator('.notice').innerText()).toContain('Hoàn thành');
    await officer.context.close();
    await waitForCase(env.stack.app, caseId, spouse, (v) =>
      expect(v.payee?.state).toBe('awaiting'),
    );
    const confirmed = await request(env.stack.app)
      .post(`/v1/cases/${encodeURIComponent(caseId)}/payee-confirmations`)
      .set('Authorization', `Bearer ${await citizen(spouse)}`)
      .send({ payeePin: spouse });
    expect(confirmed.status).toBe(200);

    const son = await signedIn(env.browser, env.base, { role: 'citizen', pin: child });
    await son.page.goto(`/cases/${encodeURIComponent(caseId)}`);
    await untilShown(son.page, '#payee-pin');
    expect(await son.page.locator('form[aria-labelledby="payee-title"]').innerText()).toContain(
      `********${spouse.slice(-4)}`,
    );
    await son.page.fill('#payee-pin', spouse);
    await son.page.click('form[aria-labelledby="payee-title"] button[type=submit]');
    await expect
      .poll(() => son.page.locator('p.status').innerText())
      .toBe('Đã ghi nhận xác nhận của bạn.');
    await son.context.close();

    const view = await waitForCase(env.stack.app, caseId, spouse, (v) =>
      expect(v.status).toBe('completed'),
    );
    const paid = (step: string) => Number(stepOf(view, step).result?.amountVnd);
    expect(paid('funeral')).toBe(23_400_000);
    const widow = await signedIn(env.browser, env.base, { role: 'citizen', pin: spouse });
    await widow.page.goto(`/cases/${encodeURIComponent(caseId)}`);
    await ready(widow.page);
    const funeral = await widow.page.locator('li[data-step="funeral"]').innerText();
    expect(funeral).toContain('Số tiền đã chi trả\n23.400.000\u00a0₫');
    const survivor = await widow.page.locator('li[data-step="survivor"]').innerText();
    expect(survivor).toContain(`Số tiền đã chi trả\n${formatMoney(paid('survivor'))}`);
    await screenshot(widow.page, 'citizen-timeline-group-b');
    await widow.context.close();
  });

  it('when a task is past its deadline, then the inbox lists it first and marks it overdue, and the supervisor sees it as late', async () => {
    const [early, late] = [
      (await file(env.stack.app, aBirthApplication(uniqueCertificate()))).body.caseId as string,
      (await file(env.stack.app, aBirthApplication(uniqueCertificate()))).body.caseId as string,
    ];
    // Filed within 4 hours of its same-day deadline (after 13:00), a step is reminded at once: that
    // projection must land before the deadline is moved below, or it would put the real one back.
    const reminderMs = (GROUP_A_RULES[0]?.reminderHoursBeforeDeadline ?? 0) * 3_600_000;
    for (const caseId of [early, late])
      await waitForCase(env.stack.app, caseId, MOTHER, (v) => {
        const birth = stepOf(v, 'birth');
        expect(birth.state).toBe('in_review');
        expect(birth.reminded).toBe(Date.now() >= Date.parse(birth.deadline ?? '') - reminderMs);
      });
    // Real deadlines are days away: move this step's deadline in the read model into the past, as
    // the projection of a step that ran out of time carries it.
    await env.stack.database.db.query(
      "UPDATE tasks SET deadline = now() - interval '2 hours' WHERE task_id = $1",
      [`${late}:birth`],
    );

    const officer = await signedIn(env.browser, env.base, CIVIL_STATUS);
    await untilShown(officer.page, `a[href*="${encodeURIComponent(late)}"]`);
    const rows = await officer.page.locator('tbody tr').allInnerTexts();
    expect(
      await officer.page
        .locator('tbody tr')
        .first()
        .locator('a.tracking')
        .getAttribute('data-case-id'),
    ).toBe(late);
    // Two hours past this morning's deadline: overdue, by no working day yet (api/deadline-clocks.ts).
    expect(rows[0]).toContain('đã quá hạn');
    expect(rows.filter((row) => /quá hạn/i.test(row))).toHaveLength(1);
    const deadlines = rows.map((row) => {
      const m = /(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2})/.exec(row);
      return m ? `${m[3]}${m[2]}${m[1]}${m[4]}${m[5]}` : '99999999';
    });
    expect(deadlines).toEqual([...deadlines].sort());
    expect(await officer.page.locator('.deadline.overdue').count()).toBe(1);
    await screenshot(officer.page, 'officer-inbox-overdue');
    await officer.context.close();

    const supervisor = await signedIn(env.browser, env.base, {
      role: 'supervisor',
      jurisdiction: '00004',
    });
    // The section lists late steps and those at risk; the early one is at risk only when filed
    // within 4 hours of its same-day deadline, and is never marked late.
    const lateRow = (caseId: string) =>
      supervisor.page
        .locator('section[aria-labelledby="late-steps"] tbody tr')
        .filter({ has: supervisor.page.locator(`[data-case-id="${caseId}"]`) })
        .allInnerTexts();
    expect((await lateRow(late)).join()).toMatch(/quá hạn/i);
    expect((await lateRow(early)).join()).not.toMatch(/quá hạn/i);
    await supervisor.context.close();
  });
});
